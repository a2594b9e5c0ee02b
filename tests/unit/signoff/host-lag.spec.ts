// The lab-vs-camera rule for timing breaches (lib/signoff/host-lag.ts), as a pure function,
// and the monitor itself against a loop blocked on purpose.
import { test, expect } from '@playwright/test';
import { breachOf, describeLag, lagExplanation, msPerUnit, parseHostLag, QUIET_HOST_LAG_MS, startLagMonitor, type HostLag } from '../../../lib/signoff/host-lag.ts';
import { parseMeasurement, renderMeasurementTable, serializeMeasurement } from '../../../lib/signoff/measurement.ts';
import { renderSignoffMarkdown } from '../../../lib/signoff/render.ts';
import { toRunResults } from '../../../lib/signoff/results.ts';
import { computeSignoff } from '../../../lib/signoff/verdict.ts';
import { fakeReport, IDENTITY, profile, TARGET } from './synthetic.ts';

const lag = (maxMs: number, more: Partial<HostLag> = {}): HostLag => ({ p99Ms: maxMs / 2, maxMs, windowMs: 5000, load1: 3.1, cores: 2, ...more });
const p99 = { name: 'mjpeg.interval.p99', unit: 'ms', limits: { max: 40, marginalMax: 35.5 } };

test('a ms breach is the host\'s when its longest stall covers the excess over the limit', () => {
  expect(lagExplanation({ ...p99, value: 40.99 }, lag(52))).toBe(
    'mjpeg.interval.p99 = 40.99 ms breaches 40 ms, but the test host itself lagged 52 ms (event-loop delay max) with load 3.1 on 2 cores: a lab problem, re-run on a quiet host');
  // 60 ms over the limit: a 52 ms stall cannot account for it.
  expect(lagExplanation({ ...p99, value: 100 }, lag(52))).toBeUndefined();
  // Exactly the excess is enough.
  expect(lagExplanation({ ...p99, value: 52 }, lag(12))).toBeDefined();
  expect(lagExplanation({ ...p99, value: 52.01 }, lag(12))).toBeUndefined();
});

test('a stall shorter than a quiet host shows never excuses a breach, however small', () => {
  expect(QUIET_HOST_LAG_MS).toBe(10);
  expect(lagExplanation({ ...p99, value: 40.5 }, lag(9.9))).toBeUndefined();
  expect(lagExplanation({ ...p99, value: 40.5 }, lag(10))).toBeDefined();
});

test('below a minimum too; inside the limits, without a lag, or NaN: never explained', () => {
  const pulse = { name: 'io.pulse.length.error', unit: 'ms', limits: { min: -50, max: 50 } };
  expect(lagExplanation({ ...pulse, value: -70 }, lag(25))).toContain('breaches -50 ms');
  expect(lagExplanation({ ...pulse, value: -80 }, lag(25))).toBeUndefined();
  expect(lagExplanation({ ...pulse, value: 10 }, lag(500))).toBeUndefined();
  expect(lagExplanation({ ...pulse, value: 70 }, undefined)).toBeUndefined();
  expect(lagExplanation({ ...pulse, value: NaN }, lag(500))).toBeUndefined();
  expect(breachOf(NaN, pulse.limits)).toBeUndefined();
  expect(breachOf(60, pulse.limits)).toEqual({ limit: 50, excess: 10 });
});

test('seconds, a rate error over the window, and counts scale the stall by their unit', () => {
  // reboot.duration: 0.05 s over the limit needs a 50 ms stall.
  const reboot = { name: 'reboot.duration', unit: 's', limits: { max: 120 } };
  expect(lagExplanation({ ...reboot, value: 120.05 }, lag(60))).toBeDefined();
  expect(lagExplanation({ ...reboot, value: 121 }, lag(60))).toBeUndefined();
  // mjpeg.fps.error over a 5 s window: a 60 ms stall moves the rate by 1.2 %.
  const fps = { name: 'mjpeg.fps.error', unit: '%', limits: { min: -1, max: 1 } };
  expect(msPerUnit('%', lag(60))).toBe(50);
  expect(lagExplanation({ ...fps, value: -2.1 }, lag(60))).toBeDefined();
  expect(lagExplanation({ ...fps, value: -2.3 }, lag(60))).toBeUndefined();
  // Dropped frames at 30 fps: each one beyond the limit needs one frame interval of stall.
  const dropped = { name: 'mjpeg.dropped', unit: 'frames', limits: { min: 0, max: 3 } };
  expect(lagExplanation({ ...dropped, value: 5 }, lag(70, { periodMs: 1000 / 30 }))).toBeDefined();
  expect(lagExplanation({ ...dropped, value: 6 }, lag(70, { periodMs: 1000 / 30 }))).toBeUndefined();
  // Without the period a count cannot be scaled, and units no stall moves are never explained.
  expect(lagExplanation({ ...dropped, value: 4 }, lag(500))).toBeUndefined();
  expect(lagExplanation({ name: 'audio.tone.frequency.error', unit: 'Hz', value: 9, limits: { max: 5 } }, lag(500))).toBeUndefined();
  expect(lagExplanation({ name: 'x', value: 9, limits: { max: 5 } }, lag(500))).toBeUndefined();
});

