// video.cgi / video.mjpg (spec 2.3.4-2.3.6): an MJPEG stream, multipart/x-mixed-replace
// with boundary `myboundary`, from the camera's shared stream for these settings
// (stream-hub.ts). Parameters in request.ts; everything is validated before the 200.
//
// Framing: to an HTTP/1.1 request the body goes chunked (one chunk per part), so the end
// of a finite stream (duration, nbrofframes) is explicit and the connection can be
// reused; clients such as ffmpeg report a close-delimited body that ends as "Stream ends
// prematurely". To an HTTP/1.0 request (as the spec's example) Node sends the raw bytes
// and closes the connection at the end. A HEAD request gets the headers only.
import type { ServerResponse } from 'node:http';
import type { CgiRequest, Route } from '../http/route.ts';
import type { VirtualCameraState } from '../state.ts';
import { parseVideoRequest } from './request.ts';
import { MJPEG_CONTENT_TYPE } from './stream-client.ts';
import { streamHubOf } from './stream-hub.ts';

function handle(req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): void {
  const { settings, limits } = parseVideoRequest(cam, req.query);
  const hub = streamHubOf(cam);
  hub.admit(settings);
  res.writeHead(200, { 'Content-Type': MJPEG_CONTENT_TYPE, 'Cache-Control': 'no-cache', Pragma: 'no-cache' });
  if (req.raw.method === 'HEAD') return void res.end();
  if (res.destroyed) return; // the viewer left before the stream started
  res.flushHeaders();
  req.raw.socket.setNoDelay(true);
  hub.join(settings, res, limits);
}

export const videoRoutes: Route[] = [
  { path: '/video.mjpg', role: 'viewer', summary: 'MJPEG stream (same parameters as video.cgi)', handle },
  { path: '/video.cgi', role: 'viewer', summary: 'MJPEG stream: resolution, camera, compression, fps, duration, nbrofframes, clock, date, text, textstring', handle },
];
