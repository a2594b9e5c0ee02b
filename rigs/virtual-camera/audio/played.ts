// What the speaker played last, kept for the harness: GET /_hil/audio/played (admin).
// NOT part of the spec: a test hook of the virtual camera only, like a lab's recording
// microphone next to a physical camera's speaker. It answers the mu-law bytes of the most
// recent toSERVER.cgi request, as played (at most the last 60 s), as `audio/basic`, with
//   X-Hil-Playing: yes|no        whether that request is still being played
//   X-Hil-Dropped-Bytes: <n>     bytes played before the kept 60 s (0 when all are kept)
// Before anything was played since boot the body is empty.
import type { ServerResponse } from 'node:http';
import { onlyKnown } from '../http/query.ts';
import type { CgiRequest, Route } from '../http/route.ts';
import type { VirtualCameraState } from '../state.ts';
import { checkAudio } from './guard.ts';
import { SAMPLE_RATE } from './room.ts';

const KEEP_BYTES = 60 * SAMPLE_RATE; // one byte per sample

export class PlayedRecord {
  private chunks: Buffer[] = [];
  private kept = 0;
  dropped = 0;
  playing = false;

  /** A new toSERVER.cgi request: the record starts over. */
  begin(): void {
    this.chunks = [];
    this.kept = 0;
    this.dropped = 0;
    this.playing = true;
  }

  /** Bytes that reached the speaker; only the latest KEEP_BYTES are kept. */
  append(bytes: Buffer): void {
    this.chunks.push(Buffer.from(bytes)); // a copy: the caller's buffer may be reused
    this.kept += bytes.length;
    while (this.kept > KEEP_BYTES) {
      const excess = this.kept - KEEP_BYTES;
      const head = this.chunks[0];
      if (head.length <= excess) {
        this.chunks.shift();
        this.kept -= head.length;
        this.dropped += head.length;
      } else {
        this.chunks[0] = head.subarray(excess);
        this.kept -= excess;
        this.dropped += excess;
      }
    }
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

const records = new WeakMap<VirtualCameraState, PlayedRecord>();

export function playedOf(cam: VirtualCameraState): PlayedRecord {
  let r = records.get(cam);
  if (!r) {
    const rec = new PlayedRecord();
    // RAM does not survive a power cycle; a factory default forgets it too.
    cam.events.on('shutdown', () => records.set(cam, new PlayedRecord()));
    cam.events.on('factory', () => records.set(cam, new PlayedRecord()));
    records.set(cam, rec);
    r = rec;
  }
  return r;
}

function handle(req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): void {
  checkAudio(cam, 'speaker');
  onlyKnown(req.query, []);
  const rec = playedOf(cam);
  const body = rec.bytes();
  res.writeHead(200, {
    'Content-Type': 'audio/basic',
    'Content-Length': body.length,
    'Cache-Control': 'no-cache',
    'X-Hil-Playing': rec.playing ? 'yes' : 'no',
    'X-Hil-Dropped-Bytes': String(rec.dropped),
  });
  res.end(req.raw.method === 'HEAD' ? undefined : body);
}

export const playedRoute: Route = {
  path: '/_hil/audio/played',
  role: 'admin',
  summary: 'virtual camera only, not in the spec: the audio/basic bytes the speaker last played (up to 60 s)',
  handle,
};
