// Reads a request body with a size limit, so an oversized upload is refused, not buffered.
import type { IncomingMessage } from 'node:http';
import { CgiError } from './route.ts';

export function readBody(req: IncomingMessage, limitBytes = 1 << 20, idleMs = 10_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > limitBytes) return reject(new CgiError(`request body of ${declared} bytes exceeds the limit of ${limitBytes}`, 413));
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => fail(new CgiError(`request body stalled for ${idleMs} ms`, 408)), idleMs);
    let settled = false;
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.removeAllListeners('data');
      req.resume(); // drain, so the connection can carry the error answer
      reject(e);
    };
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limitBytes) return fail(new CgiError(`request body exceeds the limit of ${limitBytes} bytes`, 413));
      chunks.push(c);
      timer.refresh();
    });
    req.on('end', () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    // A client that hangs up mid-body is a bad request, not a camera fault.
    req.on('error', (e) => fail(new CgiError(`request body aborted by the client (${e.message})`, 400)));
    req.on('close', () => {
      if (!req.complete) fail(new CgiError('request body aborted by the client', 400));
    });
  });
}
