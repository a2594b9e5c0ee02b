// A request body as handed to undici, counting how much of it went out, so that a camera
// closing the connection mid-upload can be told apart from one that closed after it
// (UploadCutOff says how far the body got).
//
// Bytes and strings up to 64 KiB go out in one write, as before. Larger ones are handed
// over in 64 KiB pieces with their Content-Length set, so undici's backpressure holds
// the count close to what the socket took (the wire is the same: a Content-Length body,
// never chunked). A caller's stream is passed through a counter.

import { Readable } from 'node:stream';
import type { UploadProgress } from './net-error.ts';

const PIECE = 64 * 1024;

export interface PreparedBody {
  body: Buffer | Readable | undefined;
  /** Headers the prepared body needs (Content-Length of a body handed over in pieces). */
  headers: Record<string, string>;
  progress: UploadProgress | undefined;
}

/** Prepares one attempt's body; a Buffer can be prepared again for a retry, a stream cannot. */
export function prepareBody(body: Buffer | Uint8Array | string | Readable | undefined, declaredLength?: string): PreparedBody {
  if (body === undefined) return { body: undefined, headers: {}, progress: undefined };
  if (body instanceof Readable) {
    const total = declaredLength !== undefined && /^\d+$/.test(declaredLength) ? Number(declaredLength) : undefined;
    const progress: UploadProgress = { handed: 0, total, done: false };
    return { body: counted(body, progress), headers: {}, progress };
  }
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (bytes.length <= PIECE) {
    return { body: bytes, headers: {}, progress: { handed: bytes.length, total: bytes.length, done: true } };
  }
  const progress: UploadProgress = { handed: 0, total: bytes.length, done: false };
  return { body: counted(pieces(bytes), progress), headers: { 'content-length': String(bytes.length) }, progress };
}

function* pieces(bytes: Buffer): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += PIECE) yield bytes.subarray(at, Math.min(at + PIECE, bytes.length));
}

/** A byte stream over `source` that counts what undici takes from it. */
function counted(source: Iterable<Buffer> | AsyncIterable<Buffer> | Readable, progress: UploadProgress): Readable {
  return Readable.from(
    (async function* () {
      for await (const chunk of source as AsyncIterable<Buffer | string>) {
        const piece = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        progress.handed += piece.length;
        yield piece;
      }
      progress.done = true;
    })(),
    { objectMode: false },
  );
}
