// The sign-off's console (lib/signoff/suite-progress-reporter.ts): a line per finished spec
// file, what the tests print passed through as they print it, and never more than a
// heartbeat of silence while a test runs — a `still running: <test> (40 s)` line when nothing
// else was printed for that long, and nothing extra when something was. Driven with a fake
// clock (exact times), and once on real timers with a 100 ms heartbeat.
import { test, expect } from '@playwright/test';
import type { FullConfig, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import SuiteProgressReporter, { type HeartbeatClock } from '../../../lib/signoff/suite-progress-reporter.ts';

const ROOT = '/hil';

/** Timers that run only when the test moves the time on. */
class FakeClock implements HeartbeatClock {
  private t = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private next = 1;
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  }
  clearTimeout(h: unknown): void {
    this.timers.delete(h as number);
  }
  /** Moves the time to `to` ms, running every timer due on the way, in order. */
  advanceTo(to: number): void {
    for (;;) {
      const due = [...this.timers.entries()].filter(([, x]) => x.at <= to).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = due[1].at;
      due[1].fn();
    }
    this.t = to;
  }
  get pending(): number {
    return this.timers.size;
  }
}

/** The parts of Playwright's TestCase / Suite the reporter reads. */
function fakeTest(id: string, file: string, titles: string[], retries = 0): TestCase {
  const project = { project: () => ({ name: 'camera' }), parent: undefined };
  return {
    id,
    title: titles[titles.length - 1],
    titlePath: () => ['', 'camera', file, ...titles],
    location: { file: `${ROOT}/tests/${file}`, line: 1, column: 1 },
    parent: { project: () => undefined, parent: project },
    retries,
    outcome: () => 'expected',
  } as unknown as TestCase;
}
const result = (retry = 0, status: TestResult['status'] = 'passed') => ({ retry, status }) as TestResult;
const config = { rootDir: `${ROOT}/tests` } as FullConfig;
const suiteOf = (tests: TestCase[]) => ({ allTests: () => tests }) as unknown as Suite;

const reboot = fakeTest('r1', 'general/reboot.spec.ts', ['reboot (reboot.cgi)', 'the camera reboots and answers again']);
const log = fakeTest('l1', 'general/systemlog.spec.ts', ['system log', 'lines have a time'], 1);

function setup(heartbeatMs = 10_000) {
  const clock = new FakeClock();
  const out: { at: number; line: string }[] = [];
  const err: string[] = [];
  const reporter = new SuiteProgressReporter({ clock, heartbeatMs, print: (line) => out.push({ at: clock.now(), line }), printErr: (l) => err.push(l) });
  return { clock, out, err, reporter };
}

test('a long silent test gets a still-running line every 10 s; output in between pushes the next one back', () => {
  const { clock, out, reporter } = setup();
  reporter.onBegin(config, suiteOf([reboot]));
  reporter.onTestBegin(reboot, result());
  clock.advanceTo(9_999);
  expect(out.map((o) => o.line)).toEqual(['running 1 tests in 1 suites']);
  clock.advanceTo(10_000);
  expect(out[1]).toEqual({ at: 10_000, line: 'still running: general/reboot.spec.ts › reboot (reboot.cgi) › the camera reboots and answers again (10 s)' });
  // The test prints a progress line at 14 s: the next heartbeat is 10 s after it, not at 20 s.
  clock.advanceTo(14_000);
  reporter.onStdOut('waiting for the camera to come back after the reboot: 10 s of 300 s\n', reboot, result());
  clock.advanceTo(23_999);
  expect(out.slice(2).map((o) => o.line)).toEqual(['waiting for the camera to come back after the reboot: 10 s of 300 s']);
  clock.advanceTo(44_000);
  expect(out.slice(3)).toEqual([
    { at: 24_000, line: 'still running: general/reboot.spec.ts › reboot (reboot.cgi) › the camera reboots and answers again (24 s)' },
    { at: 34_000, line: 'still running: general/reboot.spec.ts › reboot (reboot.cgi) › the camera reboots and answers again (34 s)' },
    { at: 44_000, line: 'still running: general/reboot.spec.ts › reboot (reboot.cgi) › the camera reboots and answers again (44 s)' },
  ]);
  // Never more than 10 s between two lines.
  for (let i = 1; i < out.length; i++) expect(out[i].at - out[i - 1].at).toBeLessThanOrEqual(10_000);
});

