import { Readable } from 'node:stream';
import { test, expect } from '@playwright/test';
import { CameraConnectionError, CameraHttpError, CameraUnreachableError } from '../../../lib/camera/errors.ts';
import { categoryOf } from '../../../lib/errors.ts';
import { CameraClient } from '../../../lib/camera/http.ts';
import { Transcript } from '../../../lib/camera/transcript.ts';
import { DigestChecker, parseAuthParams, startServer, type TestServer } from './test-server.ts';

const PASSWORD = 's3cr3t:pw';

let server: TestServer | undefined;
let client: CameraClient | undefined;
test.afterEach(async () => {
  await client?.close();
  await server?.close();
  client = server = undefined;
});

/** A camera that wants Digest (and offers Basic too, which must not be chosen). */
async function digestCamera(checker: DigestChecker, answer = 'OK\r\n') {
  return startServer((req, res) => {
    const verdict = checker.check(req.method!, req.url!, req.headers.authorization);
    if (verdict !== 'ok') {
      res.writeHead(401, { 'WWW-Authenticate': [checker.challenge(verdict === 'stale'), 'Basic realm="cam"'], 'Content-Type': 'text/plain' });
      res.end('# Error: Unauthorized\r\n');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(answer);
  });
}

test('Digest: one 401, then pre-emptive with the same nonce and nc counting up', async () => {
  const checker = new DigestChecker({ root: PASSWORD });
  server = await digestCamera(checker);
  client = new CameraClient({ url: server.url, user: 'root', password: PASSWORD });
  for (let i = 0; i < 3; i++) expect((await client.get('/config.cgi', { action: 'list' })).text).toBe('OK\r\n');
  expect(server.seen.map((s) => (s.headers.authorization ? parseAuthParams(s.headers.authorization).nc : 'none'))).toEqual([
    'none', '00000001', '00000002', '00000003',
  ]);
  const cnonces = server.seen.slice(1).map((s) => parseAuthParams(s.headers.authorization!).cnonce);
  expect(new Set(cnonces).size).toBe(3);
  expect(server.seen[1].headers.authorization).toMatch(/^Digest .*algorithm=SHA-256/);
});

test('Digest: stale=true (expired nonce) is answered with the new nonce, once', async () => {
  const checker = new DigestChecker({ root: PASSWORD }, 'MD5');
  server = await digestCamera(checker);
  client = new CameraClient({ url: server.url, user: 'root', password: PASSWORD });
  await client.get('/a.cgi');
  const oldNonce = checker.nonce;
  checker.expire(); // the camera expires its nonce; the client still holds the old one
  await client.get('/b.cgi');
  const lastTwo = server.seen.slice(-2).map((s) => parseAuthParams(s.headers.authorization!));
  expect(lastTwo[0].nonce).toBe(oldNonce);
  expect(lastTwo[1].nonce).toBe(checker.nonce);
  expect(lastTwo[1].nonce).not.toBe(oldNonce);
  expect(lastTwo[1].nc).toBe('00000001');
  expect(server.seen).toHaveLength(4);
  await client.get('/c.cgi');
  expect(parseAuthParams(server.seen[4].headers.authorization!)).toMatchObject({ nonce: checker.nonce, nc: '00000002' });
});

test('wrong password: HTTP error naming the request, no retry loop, no password anywhere', async () => {
  const checker = new DigestChecker({ root: 'other' });
  server = await digestCamera(checker);
  const transcript = new Transcript();
  client = new CameraClient({ url: server.url, user: 'root', password: PASSWORD, transcript });
  const err = await client.get('/usrgrp.cgi', { action: 'add', user: 'x', pwd: PASSWORD }).catch((e) => e);
  expect(err).toBeInstanceOf(CameraHttpError);
  expect(err.status).toBe(401);
  expect(err.message).toBe(
    'GET /usrgrp.cgi?action=add&user=x&pwd=<redacted> failed: HTTP 401 (# Error: Unauthorized); credentials rejected (Digest)',
  );
  expect(server.seen).toHaveLength(2);
  const text = transcript.toText();
  expect(text).toContain('> authorization: Digest <redacted>');
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain(encodeURIComponent(PASSWORD));
});

test('Basic when it is all the camera offers; then pre-emptive', async () => {
  server = await startServer((req, res) => {
    const ok = req.headers.authorization === `Basic ${Buffer.from(`root:${PASSWORD}`).toString('base64')}`;
    res.writeHead(ok ? 200 : 401, ok ? { 'Content-Type': 'text/plain' } : { 'WWW-Authenticate': 'Basic realm="cam"' });
    res.end(ok ? 'OK' : '');
  });
  client = new CameraClient({ url: server.url, user: 'root', password: PASSWORD });
  await client.get('/a.cgi');
  await client.get('/b.cgi');
  expect(server.seen.map((s) => s.headers.authorization?.split(' ')[0] ?? 'none')).toEqual(['none', 'Basic', 'Basic']);
  // auth 'digest' refuses to fall back to Basic, and says why.
  await expect(client.get('/c.cgi', undefined, { auth: 'digest' })).rejects.toThrow(/no usable Digest challenge \(offered: Basic\)/);
});

test('acting as another user and sending from 127.0.0.2', async () => {
  const checker = new DigestChecker({ root: PASSWORD, viewer: 'view-pw' });
  server = await digestCamera(checker);
  client = new CameraClient({ url: server.url, user: 'root', password: PASSWORD, localAddress: '127.0.0.2' });
  await client.get('/a.cgi', undefined, { as: { user: 'viewer', password: 'view-pw' } });
  expect(parseAuthParams(server.seen.at(-1)!.headers.authorization!).username).toBe('viewer');
  expect(server.seen.every((s) => s.remoteAddress === '127.0.0.2')).toBe(true);
  const other = client.derive({ localAddress: undefined });
  const viewer = client.derive({ user: 'viewer' });
  try {
    await other.get('/b.cgi');
    expect(server.seen.at(-1)!.remoteAddress).toBe('127.0.0.1');
    client.addSecret('added-later');
    // The derived client knows the parent's secrets, and does not borrow root's password.
    expect(other.redact('added-later')).toBe('<redacted>');
    await expect(viewer.get('/c.cgi')).rejects.toThrow('HTTP 401');
    expect(viewer.redact(PASSWORD)).toBe('<redacted>');
  } finally {
    await other.close();
    await viewer.close();
  }
});

test('expectStatus: default 2xx, an explicit status, or any', async () => {
  server = await startServer((req, res) => {
    res.writeHead(req.url!.startsWith('/missing') ? 404 : 204, { 'Content-Type': 'text/plain' });
    res.end(req.url!.startsWith('/missing') ? '\r\n# Error: no such CGI\r\n' : undefined);
  });
  client = new CameraClient({ url: server.url, user: 'root', password: PASSWORD });
  const err = await client.get('/missing.cgi', { password: PASSWORD }).catch((e) => e);
  expect(err).toBeInstanceOf(CameraHttpError);
  expect(err.message).toBe('GET /missing.cgi?password=<redacted> failed: HTTP 404 (# Error: no such CGI)');
  expect(err.cameraError).toBe('no such CGI');
  expect((await client.get('/missing.cgi', undefined, { expectStatus: 404 })).status).toBe(404);
  expect((await client.get('/missing.cgi', undefined, { expectStatus: 'any' })).status).toBe(404);
  expect((await client.get('/ok.cgi')).status).toBe(204);
  await expect(client.get('/ok.cgi', undefined, { expectStatus: [200] })).rejects.toThrow('GET /ok.cgi failed: HTTP 204');
});

test('a camera too slow is a camera defect, a refused connection "camera unreachable: <method> <path>: <why>"', async () => {
  server = await startServer(() => {
    /* never answers */
  });
  client = new CameraClient({ url: server.url, timeoutMs: 300 });
  const slow = await client.get('/slow.cgi', { pwd: PASSWORD }).catch((e) => e);
  expect(slow).toBeInstanceOf(CameraConnectionError);
  expect(slow.message).toBe('camera did not answer in time: GET /slow.cgi?pwd=<redacted>: no complete answer within 300 ms');
  const port = server.port;
  await server.close();
  server = undefined;
  const refused = new CameraClient({ url: `http://127.0.0.1:${port}`, timeoutMs: 1000 });
  try {
    const err = await refused.get('/x.cgi').catch((e) => e);
    expect(err).toBeInstanceOf(CameraUnreachableError);
    expect(err.message).toMatch(/^camera unreachable: GET \/x\.cgi: connection refused \(ECONNREFUSED\)$/);
  } finally {
    await refused.close();
  }
});

test('a body that stalls midway times out too', async () => {
  server = await startServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '100' });
    res.write('partial');
  });
  client = new CameraClient({ url: server.url, timeoutMs: 300 });
  await expect(client.get('/half.cgi')).rejects.toThrow(/^camera did not answer in time: GET \/half\.cgi: no complete answer within 300 ms$/);
});

