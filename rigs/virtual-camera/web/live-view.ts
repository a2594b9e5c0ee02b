// The camera's live-view page at `/` (viewer and up; the core asks for credentials, so a
// browser shows its login prompt first). PTZ buttons appear for operators of a PTZ model;
// a viewer, or a fixed model, gets a note instead, so the page never offers a button that
// can only fail.
import type { ServerResponse } from 'node:http';
import { CameraClock } from '../general/clock.ts';
import { onlyKnown } from '../http/query.ts';
import { ROLE_RANK, type CgiRequest, type Route } from '../http/route.ts';
import type { VirtualCameraState } from '../state.ts';
import { renderPage } from './page.ts';

function ptzNote(req: CgiRequest, cam: VirtualCameraState): string | undefined {
  if (cam.params.get('Properties.PTZ.PTZ') !== 'yes') return 'Fixed camera: no pan, tilt or zoom.';
  if (ROLE_RANK[req.user.role] < ROLE_RANK.operator) return `PTZ needs operator rights; ${req.user.name} is a viewer.`;
  return undefined;
}

function handle(req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): void {
  onlyKnown(req.query, []);
  const now = cam.clock.now();
  const headers = {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    // Read by the page's script to keep its clock on the camera's time (see page.ts).
    'X-Camera-Time': String(now.getTime()),
    'X-Content-Type-Options': 'nosniff',
  };
  if (req.raw.method === 'HEAD') {
    res.writeHead(200, headers);
    return void res.end();
  }
  const html = renderPage({
    title: cam.params.get('Brand.ProdFullName') ?? cam.model.fullName,
    prodNbr: cam.model.prodNbr,
    cameraMs: now.getTime(),
    cameraTimeText: CameraClock.format(now),
    osdText: cam.params.get('Image.I0.Text.String') ?? '',
    ptzNote: ptzNote(req, cam),
    user: req.user.name,
  });
  const body = Buffer.from(html, 'utf8');
  res.writeHead(200, { ...headers, 'Content-Length': body.length });
  res.end(body);
}

export const liveViewRoute: Route = {
  path: '/',
  role: 'viewer',
  summary: 'live-view web page: MJPEG stream, OSD text, camera time, PTZ buttons (operator)',
  handle,
};
