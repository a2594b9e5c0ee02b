// The body of an open streaming response (MJPEG, motion levels, input monitor, audio)
// handed to the caller as a plain Readable. Errors from the socket (stall, reset, bytes
// that break HTTP framing) are re-raised typed by the client (`classify`: a camera
// defect, the camera having answered), and the transcript gets a summary (bytes,
// duration, how it ended) when the stream closes. A stream that ends with the connection
// (HTTP/1.0, no Content-Length) simply ends.

import { PassThrough, type Readable } from 'node:stream';

export interface WrappedStream {
  body: Readable;
  close(): void;
}

export interface StreamEnd {
  bytes: number;
  ms: number;
  /** 'end' (camera closed it), 'closed' (we closed it) or the error's message. */
  how: string;
}

export function wrapStream(
  src: Readable,
  /** The typed error for a failure of the source after `bytes` body bytes. */
  classify: (err: unknown, bytes: number) => Error,
  onEnd: (end: StreamEnd) => void,
): WrappedStream {
  const started = Date.now();
  const out = new PassThrough();
  let bytes = 0;
  let closing = false;
  let how = 'closed';

  src.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    // Backpressure: hold the socket while the consumer is behind.
    if (!out.write(chunk)) src.pause();
  });
  out.on('drain', () => src.resume());
  src.on('end', () => {
    how = 'end';
    out.end();
  });
  src.on('error', (err: Error) => {
    if (closing) return;
    const mapped = classify(err, bytes);
    how = mapped.message;
    out.destroy(mapped);
  });
  out.on('close', () => {
    closing = true;
    if (!src.destroyed) src.destroy();
    onEnd({ bytes, ms: Date.now() - started, how });
  });

  return {
    body: out,
    close() {
      closing = true;
      out.destroy();
    },
  };
}