test('a buffered POST is re-sent after the 401; a streamed one is authenticated first', async () => {
  const checker = new DigestChecker({ root: PASSWORD });
  server = await digestCamera(checker);
  client = new CameraClient({ url: server.url, user: 'root', password: PASSWORD });
  await client.post('/restore.cgi', Buffer.from('abc'));
  expect(server.seen.map((s) => [s.method, s.body.toString()])).toEqual([
    ['POST', 'abc'],
    ['POST', 'abc'],
  ]);

  const fresh = new CameraClient({ url: server.url, user: 'root', password: PASSWORD });
  try {
    server.seen.length = 0;
    await fresh.post('/toSERVER.cgi', Readable.from([Buffer.from('one'), Buffer.from('two')]), { contentType: 'audio/basic' });
    expect(server.seen.map((s) => [s.method, s.url.split('?')[0], s.headers.authorization ? 'auth' : 'none'])).toEqual([
      ['GET', '/config.cgi', 'none'],
      ['GET', '/config.cgi', 'auth'],
      ['POST', '/toSERVER.cgi', 'auth'],
    ]);
    expect(server.seen[2].body.toString()).toBe('onetwo');
    expect(server.seen[2].headers['content-type']).toBe('audio/basic');
  } finally {
    await fresh.close();
  }
});

