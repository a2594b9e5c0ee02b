// Who is at fault when a request fails without an HTTP answer. Not reachable at all (no
// connection): CameraUnreachableError, a lab problem. Reachable, then reset, closed, too
// slow or stalled: CameraConnectionError, a camera defect. Closed while a request body was
// still going out: UploadCutOff. Each message names the request and what happened.
import { Readable } from 'node:stream';
import { test, expect } from '@playwright/test';
import {
  CameraConnectionError,
  CameraHttpError,
  CameraUnreachableError,
  UploadCutOff,
  isNoAnswer,
  isUnreachable,
} from '../../../lib/camera/errors.ts';
import { CameraClient } from '../../../lib/camera/http.ts';
import { classifyFailure, type FailureContext } from '../../../lib/camera/net-error.ts';
import { categoryOf } from '../../../lib/errors.ts';
import { failure, startRawServer, type RawServer } from './raw-server.ts';

let server: RawServer | undefined;
let client: CameraClient | undefined;
test.afterEach(async () => {
  await client?.close();
  await server?.close();
  client = server = undefined;
});


async function closedPort(): Promise<number> {
  const s = await startRawServer(() => {});
  await s.close();
  return s.port;
}

test.describe('the camera could not be reached at all: a lab problem', () => {
  test('a closed port: connection refused', async () => {
    client = new CameraClient({ url: `http://127.0.0.1:${await closedPort()}` });
    const err = await failure(client.get('/x.cgi', { pwd: 'secret-pw' }));
    expect(err).toBeInstanceOf(CameraUnreachableError);
    expect(err.message).toBe('camera unreachable: GET /x.cgi?pwd=<redacted>: connection refused (ECONNREFUSED)');
    expect(categoryOf(err)).toBe('lab problem');
    expect(isUnreachable(err)).toBe(true);
  });

  test('a host name that does not resolve', async () => {
    client = new CameraClient({ url: 'http://camera.invalid' });
    const err = await failure(client.get('/x.cgi'));
    expect(err.message).toMatch(/^camera unreachable: GET \/x\.cgi: host name (not found \(ENOTFOUND\)|lookup failed for now \(EAI_AGAIN\))$/);
    expect(categoryOf(err)).toBe('lab problem');
  });

  test('a source address this host does not have', async () => {
    client = new CameraClient({ url: `http://127.0.0.1:${await closedPort()}`, localAddress: '192.0.2.77' });
    const err = await failure(client.get('/x.cgi'));
    expect(err.message).toBe('camera unreachable: GET /x.cgi: local address not available (EADDRNOTAVAIL)');
    expect(categoryOf(err)).toBe('lab problem');
  });

  test('connect timeouts and unreachable networks, and a deadline that fires while still connecting', () => {
    // No lab network here to black-hole a SYN: the sorting is checked on the errors undici
    // and Node raise for these cases.
    const ctx = (connected: boolean, timedOut = false): FailureContext => ({
      request: { method: 'GET', path: '/x.cgi' },
      connected,
      answered: false,
      timedOut,
      timeoutMs: 800,
      redact: (t) => t,
    });
    const sys = (code: string) => Object.assign(new Error(`connect ${code}`), { code, syscall: 'connect', errno: -1 });
    const timeout = Object.assign(new Error('Connect Timeout Error'), { code: 'UND_ERR_CONNECT_TIMEOUT' });
    const cases: Array<[Error, FailureContext, string]> = [
      [timeout, ctx(false), 'camera unreachable: GET /x.cgi: connect timed out (UND_ERR_CONNECT_TIMEOUT)'],
      [sys('EHOSTUNREACH'), ctx(false), 'camera unreachable: GET /x.cgi: host unreachable (EHOSTUNREACH)'],
      [sys('ENETUNREACH'), ctx(false), 'camera unreachable: GET /x.cgi: network unreachable (ENETUNREACH)'],
      [sys('ETIMEDOUT'), ctx(false), 'camera unreachable: GET /x.cgi: connect timed out (ETIMEDOUT)'],
      [new Error('aborted'), ctx(false, true), 'camera unreachable: GET /x.cgi: could not connect within 800 ms'],
      // The same deadline once the request was on a connected socket: the camera was slow.
      [new Error('aborted'), ctx(true, true), 'camera did not answer in time: GET /x.cgi: no complete answer within 800 ms'],
      [sys('ETIMEDOUT'), ctx(true), 'camera dropped the connection: GET /x.cgi: connection timed out (ETIMEDOUT)'],
    ];
    for (const [err, c, message] of cases) {
      const typed = classifyFailure(err, c);
      expect(typed.message).toBe(message);
      expect(categoryOf(typed), message).toBe(message.startsWith('camera unreachable:') ? 'lab problem' : 'camera defect');
      expect(isNoAnswer(typed)).toBe(true);
    }
  });
});

