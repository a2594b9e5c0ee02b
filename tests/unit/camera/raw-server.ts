// A raw TCP "camera" for the client's unit tests: it answers exactly the bytes a test
// writes (malformed HTTP, HTTP/1.0 close-delimited bodies, a connection cut mid-upload),
// which node:http would never send. It counts connections and request heads, so a test
// can prove that nothing was sent at all.

import { createServer, type AddressInfo, type Socket } from 'node:net';

export interface RawRequest {
  method: string;
  target: string;
  headers: Record<string, string>;
  /** Body bytes received with the head (all of them when the handler waits for the body). */
  body: Buffer;
}

/**
 * Called once per request head. `readBody` (default true): wait for a Content-Length body
 * before calling; false calls as soon as the head arrived (the body is still coming).
 */
export type RawHandler = (socket: Socket, req: RawRequest) => void;

export interface RawServer {
  url: string;
  port: number;
  connections: number;
  requests: RawRequest[];
  /** Bytes received per connection, head and body (for "how far did the upload get"). */
  received: number[];
  close(): Promise<void>;
}

export async function startRawServer(handler: RawHandler, opts: { readBody?: boolean; port?: number } = {}): Promise<RawServer> {
  const sockets = new Set<Socket>();
  const state: RawServer = {
    url: '',
    port: 0,
    connections: 0,
    requests: [],
    received: [],
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {}); // a client that gives up resets: not the test's concern
    const index = state.connections++;
    state.received[index] = 0;
    let buffered = Buffer.alloc(0);
    let pending: { req: RawRequest; length: number } | undefined;
    socket.on('data', (chunk: Buffer) => {
      state.received[index] += chunk.length;
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        if (!pending) {
          const end = buffered.indexOf('\r\n\r\n');
          if (end < 0) return;
          const [line, ...lines] = buffered.subarray(0, end).toString('latin1').split('\r\n');
          const [method, target] = line.split(' ');
          const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
          buffered = buffered.subarray(end + 4);
          const req: RawRequest = { method, target, headers, body: Buffer.alloc(0) };
          state.requests.push(req);
          pending = { req, length: Number(headers['content-length'] ?? 0) };
          if (opts.readBody === false) {
            pending = undefined;
            handler(socket, req);
            return;
          }
        }
        if (buffered.length < pending.length) return;
        pending.req.body = buffered.subarray(0, pending.length);
        buffered = buffered.subarray(pending.length);
        const { req } = pending;
        pending = undefined;
        handler(socket, req);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  state.port = (server.address() as AddressInfo).port;
  state.url = `http://127.0.0.1:${state.port}`;
  return state;
}

/** The error a request fails with; a request that succeeds fails the test. */
export async function failure(p: Promise<unknown>): Promise<Error> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof Error)) throw new Error(`expected the request to fail, got ${String(err)}`);
  return err;
}
