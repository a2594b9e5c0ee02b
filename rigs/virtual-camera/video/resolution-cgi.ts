// resolution.cgi (spec 2.1, "Image size"): the default image size of camera 1, i.e.
// Image.I0.Appearance.Resolution. The spec names only the CGI; VAPIX-style design:
//   resolution.cgi?resolution=WxH[&camera=1]   set it (admin); must be one of
//                                              Properties.Image.Resolution; answers OK
//   resolution.cgi[?action=get][&camera=1]     `resolution=640x480` (viewer)
//   resolution.cgi?action=list[&camera=1]      `resolutions=1920x1080,1280x720,...` (viewer)
// `action=set&resolution=WxH` is the explicit form of the first. Streams already running
// keep their size; new snapshots and streams use the new one.
import type { ServerResponse } from 'node:http';
import { onlyKnown, single } from '../http/query.ts';
import { sendOk, sendText } from '../http/reply.ts';
import { CgiError, type CgiRequest, type Route } from '../http/route.ts';
import type { VirtualCameraState } from '../state.ts';
import { checkCamera, offeredResolutions, parseResolution } from './request.ts';

const PARAM = 'Image.I0.Appearance.Resolution';

function handle(req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): void {
  const q = req.query;
  onlyKnown(q, ['action', 'resolution', 'camera']);
  checkCamera(q);
  const resolution = single(q, 'resolution');
  const action = single(q, 'action') ?? (resolution === undefined ? 'get' : 'set');
  if (action !== 'set' && resolution !== undefined) throw new CgiError(`action=${action} takes no resolution=`);
  switch (action) {
    case 'get':
      return sendText(res, `resolution=${cam.params.must(PARAM)}\r\n`);
    case 'list':
      return sendText(res, `resolutions=${offeredResolutions(cam).join(',')}\r\n`);
    case 'set': {
      if (resolution === undefined) throw new CgiError('action=set needs resolution=WxH');
      if (req.user.role !== 'admin') throw new CgiError(`user ${req.user.name} (${req.user.role}) may not set the resolution: it needs admin`, 403);
      parseResolution(cam, resolution);
      const changed = cam.params.update([[PARAM, resolution]]);
      if (changed.length) cam.log.add('config', `resolution set to ${resolution} by ${req.user.name}`);
      cam.changed(changed);
      return sendOk(res);
    }
    default:
      throw new CgiError(`unknown action "${action.slice(0, 40)}" (get, list or set)`);
  }
}

export const resolutionRoutes: Route[] = [
  { path: '/resolution.cgi', role: 'viewer', summary: 'default image size: get/list (viewer), resolution=WxH sets it (admin)', handle },
];
