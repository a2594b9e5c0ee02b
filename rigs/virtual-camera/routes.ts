// Every CGI the virtual camera serves, by spec chapter. A chapter adds its list here.
import { configRoutes } from './general/config-cgi.ts';
import { audioRoutes } from './audio/routes.ts';
import { generalRoutes } from './general/routes.ts';
import type { Route } from './http/route.ts';
import { webRoutes } from './web/routes.ts';
import { ioRoutes } from './io/routes.ts';
import { ipfilterRoutes } from './ipfilter/ipfilter-cgi.ts';
import { ptzMotionRoutes } from './ptz/routes.ts';
import { storageRoutes } from './storage/routes.ts';
import { videoChapterRoutes } from './video/routes.ts';

export const ROUTES: readonly Route[] = [...configRoutes, ...audioRoutes, ...webRoutes, ...generalRoutes, ...ioRoutes, ...ipfilterRoutes, ...ptzMotionRoutes, ...storageRoutes, ...videoChapterRoutes];
