// The image and video chapter's CGIs (spec 2) plus setosd.cgi (spec 1.11), whose effect
// is seen in the image.
import { osdRoutes } from '../general/osd-cgi.ts';
import type { Route } from '../http/route.ts';
import { imageRoutes } from './image-cgi.ts';
import { resolutionRoutes } from './resolution-cgi.ts';
import { videoRoutes } from './video-cgi.ts';
import { videoStatusRoutes } from './videostatus-cgi.ts';

export const videoChapterRoutes: Route[] = [...imageRoutes, ...videoRoutes, ...resolutionRoutes, ...videoStatusRoutes, ...osdRoutes];
