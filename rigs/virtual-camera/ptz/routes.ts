// The CGIs of spec §3 (PTZ) and §4.5 (motion levels) as one list, so both chapters join
// the camera through one line in routes.ts. Motion windows themselves are config.cgi's.
import type { Route } from '../http/route.ts';
import { motionCgiRoute } from '../motion/motion-cgi.ts';
import { configPtzRoute } from './configptz-cgi.ts';
import { ptzCgiRoute } from './ptz-cgi.ts';

export const ptzMotionRoutes: readonly Route[] = [ptzCgiRoute, configPtzRoute, motionCgiRoute];
