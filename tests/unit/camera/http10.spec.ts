// HTTP/1.0 cameras: the spec's own examples (1.5 backup, 2.3.6 MJPEG) are HTTP/1.0
// answers whose body ends when the connection closes (no Content-Length, not chunked),
// one request per connection. The client must read such text replies, binary bodies and
// endless multipart streams, and a body ended by the close is complete, not truncated.
import { randomBytes } from 'node:crypto';
import { test, expect } from '@playwright/test';
import { Camera } from '../../../lib/camera/index.ts';
import { CameraClient } from '../../../lib/camera/http.ts';
import { Transcript } from '../../../lib/camera/transcript.ts';
import { MultipartParser, type MultipartPart } from '../../../lib/media/multipart.ts';
import { startRawServer, type RawServer } from './raw-server.ts';

let server: RawServer | undefined;
let client: CameraClient | undefined;
test.afterEach(async () => {
  await client?.close();
  await server?.close();
  client = server = undefined;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('text replies: each request on its own connection, the body read to the close', async () => {
  server = await startRawServer((socket) => socket.end('HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nOK\r\n'));
  const transcript = new Transcript();
  client = new CameraClient({ url: server.url, transcript });
  for (let i = 0; i < 5; i++) {
    const res = await client.get('/config.cgi', { action: 'update', 'Image.I0.Text.String': `n${i}` });
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('text/plain');
    expect(res.text).toBe('OK\r\n');
  }
  expect(server.connections).toBe(5);
  expect(server.requests).toHaveLength(5);
  expect(transcript.entries.every((e) => e.error === undefined && e.status === 200)).toBe(true);
});

test('a binary body written in pieces and ended by the close arrives whole (the spec\'s backup answer)', async () => {
  const backup = randomBytes(300 * 1024);
  server = await startRawServer(async (socket) => {
    socket.write('HTTP/1.0 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=backup.bin\r\n\r\n');
    for (let at = 0; at < backup.length; at += 64 * 1024) {
      socket.write(backup.subarray(at, at + 64 * 1024));
      await sleep(10);
    }
    socket.end();
  });
  const camera = new Camera({ url: server.url });
  client = camera.client;
  const got = await camera.system.backup();
  expect(got.length).toBe(backup.length);
  expect(got.equals(backup)).toBe(true);
});

test('an empty close-delimited body is an empty answer, not a failure', async () => {
  server = await startRawServer((socket) => socket.end('HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n'));
  client = new CameraClient({ url: server.url });
  const res = await client.get('/ptz.cgi', { move: 'stop' });
  expect(res.status).toBe(200);
  expect(res.body.length).toBe(0);
});

/** An HTTP/1.0 MJPEG answer as in spec 2.3.6: parts until the client leaves (or `parts` were sent). */
function mjpegCamera(parts = Infinity) {
  return startRawServer(async (socket) => {
    socket.write('HTTP/1.0 200 OK\r\nContent-Type: multipart/x-mixed-replace;boundary=myboundary\r\n\r\n');
    for (let n = 0; n < parts && !socket.destroyed; n++) {
      const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.from(`frame ${n}`), Buffer.from([0xff, 0xd9])]);
      socket.write(`--myboundary\r\nContent-Type: image/jpeg\r\nContent-Length: ${jpeg.length}\r\n\r\n`);
      socket.write(Buffer.concat([jpeg, Buffer.from('\r\n')]));
      await sleep(20);
    }
    if (!socket.destroyed) socket.end();
  });
}

test('an endless multipart stream over HTTP/1.0 is read part by part until the client closes it', async () => {
  server = await mjpegCamera();
  const transcript = new Transcript();
  client = new CameraClient({ url: server.url, transcript });
  const s = await client.stream('/video.cgi', { resolution: '320x240' }, { idleTimeoutMs: 2000 });
  expect(s.status).toBe(200);
  const parser = new MultipartParser(s.contentType);
  const parts: MultipartPart[] = [];
  for await (const chunk of s.body) {
    parts.push(...parser.push(chunk as Buffer));
    if (parts.length >= 6) break;
  }
  s.close();
  expect(parts.slice(0, 6).map((p) => p.body.subarray(2, -2).toString())).toEqual(['frame 0', 'frame 1', 'frame 2', 'frame 3', 'frame 4', 'frame 5']);
  await sleep(20);
  expect(transcript.entries[0].responseBody).toMatch(/^<stream multipart\/x-mixed-replace;boundary=myboundary: \d+ bytes in \d+ ms, closed>$/);
});

test('a multipart stream the camera ends by closing ends cleanly, every part whole', async () => {
  server = await mjpegCamera(4);
  const transcript = new Transcript();
  client = new CameraClient({ url: server.url, transcript });
  const s = await client.stream('/video.cgi', undefined, { idleTimeoutMs: 2000 });
  const parser = new MultipartParser(s.contentType);
  const parts: MultipartPart[] = [];
  for await (const chunk of s.body) parts.push(...parser.push(chunk as Buffer));
  parts.push(...parser.end());
  expect(parts).toHaveLength(4);
  expect(parser.discardedTailBytes).toBe(0);
  expect(transcript.entries[0].responseBody).toMatch(/, end>$/);
});