test('the monitor sees a loop blocked on purpose, and the record carries it', async () => {
  const mon = startLagMonitor({ periodMs: 40 });
  await new Promise((r) => setTimeout(r, 30));
  const until = performance.now() + 80;
  while (performance.now() < until) { /* block the event loop */ }
  await new Promise((r) => setTimeout(r, 30));
  const seen = mon.stop();
  expect(mon.stop(), 'stop() is idempotent').toBe(seen);
  expect(seen.maxMs).toBeGreaterThanOrEqual(60);
  expect(seen.maxMs).toBeGreaterThanOrEqual(seen.p99Ms);
  expect(seen.windowMs).toBeGreaterThanOrEqual(130);
  expect(seen.cores).toBeGreaterThan(0);
  expect(seen.periodMs).toBe(40);

  const record = { name: 'snapshot.latency', value: 140, unit: 'ms', verdict: 'FAIL' as const, limits: { max: 100 }, lag: seen };
  expect(parseMeasurement(serializeMeasurement(record), 'here')).toEqual(record);
  expect(renderMeasurementTable([record])).toContain(`| ${describeLag(seen)} |`);
  expect(renderMeasurementTable([{ ...record, lag: undefined }])).not.toContain('test host');
  expect(() => parseHostLag({ maxMs: 'a lot' }, 'here')).toThrow(/host lag field p99Ms is not a number/);
});

test('signoff.md shows the host lag beside a timing measurement and marks the breach it explains', () => {
  const hostLag = lag(52);
  const results = toRunResults(fakeReport([
    { file: 'video/mjpeg.spec.ts', title: 'keeps 30 fps', status: 'failed', category: 'lab problem', error: 'LabProblem: measurement ...', measurements: [
      { name: 'mjpeg.interval.p99', value: 40.99, unit: 'ms', verdict: 'FAIL', lag: hostLag },
      { name: 'mjpeg.interval.max', value: 45, unit: 'ms', verdict: 'PASS', lag: hostLag },
    ] },
    { file: 'video/mjpeg.spec.ts', title: 'video.mjpg', status: 'passed', measurements: [{ name: 'mjpeg.fps', value: 30, unit: 'fps', verdict: 'NO_LIMIT' }] },
  ]));
  const s = computeSignoff({ results, profile: profile({ measurements: { 'mjpeg.interval.p99': { unit: 'ms', max: 40 }, 'mjpeg.interval.max': { unit: 'ms', max: 100 } } }), identity: IDENTITY, target: TARGET, harnessVersion: 'test' });
  expect(s.verdict).toBe('ERROR');
  const md = renderSignoffMarkdown(s);
  expect(md).toContain('| measurement | value | limits | verdict | test | test host (event-loop delay, load) |');
  expect(md).toContain('| mjpeg.interval.p99 | 40.99 ms | ≤ 40 ms | ⚠️ FAIL (host lag: lab problem) | video/mjpeg.spec.ts › keeps 30 fps | max 52 ms, p99 26 ms, load 3.1/2 cores |');
  expect(md).toContain('| mjpeg.interval.max | 45 ms | ≤ 100 ms | ✅ PASS | video/mjpeg.spec.ts › keeps 30 fps | max 52 ms, p99 26 ms, load 3.1/2 cores |');
  expect(md).toContain('| mjpeg.fps | 30 fps | no limit | ℹ️ NO_LIMIT | video/mjpeg.spec.ts › video.mjpg |  |');
  expect(md).toContain('- lab problem: mjpeg.interval.p99 = 40.99 ms breaches 40 ms, but the test host itself lagged 52 ms');
});
