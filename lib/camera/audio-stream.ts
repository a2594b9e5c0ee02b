// Timed capture of fromserver.cgi for tone analysis: the audio bytes in order, and when
// each piece arrived, for single-part (§7.3, one continuous body) and multipart (§7.4,
// one part per piece) answers alike. lib/camera/audio.ts opens the stream; this module
// reads it against a deadline and splits multipart with lib/media/multipart.ts.

import type { Audio } from './audio.ts';
import type { Query } from './query.ts';
import { CameraDefect, LabProblem } from '../errors.ts';
import { MultipartParser } from '../media/multipart.ts';
import type { Arrival } from '../media/tone.ts';

export interface TimedAudio {
  /** The audio bytes, in order (multipart: the part bodies joined). */
  data: Buffer;
  /** When each piece arrived (performance.now() ms) and how many audio bytes it carried. */
  arrivals: Arrival[];
  /** The answer's Content-Type (the multipart one for httptype=multipart). */
  contentType: string;
  /** The audio type: the Content-Type, or the parts' Content-Type for multipart. */
  audioType: string;
  multipart: boolean;
  /** Number of multipart parts (0 for single-part). */
  parts: number;
  /** True when the camera ended the stream before `bytes` arrived. */
  endedEarly: boolean;
}

export interface TimedCaptureOptions {
  /** Stop once this many audio bytes arrived (8000 a second for audio/basic). */
  bytes: number;
  /** Give up after this long (ms) even if fewer bytes came; default 2 x bytes at 8 kB/s + 5 s. */
  deadlineMs?: number;
  query?: Query;
}

/** A multipart answer the parser cannot read is the camera's §7.4 framing, not the harness. */
function framing(err: unknown): Error {
  if (err instanceof CameraDefect || err instanceof LabProblem) return err;
  return new CameraDefect(`fromserver.cgi multipart answer is not as §7.4 writes it: ${(err as Error).message}`);
}

function pushed(parser: MultipartParser, chunk: Buffer, at: number): ReturnType<MultipartParser['push']> {
  try {
    return parser.push(chunk, at);
  } catch (err) {
    throw framing(err);
  }
}

/** Reads fromserver.cgi until `bytes` audio bytes arrived or the deadline passed. */
export async function captureTimedAudio(audio: Audio, opts: TimedCaptureOptions): Promise<TimedAudio> {
  if (!(Number.isInteger(opts.bytes) && opts.bytes > 0)) throw new Error(`captureTimedAudio: bytes must be a positive integer, got ${opts.bytes}`);
  const deadlineMs = opts.deadlineMs ?? (opts.bytes / 8000) * 2000 + 5000;
  const stream = await audio.listen(opts.query, { idleTimeoutMs: Math.min(deadlineMs, 10_000) });
  const multipart = /^\s*multipart\//i.test(stream.contentType);
  let parser: MultipartParser | undefined;
  try {
    parser = multipart ? new MultipartParser(stream.contentType, { maxPartBytes: 1 << 20 }) : undefined;
  } catch (err) {
    stream.close();
    throw framing(err);
  }
  const chunks: Buffer[] = [];
  const arrivals: Arrival[] = [];
  const partTypes = new Set<string>();
  let size = 0;
  let parts = 0;
  let timeUp = false;
  const timer = setTimeout(() => ((timeUp = true), stream.close()), deadlineMs);
  const take = (body: Buffer, atMs: number) => {
    chunks.push(body);
    arrivals.push({ atMs, bytes: body.length });
    size += body.length;
  };
  try {
    for await (const chunk of stream.body) {
      const at = performance.now();
      if (!parser) take(chunk as Buffer, at);
      else
        for (const part of pushed(parser, chunk as Buffer, at)) {
          parts++;
          partTypes.add((part.headers['content-type'] ?? '').toLowerCase());
          take(part.body, part.arrivedAt);
        }
      if (size >= opts.bytes) break;
    }
  } catch (err) {
    // Our own deadline closes the stream: that end is expected, the caller sees endedEarly.
    if (!timeUp) throw err;
  } finally {
    clearTimeout(timer);
    stream.close();
  }
  const types = [...partTypes];
  return {
    data: Buffer.concat(chunks).subarray(0, Math.min(size, opts.bytes)),
    arrivals,
    contentType: stream.contentType,
    audioType: multipart ? (types.length === 1 ? types[0] : types.join(' + ') || '(no part)') : stream.contentType.split(';')[0].trim().toLowerCase(),
    multipart,
    parts,
    endedEarly: size < opts.bytes,
  };
}
