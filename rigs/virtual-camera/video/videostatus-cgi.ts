// videostatus.cgi (spec 2.2): `status=1` (or a comma list of cameras) answers one line per
// camera, `Video 1 = video` or `Video 1 = no video` when the source has no signal
// (source.ts; fault injection switches it). Only camera 1 exists.
import type { ServerResponse } from 'node:http';
import { onlyKnown, required } from '../http/query.ts';
import { sendText } from '../http/reply.ts';
import { CgiError, type CgiRequest, type Route } from '../http/route.ts';
import type { VirtualCameraState } from '../state.ts';
import { CAMERAS } from './request.ts';
import { videoSourceOf } from './source.ts';

function handle(req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): void {
  onlyKnown(req.query, ['status']);
  const list = required(req.query, 'status').split(',');
  const cameras = list.map((c) => {
    if (!/^\d{1,6}$/.test(c)) throw new CgiError(`status: "${c.slice(0, 40)}" is not a camera number`);
    const n = Number(c);
    if (n < 1 || n > CAMERAS) throw new CgiError(`status: camera ${n} does not exist (this camera has ${CAMERAS} video source)`);
    return n;
  });
  const state = videoSourceOf(cam).live ? 'video' : 'no video';
  sendText(res, cameras.map((n) => `Video ${n} = ${state}\r\n`).join(''));
}

export const videoStatusRoutes: Route[] = [{ path: '/videostatus.cgi', role: 'viewer', summary: 'video signal per camera: status=1', handle }];
