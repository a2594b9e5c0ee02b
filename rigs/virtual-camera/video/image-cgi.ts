// image.cgi / image.jpg (spec 2.3.1-2.3.3): one JPEG of the scene now.
// The reply is `Content-Type: image/jpeg` with `Content-Length: <image size>` and a body
// of exactly the image: the `\r\n` the spec prints after <JPEG image data> is the layout
// of its example, and sending it would make Content-Length lie (or put two stray bytes
// on a keep-alive connection). Both paths take the same parameters (request.ts).
import type { ServerResponse } from 'node:http';
import type { CgiRequest, Route } from '../http/route.ts';
import type { VirtualCameraState } from '../state.ts';
import { frameStamp, unixNowMs, withComment } from './encoder.ts';
import { parseImageRequest } from './request.ts';
import { pictureAt } from './scene.ts';
import { encodedPicture } from './shared-pictures.ts';

/** Snapshots get their own seq per camera (streams number their ticks). */
const snapshotSeq = new WeakMap<VirtualCameraState, number>();

async function handle(req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): Promise<void> {
  const { spec, compression } = parseImageRequest(cam, req.query);
  const at = performance.now();
  const seq = snapshotSeq.get(cam) ?? 0;
  snapshotSeq.set(cam, seq + 1);
  const jpeg = withComment(await encodedPicture(pictureAt(cam, spec, at), compression), frameStamp(seq, unixNowMs(at)));
  res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': jpeg.length, 'Cache-Control': 'no-cache' });
  res.end(jpeg);
}

export const imageRoutes: Route[] = [
  { path: '/image.jpg', role: 'viewer', summary: 'JPEG snapshot (same parameters as image.cgi)', handle },
  { path: '/image.cgi', role: 'viewer', summary: 'JPEG snapshot: resolution, camera, compression, clock, date, text, textstring', handle },
];
