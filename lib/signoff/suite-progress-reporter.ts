// Progress for a sign-off run: one line per spec file as soon as its last test has finished,
// `suite general/reboot.spec.ts: 4 passed, 0 failed, 1 skipped`. Quieter than `list` for a
// run of hundreds of tests, loud enough to show the run is alive.
//
// Against a physical camera one test can wait minutes (a reboot, a firmware upgrade), so the
// console is never silent for longer than the heartbeat (10 s): what the tests print comes
// through as it is printed (a reporter sees the workers' console output only in onStdOut /
// onStdErr, and nothing else prints it in a sign-off: the skip reasons and the progress lines
// of long waits, fixtures/progress.ts), and when nothing was printed for a heartbeat, a line
// per running test says so: `still running: general/reboot.spec.ts › reboot (reboot.cgi) ›
// the camera reboots and answers again (40 s)`.

import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { relative } from 'node:path';
import { isListMode } from './closing-line-reporter.ts';

interface FileState {
  label: string;
  total: number;
  done: number;
  passed: number;
  failed: number;
  skipped: number;
  flaky: number;
}

/** The timers the heartbeat runs on (a fake one in the unit tests). */
export interface HeartbeatClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: HeartbeatClock = {
  now: () => Date.now(),
  // Unref'd: a heartbeat must never keep a finished run alive.
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

const DEFAULT_HEARTBEAT_MS = 10_000;

export interface SuiteProgressOptions {
  print?: (line: string) => void;
  /** Where the tests' stderr goes (default process.stderr). */
  printErr?: (line: string) => void;
  /** Longest silence before a still-running line, ms (default 10 s). */
  heartbeatMs?: number;
  clock?: HeartbeatClock;
  /** Set by Playwright: 'list' under `playwright test --list`, when this reporter stays silent. */
  _mode?: string;
}

export default class SuiteProgressReporter implements Reporter {
  private files = new Map<string, FileState>();
  private rootDir = process.cwd();
  private multiProject = false;
  private readonly print: (line: string) => void;
  private readonly printErr: (line: string) => void;
  private readonly heartbeatMs: number;
  private readonly clock: HeartbeatClock;
  /** Tests running now, in the order they began, with when. */
  private running = new Map<string, { test: TestCase; since: number }>();
  private timer: unknown;
  /** When the last test ended (or the run began) while none runs now. */
  private idleSince = 0;
  private ended = false;
  /** `--list`: no test runs, so no progress; Playwright's own list is the output. */
  private readonly listOnly: boolean;

  constructor(options: SuiteProgressOptions = {}) {
    this.listOnly = isListMode(options);
    this.print = options.print ?? ((l) => process.stdout.write(l + '\n'));
    this.printErr = options.printErr ?? ((l) => process.stderr.write(l + '\n'));
    this.heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
    if (!(this.heartbeatMs > 0)) throw new Error(`suite-progress-reporter: heartbeatMs must be a positive number of ms, got ${options.heartbeatMs}`);
    this.clock = options.clock ?? realClock;
  }

  printsToStdio(): boolean {
    return !this.listOnly;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    if (this.listOnly) return;
    this.rootDir = config.rootDir;
    this.idleSince = this.clock.now();
    const projects = new Set(suite.allTests().map((t) => projectOf(t)));
    this.multiProject = projects.size > 1;
    for (const t of suite.allTests()) {
      const k = this.key(t);
      let f = this.files.get(k);
      if (!f) {
        f = { label: this.fileLabel(t), total: 0, done: 0, passed: 0, failed: 0, skipped: 0, flaky: 0 };
        this.files.set(k, f);
      }
      f.total++;
    }
    this.emit(`running ${suite.allTests().length} tests in ${this.files.size} suites`);
  }

  onTestBegin(test: TestCase, result: TestResult): void {
    this.running.set(runKey(test, result), { test, since: this.clock.now() });
  }

  onStdOut(chunk: string | Buffer, _test?: TestCase | void, _result?: TestResult | void): void {
    this.forward(chunk, this.print);
  }

  onStdErr(chunk: string | Buffer, _test?: TestCase | void, _result?: TestResult | void): void {
    this.forward(chunk, this.printErr);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    this.running.delete(runKey(test, result));
    if (this.running.size === 0) this.idleSince = this.clock.now();
    // A failed attempt that will be retried is not the test's last word.
    const final = result.status === 'passed' || result.status === 'skipped' || result.retry >= test.retries || result.status === 'interrupted';
    if (!final) return;
    const f = this.files.get(this.key(test));
    if (!f) return;
    f.done++;
    const outcome = test.outcome();
    if (outcome === 'expected') f.passed++;
    else if (outcome === 'skipped') f.skipped++;
    else if (outcome === 'flaky') f.flaky++;
    else f.failed++;
    if (f.done === f.total) this.line(f);
  }

  onEnd(_result?: FullResult): void {
    this.ended = true;
    this.clock.clearTimeout(this.timer);
    if (this.listOnly) return;
    // Suites cut short (interrupted, max failures) still get their line, marked unfinished.
    for (const f of this.files.values()) if (f.done < f.total) this.line(f, ` (${f.total - f.done} not run)`);
  }

  private line(f: FileState, suffix = ''): void {
    const flaky = f.flaky ? `, ${f.flaky} flaky` : '';
    this.emit(`suite ${f.label}: ${f.passed} passed, ${f.failed} failed${flaky}, ${f.skipped} skipped${suffix}`);
  }

  /** What a test printed, as it printed it (one trailing line end dropped: print adds one). */
  private forward(chunk: string | Buffer, print: (line: string) => void): void {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (text === '') return;
    print(text.replace(/\r?\n$/, ''));
    this.heard();
  }

  private emit(line: string): void {
    this.print(line);
    this.heard();
  }

  /** Something was printed: the next heartbeat is due a whole interval from now. */
  private heard(): void {
    if (this.ended) return;
    this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => this.beat(), this.heartbeatMs);
  }

  private beat(): void {
    if (this.ended) return;
    const now = this.clock.now();
    const s = (ms: number) => `${Math.round(ms / 1000)} s`;
    if (this.running.size === 0) {
      // Between tests: workers starting (a camera lease, a virtual camera) or tearing down.
      this.emit(`still running: no test for ${s(now - this.idleSince)} (workers starting or finishing)`);
      return;
    }
    const lines = [...this.running.values()].map(({ test, since }) => `still running: ${this.testLabel(test)} (${s(now - since)})`);
    for (const l of lines) this.print(l);
    this.heard();
  }

  private fileLabel(t: TestCase): string {
    const file = relative(this.rootDir, t.location.file).replace(/\\/g, '/');
    return this.multiProject ? `[${projectOf(t)}] ${file}` : file;
  }

  /** `general/reboot.spec.ts › reboot (reboot.cgi) › the camera reboots and answers again` */
  private testLabel(t: TestCase): string {
    // titlePath: '', project, file, describes..., title
    return [this.fileLabel(t), ...t.titlePath().slice(3)].join(' › ');
  }

  private key(t: TestCase): string {
    return `${projectOf(t)}\u0000${t.location.file}`;
  }
}

function runKey(t: TestCase, r: TestResult): string {
  return `${t.id}\u0000${r.retry}`;
}

function projectOf(t: TestCase): string {
  let s: Suite | undefined = t.parent;
  while (s && !s.project()) s = s.parent;
  return s?.project()?.name ?? '';
}
