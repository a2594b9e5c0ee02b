import { test, expect } from '@playwright/test';
import { bodyHash, distribution, frameTiming, intervalHistogramSvg, type TimedFrame } from '../../../lib/media/frame-timing.ts';
import { prng } from '../../../fixtures/synthetic-media.ts';

/** A 25 fps timeline with exact arrival times, optionally stamped. */
const steady = (n: number, intervalMs = 40, start = 1000): TimedFrame[] =>
  Array.from({ length: n }, (_, i) => ({ arrivedAt: start + i * intervalMs, seq: i, captureMs: 1.7e12 + i * intervalMs }));

test.describe('distribution', () => {
  test('percentiles interpolate between order statistics', () => {
    const d = distribution([5, 1, 4, 2, 3])!;
    expect(d).toMatchObject({ count: 5, min: 1, max: 5, mean: 3, p50: 3 });
    expect(d.p90).toBeCloseTo(4.6, 10);
    expect(d.p99).toBeCloseTo(4.96, 10);
    expect(d.stddev).toBeCloseTo(Math.sqrt(2), 10);
    expect(distribution([])).toBeUndefined();
  });
});

test.describe('frameTiming', () => {
  test('a steady stream: exact fps, no gaps, nothing dropped', () => {
    const t = frameTiming(steady(251), { nominalIntervalMs: 40 });
    expect(t.count).toBe(251);
    expect(t.durationMs).toBe(10_000);
    expect(t.fps).toBeCloseTo(25, 10);
    expect(t.intervals).toMatchObject({ min: 40, max: 40, p50: 40, p99: 40, stddev: 0 });
    expect(t.gaps).toEqual({ thresholdMs: 60, count: 0, list: [] });
    expect(t.stalls.count).toBe(0);
    expect(t.sequence).toEqual({ dropped: 0, droppedRanges: [], duplicated: 0, outOfOrder: 0 });
    expect(t.captureIntervals).toMatchObject({ min: 40, max: 40 });
  });

  test('jitter, gaps and a stall are counted and located', () => {
    const rand = prng(3);
    let at = 0;
    const frames: TimedFrame[] = [];
    for (let i = 0; i < 300; i++) {
      at += i === 100 ? 90 : i === 200 ? 1500 : 40 + (rand() - 0.5) * 10; // ±5 ms jitter stays under the gap threshold
      frames.push({ arrivedAt: at });
    }
    const t = frameTiming(frames, { nominalIntervalMs: 40 });
    expect(t.gaps.count).toBe(2);
    expect(t.gaps.list.map((g) => g.index)).toEqual([100, 200]);
    expect(t.gaps.list[0].intervalMs).toBeCloseTo(90, 10);
    expect(t.stalls).toMatchObject({ thresholdMs: 1000, count: 1, totalMs: 1500 });
    expect(t.stalls.list[0]).toEqual({ index: 200, startMs: frames[199].arrivedAt, intervalMs: 1500 });
    expect(t.intervals!.p50).toBeGreaterThan(37);
    expect(t.intervals!.p50).toBeLessThan(43);
    expect(t.intervals!.max).toBe(1500);
    expect(t.sequence).toBeUndefined();
    expect(t.fps).toBeCloseTo(299_000 / (frames[299].arrivedAt - frames[0].arrivedAt), 10);
  });

  test('nominal interval defaults to the median interval', () => {
    const frames = steady(50, 100).map(({ arrivedAt }) => ({ arrivedAt }));
    frames.splice(20, 1); // one missing frame leaves a 200 ms gap
    const t = frameTiming(frames);
    expect(t.nominalIntervalMs).toBe(100);
    expect(t.gaps.count).toBe(1);
    expect(frameTiming(frames, { gapFactor: 2.5 }).gaps.count).toBe(0);
  });

  test('dropped, duplicated and out-of-order sequence numbers', () => {
    const seqs = [0, 1, 2, 5, 6, 4, 6, 7, 10, 11];
    const t = frameTiming(seqs.map((seq, i) => ({ arrivedAt: i * 40, seq })));
    // 3, 8, 9 never came; 4 came late (not dropped); 6 came twice.
    expect(t.sequence).toEqual({ dropped: 3, droppedRanges: [[3, 3], [8, 9]], duplicated: 1, outOfOrder: 1 });
  });

  test('identical consecutive bodies are repeats even under new numbers', () => {
    const bodies = ['a', 'b', 'b', 'c', 'c', 'c', 'a'].map((s) => Buffer.from(s));
    const t = frameTiming(bodies.map((b, i) => ({ arrivedAt: i, seq: i, bodyHash: bodyHash(b) })));
    expect(t.repeatedBodies).toBe(3);
    expect(t.sequence!.duplicated).toBe(0);
    expect(frameTiming([{ arrivedAt: 0 }]).repeatedBodies).toBeUndefined();
  });

  test('latency on a shared clock when an epoch offset is given', () => {
    const frames = steady(10).map((f) => ({ ...f, arrivedAt: f.captureMs! - 1.7e12 + 25 }));
    const t = frameTiming(frames, { epochOffsetMs: 1.7e12 });
    expect(t.latency).toMatchObject({ min: 25, max: 25 });
    expect(frameTiming(frames).latency).toBeUndefined();
  });

  test('too few frames give no rate instead of a made-up one', () => {
    expect(frameTiming([])).toMatchObject({ count: 0, fps: undefined, intervals: undefined, durationMs: 0 });
    expect(frameTiming([{ arrivedAt: 5 }])).toMatchObject({ count: 1, fps: undefined, intervals: undefined });
    expect(frameTiming([{ arrivedAt: 5 }, { arrivedAt: 5 }]).fps).toBeUndefined(); // both parts came in one read
  });

  test('bad input is a clear error', () => {
    expect(() => frameTiming([{ arrivedAt: 10 }, { arrivedAt: 5 }])).toThrow(/arrivedAt goes backwards at frame 1/);
    expect(() => frameTiming([{ arrivedAt: NaN }])).toThrow(/frame 0 has no finite arrivedAt/);
    expect(() => frameTiming([{ arrivedAt: 1, seq: 1 }, { arrivedAt: 2 }])).toThrow(/1 of 2 frames have a seq/);
    expect(() => frameTiming([{ arrivedAt: 1, seq: -1 }])).toThrow(/seq -1/);
    expect(() => frameTiming(steady(3), { gapFactor: 0 })).toThrow(/gapFactor must be a positive number/);
    expect(() => frameTiming(steady(3), { nominalIntervalMs: -40 })).toThrow(/nominalIntervalMs/);
  });
});