test('streams: open response, idle timeout as "camera did not answer in time", summary in the transcript', async () => {
  server = await startServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'multipart/x-mixed-replace;boundary=myboundary' });
    res.write('--myboundary\r\nContent-Type: text/plain\r\n\r\nIO1:/\r\n');
    if (req.url!.includes('more')) res.write('--myboundary\r\nContent-Type: text/plain\r\n\r\nIO1:\\\r\n');
    // then silence
  });
  const transcript = new Transcript();
  client = new CameraClient({ url: server.url, transcript });
  const s = await client.stream('/input.cgi', { monitor: 1, more: 1 }, { idleTimeoutMs: 200 });
  expect(s.status).toBe(200);
  expect(s.contentType).toBe('multipart/x-mixed-replace;boundary=myboundary');
  const chunks: string[] = [];
  const err = await new Promise<Error>((resolve) => {
    s.body.on('data', (c: Buffer) => chunks.push(c.toString()));
    s.body.on('error', resolve);
  });
  expect(chunks.join('')).toContain('IO1:\\');
  expect(err).toBeInstanceOf(CameraConnectionError);
  expect(err.message).toBe('camera did not answer in time: GET /input.cgi?monitor=1&more=1: body stalled: no data for 200 ms');
  s.close();
  const entry = transcript.entries[0];
  expect(entry.responseBody).toMatch(/^<stream multipart\/x-mixed-replace;boundary=myboundary: \d+ bytes in \d+ ms, camera did not answer in time/);

  const second = await client.stream('/input.cgi', { monitor: 1 }, { idleTimeoutMs: 5000 });
  await new Promise((r) => second.body.once('data', r));
  second.close();
  second.close();
  await new Promise((r) => setTimeout(r, 20));
  expect(transcript.entries[1].responseBody).toMatch(/: \d+ bytes in \d+ ms, closed>$/);
});

