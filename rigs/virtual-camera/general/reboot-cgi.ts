// reboot.cgi (spec §1.8): answers OK, then the camera is unreachable for
// options.rebootMs and boots again; the system log records both.
import type { ServerResponse } from 'node:http';
import { onlyKnown } from '../http/query.ts';
import { sendOk } from '../http/reply.ts';
import type { CgiRequest, Route } from '../http/route.ts';
import type { VirtualCameraState } from '../state.ts';
import { assertNotRestarting, restartAfterReply } from './restart.ts';

function reboot(req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): void {
  onlyKnown(req.query, []);
  assertNotRestarting(cam);
  restartAfterReply(res, cam, `requested by ${req.user.name}`);
  sendOk(res);
}

export const rebootRoutes: Route[] = [{ path: '/reboot.cgi', role: 'admin', summary: 'restart the camera', handle: reboot }];
