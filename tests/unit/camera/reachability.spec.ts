// Reachability probes count every kind of "no answer" as not answering: unreachable,
// dropped, too slow, not HTTP. And awaitRestart: after a restart the camera accepted,
// never going down or never coming back is the camera's fault (a CameraDefect).
import { test, expect } from '@playwright/test';
import { CameraUnreachableError, isUnreachable } from '../../../lib/camera/errors.ts';
import { CameraClient } from '../../../lib/camera/http.ts';
import { awaitRestart } from '../../../lib/camera/reachability.ts';
import { Transcript } from '../../../lib/camera/transcript.ts';
import { CameraDefect, categoryOf } from '../../../lib/errors.ts';
import { startRawServer, type RawServer } from './raw-server.ts';

let servers: RawServer[] = [];
let client: CameraClient | undefined;
test.afterEach(async () => {
  await client?.close();
  for (const s of servers) await s.close();
  servers = [];
  client = undefined;
});

const OK = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\nOK\r\n';

async function camera(answer: (n: number) => string | 'reset' | 'silent'): Promise<RawServer> {
  let n = 0;
  const s = await startRawServer((socket) => {
    const a = answer(n++);
    if (a === 'reset') socket.resetAndDestroy();
    else if (a !== 'silent') socket.end(a);
  });
  servers.push(s);
  return s;
}

test('a camera that resets, stays silent or breaks HTTP is "not answering"; one that answers 401 is back', async () => {
  const kinds = ['reset', 'silent', 'HTTP/1.1 200 OK\nbroken\n\n', OK.replace('200 OK', '401 Unauthorized')];
  const s = await camera((n) => kinds[Math.min(n, kinds.length - 1)]);
  client = new CameraClient({ url: s.url });
  expect(await client.waitUntilUnreachable(2000, { intervalMs: 10, probeTimeoutMs: 300 })).toBeLessThan(1000);
  expect(await client.waitUntilReachable(5000, { intervalMs: 10, probeTimeoutMs: 300 })).toBeGreaterThan(0);
  expect(s.requests).toHaveLength(4);
});

test('waitUntilReachable on a camera that is there but never answers properly: a camera defect, not "unreachable"', async () => {
  const s = await camera(() => 'reset');
  client = new CameraClient({ url: s.url });
  const err = await client.waitUntilReachable(300, { intervalMs: 20 }).catch((e: Error) => e);
  expect(err).toBeInstanceOf(CameraDefect);
  expect(isUnreachable(err)).toBe(false);
  expect((err as Error).message).toMatch(
    /^camera not answering properly: still no usable answer after 300 ms \(\d+ probes of \/videostatus\.cgi\?status=1; last: camera dropped the connection: GET \/videostatus\.cgi\?status=1: connection reset by the camera without an answer \(ECONNRESET\)\)$/,
  );
  const fives = await camera(() => OK.replace('200 OK', '503 Busy'));
  const other = new CameraClient({ url: fives.url });
  try {
    await expect(other.waitUntilReachable(200, { intervalMs: 20 })).rejects.toThrow(/^camera not answering properly: .*last: HTTP 503\)$/);
  } finally {
    await other.close();
  }
});

test('awaitRestart: down, back, auth forgotten, times measured from the call', async () => {
  const s = await camera(() => OK);
  const port = s.port;
  const transcript = new Transcript();
  client = new CameraClient({ url: s.url, transcript });
  let resets = 0;
  const resetAuth = client.resetAuth.bind(client);
  client.resetAuth = () => {
    resets++;
    resetAuth();
  };
  setTimeout(() => void s.close(), 150);
  // The camera comes back on the same port.
  const reopen = setTimeout(async () => servers.push(await startRawServer((socket) => socket.end(OK), { port })), 500);
  try {
    const times = await awaitRestart(client, { downWithinMs: 3000, backWithinMs: 5000 });
    expect(times.downAfterMs).toBeGreaterThanOrEqual(100);
    expect(times.backAfterMs).toBeGreaterThanOrEqual(450);
    expect(times.backAfterMs).toBeGreaterThan(times.downAfterMs);
  } finally {
    clearTimeout(reopen);
  }
  expect(resets, 'the camera forgot its nonces: so does the client').toBe(1);
  expect(transcript.toText()).toContain('camera answering after');
});

test('awaitRestart: a camera that accepted a restart and never went down is a camera defect', async () => {
  const s = await camera(() => OK);
  client = new CameraClient({ url: s.url });
  const err = await awaitRestart(client, { downWithinMs: 300, backWithinMs: 1000 }).catch((e: Error) => e);
  expect(err).toBeInstanceOf(CameraDefect);
  expect((err as Error).message).toMatch(/^camera accepted a restart and never went down: camera still answering after 300 ms \(\d+ probes of \/videostatus\.cgi\?status=1; last: HTTP 200\)$/);
});

test('awaitRestart: a camera that went down and never came back is a camera defect, not a lab problem', async () => {
  const s = await camera(() => OK);
  client = new CameraClient({ url: s.url });
  setTimeout(() => void s.close(), 100);
  const err = await awaitRestart(client, { downWithinMs: 2000, backWithinMs: 600 }).catch((e: Error) => e);
  expect(err).toBeInstanceOf(CameraDefect);
  expect(err).not.toBeInstanceOf(CameraUnreachableError);
  expect(categoryOf(err)).toBe('camera defect');
  expect((err as Error).message).toMatch(
    /^camera went down for a restart and never came back within 0\.6 s: camera unreachable: still no answer after 600 ms \(\d+ probes of \/videostatus\.cgi\?status=1; last: camera unreachable: GET \/videostatus\.cgi\?status=1: connection refused \(ECONNREFUSED\)\)$/,
  );
});