test.describe('the camera accepted the connection, then failed to answer: a camera defect', () => {
  test('a reset before any answer', async () => {
    server = await startRawServer((socket) => socket.resetAndDestroy());
    client = new CameraClient({ url: server.url });
    const err = await failure(client.get('/x.cgi'));
    expect(err).toBeInstanceOf(CameraConnectionError);
    expect(err).not.toBeInstanceOf(UploadCutOff);
    expect(err.message).toBe('camera dropped the connection: GET /x.cgi: connection reset by the camera without an answer (ECONNRESET)');
    expect((err as CameraConnectionError).failure).toBe('dropped');
    expect(categoryOf(err)).toBe('camera defect');
    expect(isUnreachable(err)).toBe(false);
  });

  test('closed without an answer', async () => {
    server = await startRawServer((socket) => socket.end());
    client = new CameraClient({ url: server.url });
    const err = await failure(client.get('/x.cgi'));
    expect(err.message).toBe('camera dropped the connection: GET /x.cgi: connection closed by the camera without an answer (UND_ERR_SOCKET)');
    expect(categoryOf(err)).toBe('camera defect');
  });

  test('no answer within the deadline', async () => {
    server = await startRawServer(() => {});
    client = new CameraClient({ url: server.url, timeoutMs: 300 });
    const t0 = Date.now();
    const err = await failure(client.get('/x.cgi'));
    expect(err.message).toBe('camera did not answer in time: GET /x.cgi: no complete answer within 300 ms');
    expect((err as CameraConnectionError).failure).toBe('late');
    expect(categoryOf(err)).toBe('camera defect');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
  });

  test('headers, then a body that stalls past the deadline', async () => {
    server = await startRawServer((socket) => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial'));
    client = new CameraClient({ url: server.url, timeoutMs: 300 });
    const err = await failure(client.get('/half.cgi'));
    expect(err.message).toBe('camera did not answer in time: GET /half.cgi: no complete answer within 300 ms');
    expect(categoryOf(err)).toBe('camera defect');
  });

  test('a reset in the middle of the body', async () => {
    server = await startRawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789');
      setTimeout(() => socket.resetAndDestroy(), 50);
    });
    client = new CameraClient({ url: server.url });
    const err = await failure(client.get('/x.cgi'));
    expect(err.message).toBe('camera dropped the connection: GET /x.cgi: connection reset by the camera after 10 body bytes (ECONNRESET)');
  });
});