test('a test that prints often, or ends within the heartbeat, gets no still-running line; after the run, silence', () => {
  const { clock, out, err, reporter } = setup();
  reporter.onBegin(config, suiteOf([reboot, log]));
  reporter.onTestBegin(log, result());
  for (let t = 5_000; t <= 40_000; t += 5_000) {
    clock.advanceTo(t);
    reporter.onStdOut(Buffer.from(`tick ${t}\n`), log, result());
  }
  reporter.onStdErr('a warning\n', log, result());
  clock.advanceTo(45_000);
  reporter.onTestEnd(log, result());
  reporter.onTestBegin(reboot, result());
  clock.advanceTo(52_000);
  reporter.onTestEnd(reboot, result());
  reporter.onEnd({ status: 'passed' } as never);
  clock.advanceTo(200_000);
  expect(out.map((o) => o.line).filter((l) => l.startsWith('still running'))).toEqual([]);
  expect(out.map((o) => o.line)).toEqual([
    'running 2 tests in 2 suites',
    ...Array.from({ length: 8 }, (_, i) => `tick ${(i + 1) * 5_000}`),
    'suite general/systemlog.spec.ts: 1 passed, 0 failed, 0 skipped',
    'suite general/reboot.spec.ts: 1 passed, 0 failed, 0 skipped',
  ]);
  expect(err).toEqual(['a warning']);
  expect(clock.pending, 'no heartbeat left armed after the run').toBe(0);
});

test('two tests at once: a line for each; between tests (a worker starting), a line that says so', () => {
  const { clock, out, reporter } = setup();
  reporter.onBegin(config, suiteOf([reboot, log]));
  clock.advanceTo(10_000);
  expect(out[1].line).toBe('still running: no test for 10 s (workers starting or finishing)');
  reporter.onTestBegin(reboot, result());
  clock.advanceTo(12_000);
  reporter.onTestBegin(log, result());
  clock.advanceTo(20_000);
  expect(out.slice(2).map((o) => o.line)).toEqual([
    'still running: general/reboot.spec.ts › reboot (reboot.cgi) › the camera reboots and answers again (10 s)',
    'still running: general/systemlog.spec.ts › system log › lines have a time (8 s)',
  ]);
  reporter.onTestEnd(reboot, result());
  clock.advanceTo(30_000);
  expect(out.slice(5).map((o) => o.line)).toEqual(['still running: general/systemlog.spec.ts › system log › lines have a time (18 s)']);
  // A retry is a new run of the same test: counted from its own start.
  reporter.onTestEnd(log, result(0, 'failed'));
  reporter.onTestBegin(log, result(1));
  clock.advanceTo(40_000);
  expect(out[out.length - 1].line).toBe('still running: general/systemlog.spec.ts › system log › lines have a time (10 s)');
});

test('on real timers: a 100 ms heartbeat prints while a quiet test runs and stops with the run', async () => {
  const lines: { at: number; line: string }[] = [];
  const start = Date.now();
  const reporter = new SuiteProgressReporter({ heartbeatMs: 100, print: (line) => lines.push({ at: Date.now() - start, line }) });
  reporter.onBegin(config, suiteOf([reboot]));
  reporter.onTestBegin(reboot, result());
  await new Promise((r) => setTimeout(r, 450));
  reporter.onTestEnd(reboot, result());
  reporter.onEnd({ status: 'passed' } as never);
  const count = lines.length;
  await new Promise((r) => setTimeout(r, 300));
  expect(lines.length, 'nothing after the run ended').toBe(count);
  const still = lines.filter((l) => l.line.startsWith('still running: general/reboot.spec.ts › reboot (reboot.cgi) › the camera reboots and answers again ('));
  expect(still.length, JSON.stringify(lines)).toBeGreaterThanOrEqual(2);
  for (let i = 1; i < still.length; i++) expect(still[i].at - still[i - 1].at, 'one heartbeat apart, not closer').toBeGreaterThanOrEqual(95);
});

test('a heartbeat of zero or less is refused, naming the option', () => {
  expect(() => new SuiteProgressReporter({ heartbeatMs: 0 })).toThrow('suite-progress-reporter: heartbeatMs must be a positive number of ms, got 0');
});
