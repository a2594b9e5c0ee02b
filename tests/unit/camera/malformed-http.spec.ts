// Malformed HTTP from the camera is a camera defect that names the fault, never "camera
// unreachable". A raw socket sends each broken answer; undici 7's parser (llhttp) rejects
// it and the client types what it threw (lib/camera/net-error.ts, parser-fault.ts).
import { test, expect } from '@playwright/test';
import { CameraProtocolError, CameraUnreachableError, isNoAnswer, isUnreachable } from '../../../lib/camera/errors.ts';
import { CameraClient } from '../../../lib/camera/http.ts';
import { Transcript } from '../../../lib/camera/transcript.ts';
import { categoryOf } from '../../../lib/errors.ts';
import { failure, startRawServer, type RawServer } from './raw-server.ts';

let server: RawServer | undefined;
let client: CameraClient | undefined;
test.afterEach(async () => {
  await client?.close();
  await server?.close();
  client = server = undefined;
});

/** A camera that answers every request with `raw`, then closes. */
async function answering(raw: string): Promise<CameraClient> {
  server = await startRawServer((socket) => socket.end(Buffer.from(raw, 'latin1')));
  client = new CameraClient({ url: server.url, timeoutMs: 2000 });
  return client;
}


const CASES: Array<{ what: string; raw: string; fault: string }> = [
  {
    what: 'a bare LF ending a header line',
    raw: 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\nContent-Length: 2\r\n\r\nOK',
    fault: 'a header line ends in a bare LF (llhttp: "Missing expected CR after header value")',
  },
  {
    what: 'bare LFs throughout (status line first)',
    raw: 'HTTP/1.1 200 OK\nContent-Type: text/plain\nContent-Length: 2\n\nOK',
    fault: 'the status line ends in a bare LF (llhttp: "Missing expected CR after response line")',
  },
  {
    what: 'a folded header (obs-fold)',
    raw: 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Note: a\r\n  b\r\nContent-Length: 2\r\n\r\nOK',
    fault: 'a folded header (obs-fold: a line starting with whitespace continues the previous header) (llhttp: "Unexpected whitespace after header value")',
  },
  {
    what: 'Transfer-Encoding: chunked, then Content-Length',
    raw: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n2\r\nOK\r\n0\r\n\r\n',
    fault: 'Content-Length together with Transfer-Encoding (llhttp: "Content-Length can\'t be present with Transfer-Encoding")',
  },
  {
    // undici hides llhttp's reason here: the fault is named as closely as it can be.
    what: 'Content-Length, then Transfer-Encoding: chunked',
    raw: 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nOK\r\n0\r\n\r\n',
    fault:
      'the header block broke HTTP after a Content-Length header: Content-Length together with Transfer-Encoding, ' +
      'a repeated Content-Length, or a malformed header after it (UND_ERR_RES_CONTENT_LENGTH_MISMATCH)',
  },
  {
    what: 'a body shorter than its Content-Length, then close',
    raw: 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nonly 17 bytes\r\n\r\n',
    fault: 'body shorter than its Content-Length: 17 of 100 bytes, then the connection closed (UND_ERR_SOCKET)',
  },
  {
    what: 'a chunked body cut off before its last chunk',
    raw: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nOK\r\n',
    fault: 'chunked body cut off: the connection closed after 2 bytes, before the last chunk (UND_ERR_SOCKET)',
  },
  {
    what: 'an invalid status code',
    raw: 'HTTP/1.1 2x0 OK\r\nContent-Length: 2\r\n\r\nOK',
    fault: 'an invalid status code in the status line (llhttp: "Invalid status code")',
  },
  {
    what: 'a status code below 100',
    raw: 'HTTP/1.1 099 Odd\r\nContent-Length: 2\r\n\r\nOK',
    fault: 'a status code below 100 in the status line (undici assertion statusCode >= 100)',
  },
  {
    what: 'no status line at all',
    raw: 'OK\r\n',
    fault: 'the answer does not start with a status line (HTTP/x.y) (llhttp: "Expected HTTP/, RTSP/ or ICE/")',
  },
  {
    what: 'a space before the colon of a header name',
    raw: 'HTTP/1.1 200 OK\r\nContent-Type : text/plain\r\nContent-Length: 2\r\n\r\nOK',
    fault: 'a header name with a character not allowed in it (a space before the colon?) (llhttp: "Invalid header token")',
  },
];

for (const c of CASES) {
  test(`${c.what}: a camera defect naming the fault`, async () => {
    const transcript = new Transcript();
    server = await startRawServer((socket) => socket.end(Buffer.from(c.raw, 'latin1')));
    client = new CameraClient({ url: server.url, timeoutMs: 2000, transcript });
    const err = await failure(client.get('/x.cgi', { pwd: 'hidden-pw' }));
    expect(err).toBeInstanceOf(CameraProtocolError);
    expect(err.message).toBe(`camera broke HTTP: GET /x.cgi?pwd=<redacted>: ${c.fault}`);
    expect(categoryOf(err)).toBe('camera defect');
    expect(isUnreachable(err)).toBe(false);
    expect(isNoAnswer(err), 'a reachability probe counts it as "not answering"').toBe(true);
    expect(transcript.entries[0].error).toBe(err.message);
    expect(transcript.toText()).not.toContain('hidden-pw');
  });
}

test('what undici 7 tolerates is read as an answer: no reason phrase, a Transfer-Encoding that is not chunked', async () => {
  const c = await answering('HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nOK');
  expect((await c.get('/a.cgi')).text).toBe('OK');
  await client!.close();
  await server!.close();
  // RFC 9112 §6.3: a Transfer-Encoding without chunked last is read to the close.
  const d = await answering('HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nOK');
  expect((await d.get('/b.cgi')).text).toBe('OK');
});

test('a stream that breaks its chunked framing mid-way fails as a protocol defect', async () => {
  server = await startRawServer((socket) => {
    socket.write('HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace;boundary=ioboundary\r\nTransfer-Encoding: chunked\r\n\r\n');
    socket.write('1c\r\n--ioboundary\r\n\r\nIO1:/ \r\n\r\n');
    setTimeout(() => socket.end('zz\r\nnot a chunk\r\n'), 50);
  });
  client = new CameraClient({ url: server.url, timeoutMs: 2000 });
  const s = await client.stream('/input.cgi', { monitor: 1 });
  const chunks: Buffer[] = [];
  const err = await new Promise<Error>((resolve) => {
    s.body.on('data', (c: Buffer) => chunks.push(c));
    s.body.on('error', resolve);
  });
  s.close();
  expect(Buffer.concat(chunks).toString()).toContain('IO1:/');
  expect(err).toBeInstanceOf(CameraProtocolError);
  expect(err.message).toBe('camera broke HTTP: GET /input.cgi?monitor=1: an invalid chunk size in a chunked body (llhttp: "Invalid character in chunk size")');
});

test('a camera that is not there at all is still a lab problem, not a protocol defect', async () => {
  server = await startRawServer((socket) => socket.end());
  const port = server.port;
  await server.close();
  server = undefined;
  client = new CameraClient({ url: `http://127.0.0.1:${port}` });
  const err = await failure(client.get('/x.cgi'));
  expect(err).toBeInstanceOf(CameraUnreachableError);
  expect(err.message).toBe('camera unreachable: GET /x.cgi: connection refused (ECONNREFUSED)');
  expect(categoryOf(err)).toBe('lab problem');
});