test.describe('the camera closed the connection while the upload was going out: UploadCutOff', () => {
  const BIG = 8 * 1024 * 1024;

  test('a reset after part of an 8 MiB body', async () => {
    server = await startRawServer(
      (socket) => {
        const cut = () => socket.resetAndDestroy();
        socket.on('data', () => server!.received[0] > 200_000 && cut());
      },
      { readBody: false },
    );
    client = new CameraClient({ url: server.url });
    const err = await failure(client.post('/restore.cgi', Buffer.alloc(BIG, 0x5a)));
    expect(err).toBeInstanceOf(UploadCutOff);
    const cut = err as UploadCutOff;
    expect(cut.bodyBytes).toBe(BIG);
    expect(cut.bytesHanded).toBeLessThan(BIG);
    expect(cut.bytesHanded).toBeGreaterThan(0);
    expect(err.message).toBe(
      `camera cut off the upload: POST /restore.cgi: connection reset by the camera (ECONNRESET) after ${cut.bytesHanded} of ${BIG} body bytes were handed to the connection`,
    );
    expect(categoryOf(err)).toBe('camera defect');
    expect(server.requests).toHaveLength(1);
  });

  test('a close (FIN) after part of the body, and a streamed body of unknown length', async () => {
    server = await startRawServer(
      (socket) => {
        socket.on('data', () => server!.received.at(-1)! > 100_000 && socket.end());
      },
      { readBody: false },
    );
    client = new CameraClient({ url: server.url });
    const err = await failure(client.post('/firmwareupgrade.cgi', Buffer.alloc(BIG, 1)));
    expect(err).toBeInstanceOf(UploadCutOff);
    expect(err.message).toMatch(/^camera cut off the upload: POST \/firmwareupgrade\.cgi: connection (closed by the camera \(UND_ERR_SOCKET\)|reset by the camera \(ECONNRESET\)) after \d+ of 8388608 body bytes were handed to the connection$/);

    const endless = Readable.from((function* () {
      for (;;) yield Buffer.alloc(16 * 1024, 0xff);
    })());
    const streamed = await failure(client.post('/toSERVER.cgi', endless, { contentType: 'audio/basic' }));
    expect(streamed).toBeInstanceOf(UploadCutOff);
    expect((streamed as UploadCutOff).bodyBytes).toBeUndefined();
    expect(streamed.message).toMatch(/^camera cut off the upload: POST \/toSERVER\.cgi: connection .* after \d+ body bytes were handed to the connection$/);
  });

  test('a camera that read the whole body and closed without an answer did not cut the upload off', async () => {
    server = await startRawServer((socket) => socket.end());
    client = new CameraClient({ url: server.url });
    const err = await failure(client.post('/restore.cgi', Buffer.from('small backup')));
    expect(err).toBeInstanceOf(CameraConnectionError);
    expect(err).not.toBeInstanceOf(UploadCutOff);
    expect(err.message).toBe('camera dropped the connection: POST /restore.cgi: connection closed by the camera without an answer (UND_ERR_SOCKET)');
    expect(server.requests[0].body.toString()).toBe('small backup');
  });

  test('a refusal (413) whose body the camera cuts off is still the refusal, with what happened to its body', async () => {
    server = await startRawServer(
      (socket) => {
        socket.on('data', () => {
          if (server!.received.at(-1)! < 100_000 || socket.writableEnded) return;
          socket.end('HTTP/1.1 413 Payload Too Large\r\nContent-Type: text/plain\r\nContent-Length: 40\r\n\r\n# Error: too large\r\n');
        });
      },
      { readBody: false },
    );
    client = new CameraClient({ url: server.url });
    const err = await failure(client.post('/restore.cgi', Buffer.alloc(BIG, 2)));
    expect(err).toBeInstanceOf(CameraHttpError);
    expect((err as CameraHttpError).status).toBe(413);
    expect(err.message).toMatch(
      /^POST \/restore\.cgi failed: HTTP 413 \(# Error: too large\); its body failed: camera broke HTTP: POST \/restore\.cgi: body shorter than its Content-Length: 20 of 40 bytes, then the connection closed \(UND_ERR_SOCKET\)$/,
    );
  });

  test('a large body that is accepted arrives whole, with its Content-Length and not chunked', async () => {
    const body = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < body.length; i++) body[i] = i % 251;
    server = await startRawServer((socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nOK\r\n'));
    client = new CameraClient({ url: server.url });
    expect((await client.post('/restore.cgi', body)).status).toBe(200);
    const seen = server.requests[0];
    expect(seen.headers['content-length']).toBe(String(body.length));
    expect(seen.headers['transfer-encoding']).toBeUndefined();
    expect(seen.body.equals(body)).toBe(true);
  });
});
