// systemlog.cgi (spec §1.9): the camera's log as text/plain, oldest line first.
// Lines are `YYYY-MM-DD hh:mm:ss <source>: <event>` in camera time; passwords never
// reach the log (the CGIs that handle them log user names only).
import type { ServerResponse } from 'node:http';
import { onlyKnown } from '../http/query.ts';
import { sendText } from '../http/reply.ts';
import type { CgiRequest, Route } from '../http/route.ts';
import type { VirtualCameraState } from '../state.ts';

function systemlog(req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): void {
  onlyKnown(req.query, []);
  sendText(res, cam.log.text());
}

export const systemLogRoutes: Route[] = [{ path: '/systemlog.cgi', role: 'admin', summary: 'the system log', handle: systemlog }];
