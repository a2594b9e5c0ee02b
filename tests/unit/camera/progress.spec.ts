// Progress of long waits (lib/camera/progress.ts, fixtures/progress.ts): a wait that lasts
// reports what it awaits, how long so far and its deadline on a timer, at the interval asked
// for, each phase of a restart on its own clock; a quick wait reports nothing; a broken
// listener is not swallowed. The camera here is a raw server that answers, stops answering
// (connections reset) and answers again on a schedule, with 200 ms between lines instead of
// 10 s so the whole file takes a few seconds.
import { test, expect } from '@playwright/test';
import { readRunOptions } from '../../../fixtures/options.ts';
import { progressListener } from '../../../fixtures/progress.ts';
import { CameraClient } from '../../../lib/camera/http.ts';
import { formatProgress, formatSeconds, withProgress, type WaitProgress } from '../../../lib/camera/progress.ts';
import { awaitRestart } from '../../../lib/camera/reachability.ts';
import { startRawServer, type RawServer } from './raw-server.ts';

const OK = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\nOK\r\n';
const EVERY = 200;

let server: RawServer | undefined;
let client: CameraClient | undefined;
test.afterEach(async () => {
  await client?.close();
  await server?.close();
  server = client = undefined;
});

/** Answers until `downAt` ms after it started, resets every connection until `backAt`, then answers again. */
async function restartingCamera(downAt: number, backAt: number): Promise<RawServer> {
  const start = Date.now();
  return startRawServer((socket) => {
    const t = Date.now() - start;
    if (t >= downAt && t < backAt) socket.resetAndDestroy();
    else socket.end(OK);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a restart that takes 1.3 s: a line every 200 ms per phase, naming what is awaited, elapsed and deadline', async () => {
  server = await restartingCamera(300, 1300);
  client = new CameraClient({ url: server.url });
  const heard: (WaitProgress & { at: number })[] = [];
  const start = Date.now();
  const times = await awaitRestart(client, {
    downWithinMs: 3000, backWithinMs: 5000, restart: 'reboot', progressEveryMs: EVERY,
    onProgress: (p) => heard.push({ ...p, at: Date.now() - start }),
  });
  const done = heard.length;
  await sleep(3 * EVERY);
  expect(heard.length, 'no line once the wait is over').toBe(done);

  const down = heard.filter((p) => p.awaiting === 'the camera to go down for the reboot');
  const back = heard.filter((p) => p.awaiting === 'the camera to come back after the reboot');
  expect(down.length + back.length, `every line names one of the two phases: ${JSON.stringify(heard)}`).toBe(heard.length);
  // Down after ~0.3 s: one line at 0.2 s. Back ~1 s later: four or five, at 0.2, 0.4 ... s of that phase.
  expect(down.length, JSON.stringify(heard)).toBeGreaterThanOrEqual(1);
  expect(back.length, JSON.stringify(heard)).toBeGreaterThanOrEqual(3);
  for (const phase of [down, back]) {
    // Ticks are due at 1, 2, 3 ... x 200 ms of the phase: never early, at most one per
    // multiple, and a late one does not push the later ones back (they stay on the multiples).
    phase.forEach((p, i) => expect(p.elapsedMs, formatProgress(p)).toBeGreaterThanOrEqual((i + 1) * EVERY - 2));
    const slots = phase.map((p) => Math.floor((p.elapsedMs + 2) / EVERY));
    for (let i = 1; i < slots.length; i++) expect(slots[i], `one line per interval: ${JSON.stringify(phase)}`).toBeGreaterThan(slots[i - 1]);
    expect(slots[0], 'the first line one interval into the phase, not a whole interval late').toBe(1);
  }
  expect(down.every((p) => p.deadlineMs === 3000) && back.every((p) => p.deadlineMs === 5000)).toBe(true);
  // The back phase runs on its own clock: its first line comes ~0.2 s after the camera went down.
  expect(back[0].at).toBeGreaterThanOrEqual(times.downAfterMs + EVERY - 2);
  expect(formatProgress(back[1])).toMatch(/^waiting for the camera to come back after the reboot: 0\.[45] s of 5 s$/);
});

test('the Playwright side prints each tick as a line (the report gets a step of the same name)', async () => {
  server = await restartingCamera(0, 900);
  client = new CameraClient({ url: server.url });
  const lines: string[] = [];
  await client.waitUntilReachable(5000, { intervalMs: 50, progressEveryMs: EVERY, onProgress: progressListener((l) => lines.push(l)) });
  expect(lines.length, lines.join('\n')).toBeGreaterThanOrEqual(2);
  for (const l of lines) expect(l).toMatch(/^waiting for the camera to answer: \d\.\d s of 5 s$/);
  expect(lines[0], 'one interval in (a busy machine may be a few ms late)').toMatch(/^waiting for the camera to answer: 0\.[23] s of 5 s$/);
  const seconds = lines.map((l) => Number(/: (\d\.\d) s of/.exec(l)![1]));
  for (let i = 1; i < seconds.length; i++) expect(seconds[i], lines.join('\n')).toBeGreaterThan(seconds[i - 1]);
});

test('a wait over before the first tick reports nothing', async () => {
  server = await restartingCamera(10_000, 20_000);
  client = new CameraClient({ url: server.url });
  const heard: WaitProgress[] = [];
  await client.waitUntilReachable(5000, { progressEveryMs: EVERY, onProgress: (p) => heard.push(p) });
  await sleep(2 * EVERY);
  expect(heard).toEqual([]);
});

test('a listener that throws stops the ticks and its error surfaces when the wait settles; the wait\'s own failure wins', async () => {
  let calls = 0;
  const broken = () => {
    calls++;
    throw new Error('listener broke');
  };
  const waited = withProgress('a slow thing', 1000, { onProgress: broken, progressEveryMs: 50 }, () => sleep(300).then(() => 'done'));
  await expect(waited).rejects.toThrow('listener broke');
  expect(calls, 'no tick after the first failure').toBe(1);
  const failed = withProgress('a slow thing', 1000, { onProgress: broken, progressEveryMs: 50 }, () => sleep(150).then(() => Promise.reject(new Error('camera gone'))));
  await expect(failed).rejects.toThrow('camera gone');
  await expect(withProgress('x', 1000, { onProgress: () => {}, progressEveryMs: 0 }, async () => 1)).rejects.toThrow(/progress interval must be a positive number of ms, got 0/);
});

test('seconds read as people say them; the interval comes from HIL_PROGRESS_EVERY_MS or is 10 s', () => {
  expect([20_003, 120_000, 300_000, 9_960, 1_500, 400, 0].map(formatSeconds)).toEqual(['20 s', '120 s', '300 s', '10 s', '1.5 s', '0.4 s', '0 s']);
  expect(formatProgress({ awaiting: 'the camera to come back after the reboot', elapsedMs: 20_004, deadlineMs: 120_000 })).toBe(
    'waiting for the camera to come back after the reboot: 20 s of 120 s',
  );
  expect(readRunOptions({}).progressEveryMs).toBe(10_000);
  expect(readRunOptions({ HIL_PROGRESS_EVERY_MS: '250' }).progressEveryMs).toBe(250);
  for (const bad of ['0', '-5', '1.5', 'ten']) expect(() => readRunOptions({ HIL_PROGRESS_EVERY_MS: bad })).toThrow(`HIL_PROGRESS_EVERY_MS must be a whole number of milliseconds above 0, got "${bad}"`);
});