test('stream with an unexpected status fails like a plain request', async () => {
  server = await startServer((_req, res) => {
    res.writeHead(403, { 'Content-Type': 'text/plain' });
    res.end('# Error: viewer may not do that\r\n');
  });
  client = new CameraClient({ url: server.url });
  await expect(client.stream('/motion.cgi')).rejects.toThrow('GET /motion.cgi failed: HTTP 403 (# Error: viewer may not do that)');
});

test('waitUntilUnreachable / waitUntilReachable follow a camera that goes and comes back', async () => {
  server = await startServer((_req, res) => {
    res.writeHead(401);
    res.end();
  });
  const port = server.port;
  const transcript = new Transcript();
  client = new CameraClient({ url: server.url, transcript, timeoutMs: 1000 });
  await client.waitUntilReachable(2000);
  setTimeout(() => void server?.close(), 200);
  expect(await client.waitUntilUnreachable(3000, { intervalMs: 50 })).toBeGreaterThanOrEqual(150);
  server = undefined;
  setTimeout(async () => {
    server = await startServer((_req, res) => void res.end('ok'), port);
  }, 300);
  expect(await client.waitUntilReachable(5000, { intervalMs: 50 })).toBeGreaterThanOrEqual(250);
  const still = await client.waitUntilUnreachable(300, { intervalMs: 50 }).catch((e) => e);
  expect(still.message).toMatch(/^camera still answering after 300 ms/);
  expect(categoryOf(still), 'only a restart the camera accepted is waited out').toBe('camera defect');
  expect(transcript.entries.every((e) => e.note !== undefined)).toBe(true);
  expect(transcript.entries).toHaveLength(4);
});

test('waitUntilReachable gives up with the unreachable prefix', async () => {
  server = await startServer(() => {});
  const port = server.port;
  await server.close();
  server = undefined;
  client = new CameraClient({ url: `http://127.0.0.1:${port}` });
  await expect(client.waitUntilReachable(400, { intervalMs: 50 })).rejects.toThrow(
    /^camera unreachable: still no answer after 400 ms \(\d+ probes of \/videostatus\.cgi\?status=1; last: camera unreachable: GET \/videostatus\.cgi\?status=1: connection refused/,
  );
});

test('bad options are refused clearly; credentials in the URL are taken out of it', async () => {
  expect(() => new CameraClient({ url: 'ftp://cam' })).toThrow(/must be http/);
  expect(() => new CameraClient({ url: 'http://cam/some/path' })).toThrow(/just scheme:\/\/host/);
  expect(() => new CameraClient({ url: 'not a url :pw@' })).toThrow(/not a URL/);
  const c = new CameraClient({ url: `http://root:${encodeURIComponent(PASSWORD)}@127.0.0.1:1` });
  try {
    expect(c.url).toBe('http://127.0.0.1:1');
    expect(c.redact(`x ${PASSWORD} y`)).toBe('x <redacted> y');
  } finally {
    await c.close();
  }
});

test('a FormData body is sent as multipart and re-sent after the 401', async () => {
  const checker = new DigestChecker({ root: PASSWORD });
  server = await digestCamera(checker);
  const transcript = new Transcript();
  client = new CameraClient({ url: server.url, user: 'root', password: PASSWORD, transcript });
  const form = new FormData();
  form.append('file', new Blob([Buffer.from('IMAGE')]), 'fw.bin');
  await client.post('/firmwareupgrade.cgi', form);
  expect(server.seen).toHaveLength(2);
  for (const s of server.seen) {
    expect(String(s.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
    expect(s.body.toString()).toContain('name="file"; filename="fw.bin"');
    expect(s.body.toString()).toContain('IMAGE');
  }
  expect(transcript.entries[1].requestBody).toMatch(/^<\d+ bytes multipart\/form-data>$/);
});
