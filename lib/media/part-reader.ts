// Reading an open multipart/x-mixed-replace stream (MJPEG §2.3.6, motion levels §4.5) part
// by part, with our own clocks: a longest silence between bytes and a deadline on the whole
// read. What goes wrong on the camera's side is a CameraDefect of a named kind — a stream
// that stays silent, one that breaks the framing the spec shows, one that does not deliver
// (or end) in time — never a harness timeout and never "camera unreachable" (the camera did
// answer: the connection is up, it just sends nothing). Errors of the transport itself (a
// reset) keep the type the client gave them.
import { CameraDefect } from '../errors.ts';
import { MultipartParser, type MultipartPart } from './multipart.ts';

/** The camera sent no byte for longer than the silence limit, and did not end the stream. */
export class StreamSilent extends CameraDefect {
  override name = 'StreamSilent';
}

/** The stream is not multipart as the spec writes it (boundary, delimiters, part headers). */
export class StreamMalformed extends CameraDefect {
  override name = 'StreamMalformed';
}

/** Bytes kept coming, but not what was waited for (enough parts, or the camera's end) in time. */
export class StreamOverdue extends CameraDefect {
  override name = 'StreamOverdue';
}

/** What the reader needs of an open stream (lib/camera's CameraStream has it). */
export interface OpenStream {
  contentType: string;
  body: AsyncIterable<unknown>;
  close(): void;
}

export interface PartReadOptions {
  /** Names the stream in messages, e.g. `video.cgi?fps=10`. */
  what: string;
  /** Longest silence between bytes (ms). */
  silenceMs: number;
  /** The whole read (ms), from the call. */
  deadlineMs: number;
  /** What was waited for, for the overdue message, e.g. `20 parts` or `the camera to end the stream`. */
  waitingFor: string;
}

export interface PartReadResult {
  count: number;
  /** The camera ended the stream (rather than onPart saying enough). */
  endedByCamera: boolean;
  /** performance.now() when reading stopped. */
  closedAt: number;
}

const TIMER = Symbol('timer');

/**
 * Feeds every part to `onPart` until it returns true, the camera ends the stream, or a limit
 * is crossed (StreamSilent / StreamOverdue). The stream is closed in every case. Errors
 * thrown by onPart (an assertion) pass through unchanged.
 */
export async function readParts(
  stream: OpenStream,
  onPart: (part: MultipartPart) => boolean | Promise<boolean>,
  opts: PartReadOptions,
): Promise<PartReadResult> {
  const started = performance.now();
  const deadline = started + opts.deadlineMs;
  let parser: MultipartParser;
  try {
    parser = new MultipartParser(stream.contentType);
  } catch (err) {
    stream.close();
    throw new StreamMalformed(`${opts.what}: ${(err as Error).message}`);
  }
  const iterator = stream.body[Symbol.asyncIterator]();
  let count = 0;
  let pending: Promise<IteratorResult<unknown>> | undefined;
  const feed = async (parts: MultipartPart[]): Promise<boolean> => {
    for (const p of parts) {
      count++;
      if (await onPart(p)) return true;
    }
    return false;
  };
  const parse = (f: () => MultipartPart[]) => {
    try {
      return f();
    } catch (err) {
      throw new StreamMalformed((err as Error).message);
    }
  };
  try {
    for (;;) {
      const now = performance.now();
      const left = deadline - now;
      if (left <= 0) throw new StreamOverdue(`${opts.what}: still waiting for ${opts.waitingFor} after ${opts.deadlineMs} ms (${count} parts so far)`);
      const wait = Math.min(opts.silenceMs, left);
      pending = iterator.next();
      let timer: NodeJS.Timeout | undefined;
      const next = await Promise.race([pending, new Promise<typeof TIMER>((resolve) => (timer = setTimeout(() => resolve(TIMER), wait)))]).finally(() => clearTimeout(timer));
      if (next === TIMER) {
        if (wait === opts.silenceMs && performance.now() < deadline) {
          throw new StreamSilent(`${opts.what}: the camera sent nothing for ${opts.silenceMs} ms and did not end the stream (${count} parts so far, waiting for ${opts.waitingFor})`);
        }
        continue; // the deadline check above names it
      }
      pending = undefined;
      if (next.done) {
        await feed(parse(() => parser.end()));
        return { count, endedByCamera: true, closedAt: performance.now() };
      }
      const chunk = next.value;
      if (!(chunk instanceof Uint8Array)) throw new StreamMalformed(`${opts.what}: the stream yields ${typeof chunk}, not bytes`);
      if (await feed(parse(() => parser.push(chunk)))) return { count, endedByCamera: false, closedAt: performance.now() };
    }
  } finally {
    stream.close();
    // A read still pending when we stop rejects once the stream is destroyed: nobody waits for it.
    pending?.catch(() => {});
  }
}

/**
 * The whole body of an open stream that is not multipart (a text answer where a stream was
 * asked for), at most maxBytes; StreamOverdue when it has not ended by deadlineMs.
 */
export async function readToEnd(stream: OpenStream, opts: { what: string; deadlineMs: number; maxBytes?: number }): Promise<Buffer> {
  const max = opts.maxBytes ?? 64 * 1024;
  const chunks: Buffer[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  const overdue = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StreamOverdue(`${opts.what}: a text answer still not ended after ${opts.deadlineMs} ms (${size} bytes)`)), opts.deadlineMs);
  });
  const reading = (async () => {
    for await (const chunk of stream.body) {
      if (!(chunk instanceof Uint8Array)) throw new StreamMalformed(`${opts.what}: the stream yields ${typeof chunk}, not bytes`);
      chunks.push(Buffer.from(chunk));
      size += chunk.length;
      if (size >= max) break;
    }
    return Buffer.concat(chunks).subarray(0, max);
  })();
  try {
    return await Promise.race([reading, overdue]);
  } finally {
    clearTimeout(timer);
    stream.close();
    reading.catch(() => {});
  }
}
