// fromserver.cgi (spec §7.2-7.4): the camera's microphone as G.711 mu-law, 8 kHz, mono.
//
// Parameters (the spec names none; these follow the family's VAPIX conventions):
//   httptype=singlepart|multipart  singlepart (default, §7.3): `Content-Type: audio/basic`
//                                  and one continuous body. multipart (§7.4): exactly what
//                                  the spec shows, `Content-Type: multipart/x-mixed-replace;
//                                  boundary=--myboundary`, each part opened by the line
//                                  `--myboundary`, headed `Content-Type: audio/basic` only
//                                  (no Content-Length, as §7.4 shows), closed by CRLF.
//   duration=<seconds>             0..86400; the stream ends after that much audio
//                                  (multipart: with the close delimiter `--myboundary--`).
//                                  0 or absent: until the client hangs up.
//   format=<audio MIME>            must be one Properties.Audio.Format lists (audio/basic);
//                                  audio/G726-32 is refused with 406 (not implemented).
//
// Audio leaves in 20 ms chunks (160 bytes, one multipart part each) captured from the room
// and sent when the 20 ms are over, on a drift-free schedule: chunk k is due at a fixed
// room time, not "20 ms after the previous one", so timer lateness never accumulates.
import type { ServerResponse } from 'node:http';
import { intParam, onlyKnown, single } from '../http/query.ts';
import { CgiError, type CgiRequest, type Route } from '../http/route.ts';
import type { VirtualCameraState } from '../state.ts';
import { AUDIO_MIME, checkAudio, KNOWN_MIMES, offeredFormats } from './guard.ts';
import { encode } from './mulaw.ts';
import { roomOf, SAMPLE_RATE } from './room.ts';

const CHUNK_SAMPLES = 160; // 20 ms
export const BOUNDARY = 'myboundary';
/** A client that reads nothing for this long is dropped (a real camera would not buffer). */
const STUCK_MS = 10_000;
/** Bytes allowed to wait in the socket before chunks are dropped instead of queued. */
const QUEUE_LIMIT = 32 * 1024;

interface StreamPlan {
  multipart: boolean;
  chunks: number; // Infinity: until the client hangs up
}

function plan(req: CgiRequest, cam: VirtualCameraState): StreamPlan {
  checkAudio(cam, 'microphone');
  const q = req.query;
  onlyKnown(q, ['httptype', 'duration', 'format']);
  const httptype = single(q, 'httptype') ?? 'singlepart';
  if (httptype !== 'singlepart' && httptype !== 'multipart')
    throw new CgiError(`httptype: "${httptype.slice(0, 40)}" is not singlepart or multipart`);
  const format = single(q, 'format');
  if (format !== undefined) {
    const f = format.toLowerCase();
    if (!KNOWN_MIMES.includes(f)) throw new CgiError(`format: "${format.slice(0, 40)}" is not an audio MIME type of the family (audio/basic, audio/G726-32)`);
    if (!offeredFormats(cam).includes(f))
      throw new CgiError(`format ${format} is not supported: this camera sends ${offeredFormats(cam).join(', ')} only (Properties.Audio.Format)`, 406);
  }
  const seconds = intParam(q, 'duration', 0, 86400) ?? 0;
  const chunks = seconds === 0 ? Infinity : (seconds * SAMPLE_RATE) / CHUNK_SAMPLES;
  return { multipart: httptype === 'multipart', chunks };
}

function handle(req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): void {
  const p = plan(req, cam);
  res.writeHead(200, {
    'Content-Type': p.multipart ? `multipart/x-mixed-replace;boundary=--${BOUNDARY}` : AUDIO_MIME,
    'Cache-Control': 'no-cache',
    Pragma: 'no-cache',
  });
  if (req.raw.method === 'HEAD') return void res.end();

  const room = roomOf(cam);
  const first = room.nowSample();
  let sent = 0; // chunks produced (written or dropped)
  let stuckSince: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let done = false;
  const stop = () => {
    done = true;
    clearTimeout(timer);
  };
  // A hang-up, or a reboot (the server destroys every socket), ends the schedule.
  res.on('close', stop);

  const tick = () => {
    if (done) return;
    // Every chunk whose 20 ms are over is due; after a stall several go out at once.
    const due = Math.min(p.chunks, Math.floor((room.nowSample() - first) / CHUNK_SAMPLES));
    for (; sent < due && !done; sent++) {
      if (res.writableLength > QUEUE_LIMIT) {
        // The client is not reading: drop audio as a camera does, give up if it lasts.
        stuckSince ??= performance.now();
        if (performance.now() - stuckSince > STUCK_MS) return void (stop(), res.destroy());
        continue;
      }
      stuckSince = undefined;
      const bytes = encode(room.hear(first + sent * CHUNK_SAMPLES, CHUNK_SAMPLES));
      if (p.multipart) res.write(Buffer.concat([Buffer.from(`--${BOUNDARY}\r\nContent-Type: ${AUDIO_MIME}\r\n\r\n`), bytes, CRLF]));
      else res.write(bytes);
    }
    if (sent >= p.chunks) {
      stop();
      return void res.end(p.multipart ? `--${BOUNDARY}--\r\n` : undefined);
    }
    const nextAt = room.timeOfSample(first + (sent + 1) * CHUNK_SAMPLES);
    timer = setTimeout(tick, Math.max(0, nextAt - performance.now()));
  };
  tick();
}

const CRLF = Buffer.from('\r\n');

export const fromServerRoute: Route = {
  path: '/fromserver.cgi',
  role: 'viewer',
  summary: 'microphone audio, audio/basic (G.711 mu-law 8 kHz), single-part or multipart (httptype=), duration=',
  handle,
};