test.describe('intervalHistogramSvg', () => {
  test('a self-contained chart with one bar per used bin, overflow bin and markers', () => {
    const intervals = [...new Array(90).fill(40), ...new Array(9).fill(44), 500];
    const svg = intervalHistogramSvg(intervals, 40, { bins: 40 });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).not.toMatch(/href|<script|url\(/);
    const bars = [...svg.matchAll(/<rect x="[^"]+" y="[^"]+" width="[^"]+" height="([^"]+)" fill="([^"]+)"><title>(\d+)<\/title>/g)];
    expect(bars.map((b) => [b[3], b[2]])).toEqual([['90', '#4a7bb7'], ['9', '#4a7bb7'], ['1', '#c0392b']]);
    expect(Number(bars[0][1])).toBeGreaterThan(Number(bars[1][1]));
    expect(svg).toContain('100 intervals: p50 40.0 ms');
    expect(svg).toContain('>nominal<');
  });

  test('empty input still draws, bad nominal is an error', () => {
    expect(intervalHistogramSvg([], 40)).toContain('no intervals (nominal 40.0 ms)');
    expect(() => intervalHistogramSvg([1], 0)).toThrow(/nominalMs must be a positive number/);
    expect(() => intervalHistogramSvg([-1], 40)).toThrow(/finite and non-negative/);
  });
});
