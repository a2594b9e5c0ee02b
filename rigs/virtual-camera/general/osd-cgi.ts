// setosd.cgi (spec 1.11, OSD string). The spec names only the CGI; VAPIX-style parameters,
// each written to its Image.I0.Text.* parameter through the parameter store (so its
// validation applies, config.cgi lists the result and the 'params' event fires):
//   text=<string>          Image.I0.Text.String (printable ASCII, at most 64; may be empty)
//   enabled=yes|no         Image.I0.Text.TextEnabled (setting text does not enable it)
//   clock=yes|no           Image.I0.Text.ClockEnabled
//   date=yes|no            Image.I0.Text.DateEnabled
//   position=top|bottom    Image.I0.Text.Position
//   camera=1               the only video source
// At least one setting; all are checked before any is applied. Answers `OK`.
// Admin only: the OSD is image configuration, and operators may change only PTZ, outputs
// and motion settings (docs/virtual-camera.md, groups).
import type { ServerResponse } from 'node:http';
import { onlyKnown, single } from '../http/query.ts';
import { sendOk } from '../http/reply.ts';
import { CgiError, type CgiRequest, type Route } from '../http/route.ts';
import type { VirtualCameraState } from '../state.ts';
import { checkCamera } from '../video/request.ts';

const SETTINGS: Record<string, { param: string; values?: readonly string[] }> = {
  text: { param: 'Image.I0.Text.String' },
  enabled: { param: 'Image.I0.Text.TextEnabled', values: ['yes', 'no'] },
  clock: { param: 'Image.I0.Text.ClockEnabled', values: ['yes', 'no'] },
  date: { param: 'Image.I0.Text.DateEnabled', values: ['yes', 'no'] },
  position: { param: 'Image.I0.Text.Position', values: ['top', 'bottom'] },
};

function handle(req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): void {
  const q = req.query;
  onlyKnown(q, [...Object.keys(SETTINGS), 'camera']);
  checkCamera(q);
  const pairs: [string, string][] = [];
  for (const [name, s] of Object.entries(SETTINGS)) {
    const v = single(q, name);
    if (v === undefined) continue;
    if (s.values && !s.values.includes(v)) throw new CgiError(`${name}: "${v.slice(0, 40)}" is not ${s.values.join(' or ')}`);
    pairs.push([s.param, v]);
  }
  if (pairs.length === 0) throw new CgiError(`nothing to set: give ${Object.keys(SETTINGS).join(', ')}`);
  // The store validates every value (length, characters) before it applies any.
  const changed = cam.params.update(pairs);
  if (changed.length) cam.log.add('config', `OSD: updated ${changed.join(', ')} by ${req.user.name}`);
  cam.changed(changed);
  sendOk(res);
}

export const osdRoutes: Route[] = [
  { path: '/setosd.cgi', role: 'admin', summary: 'OSD text line: text, enabled, clock, date, position (admin)', handle },
];
