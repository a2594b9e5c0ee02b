// The virtual camera's frame clock: ticks are numbered by absolute deadline
// (start + k x period), never fire before their deadline, skip (and count) the deadlines a
// late tick missed instead of bursting, and stop when told. Time jumps are simulated with
// an injected clock, so these checks hold on a loaded machine too.
import { expect, test } from '@playwright/test';
import { FrameClock } from '../../../rigs/virtual-camera/video/frame-clock.ts';

interface Tick {
  k: number;
  at: number;
  deadline: number;
}

function collect(fps: number, count: number, onTick?: (t: Tick, clock: FrameClock) => void, now?: () => number): Promise<{ ticks: Tick[]; clock: FrameClock }> {
  return new Promise((resolve, reject) => {
    const ticks: Tick[] = [];
    const guard = setTimeout(() => (clock.stop(), reject(new Error(`only ${ticks.length} of ${count} ticks in 10 s`))), 10_000);
    const clock = new FrameClock(
      fps,
      (k, at) => {
        const t = { k, at, deadline: clock.deadline(k) };
        ticks.push(t);
        onTick?.(t, clock);
        if (ticks.length === count) {
          clock.stop();
          clearTimeout(guard);
          resolve({ ticks, clock });
        }
      },
      now,
    );
    clock.start();
  });
}

test('ticks carry consecutive deadline numbers and never fire before their deadline', async () => {
  let behind = 0;
  const { ticks, clock } = await collect(100, 20, undefined, () => performance.now() + behind);
  // Nothing was late by a whole period unless the machine stalled; either way the numbers
  // account for every deadline since deadline 0 (a late first tick skips some before it):
  // delivered + skipped = deadlines passed.
  expect(ticks[ticks.length - 1].k + 1).toBe(ticks.length + clock.stats.skipped);
  for (const t of ticks) expect(t.at).toBeGreaterThanOrEqual(t.deadline - 0.5);
  for (let i = 1; i < ticks.length; i++) expect(ticks[i].deadline - ticks[i - 1].deadline).toBeCloseTo(10 * (ticks[i].k - ticks[i - 1].k), 6);
  behind = 0;
});

test('a tick more than a period late skips the missed deadlines instead of bursting', async () => {
  let offset = 0;
  let seen = 0;
  const { ticks, clock } = await collect(
    100,
    6,
    () => {
      if (++seen === 3) offset += 55; // after the third tick the process "froze" for 5.5 periods
    },
    () => performance.now() + offset,
  );
  const ks = ticks.map((t) => t.k);
  // The next tick is the deadline the clock is at now, not the next few in a burst. (Counted
  // from the third tick's own deadline, not from 2: on a busy host the real event loop may
  // already have skipped one before it.)
  expect(ks[3]).toBeGreaterThanOrEqual(ks[2] + 5);
  expect(clock.stats.skipped).toBe(ks[ks.length - 1] - ks[0] + 1 - ks.length);
  expect(clock.stats.skipped).toBeGreaterThanOrEqual(4);
  for (let i = 1; i < ks.length; i++) expect(ks[i]).toBeGreaterThan(ks[i - 1]);
});

test('stop() ends the ticks; start() begins a fresh schedule', async () => {
  let n = 0;
  const clock = new FrameClock(200, () => n++);
  clock.start();
  await new Promise((r) => setTimeout(r, 60));
  clock.stop();
  const stoppedAt = n;
  expect(stoppedAt).toBeGreaterThan(0);
  await new Promise((r) => setTimeout(r, 60));
  expect(n).toBe(stoppedAt);
  expect(clock.isRunning).toBe(false);
  const before = performance.now();
  clock.start();
  expect(clock.deadline(0)).toBeGreaterThanOrEqual(before + 5 - 0.001);
  clock.stop();
});

test('fps outside 0..1000 is refused', () => {
  expect(() => new FrameClock(0, () => {})).toThrow(/fps 0/);
  expect(() => new FrameClock(Number.NaN, () => {})).toThrow(/fps/);
});
