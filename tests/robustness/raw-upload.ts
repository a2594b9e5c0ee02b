// Uploads the harness's client would never send: a POST over a raw socket that declares
// more than it sends, and a multipart form around a large file.
import { connect } from 'node:net';
import { CameraUnreachableError } from '../../lib/camera/index.ts';

export interface RawUpload {
  /** The status of an early answer, undefined when none came within the wait. */
  status: number | undefined;
  /** The first line of its body. */
  text: string;
  /** Resets the connection (the client vanishes). */
  abort(): void;
}

/**
 * A POST declaring `declared` bytes and sending only `data` (Basic auth: the credentials
 * go to the camera only, never to a log). Waits waitMs for an early answer.
 */
export async function rawUpload(target: { url: string; user: string; password: string }, path: string, contentType: string, declared: number, data: Buffer, waitMs = 1500): Promise<RawUpload> {
  const url = new URL(target.url);
  const socket = connect({ host: url.hostname, port: Number(url.port || 80) });
  // destroy() with an error: a plain destroy() emits no 'error', and the connect wait below would never end.
  socket.setTimeout(5000, () => socket.destroy(new Error(`${path}: no connection or answer within 5000 ms`)));
  let reply = '';
  socket.on('data', (d: Buffer) => (reply += d.toString('latin1')));
  socket.on('error', () => undefined); // a reset by the camera is an answer too: judged by the caller
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    // No connection at all: the lab's problem, as the client's own CameraUnreachableError.
    socket.once('error', (e) => reject(new CameraUnreachableError({ method: 'POST', path }, e.message, { cause: e })));
  });
  const auth = Buffer.from(`${target.user}:${target.password}`).toString('base64');
  socket.write(`POST ${path} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Basic ${auth}\r\nContent-Type: ${contentType}\r\nContent-Length: ${declared}\r\n\r\n`);
  socket.write(data);
  await new Promise((r) => setTimeout(r, waitMs));
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(reply);
  const body = reply.slice(reply.indexOf('\r\n\r\n') + 4);
  return { status: m ? Number(m[1]) : undefined, text: body.split('\r\n')[0].slice(0, 200), abort: () => socket.resetAndDestroy() };
}
