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
    const fail = (e: Error) => {
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
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    req.on('error', fail);
  });
}
