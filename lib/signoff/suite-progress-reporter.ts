// Progress for a sign-off run: one line per spec file as soon as its last test has finished,
// `suite general/reboot.spec.ts: 4 passed, 0 failed, 1 skipped`. Quieter than `list` for a
// run of hundreds of tests, loud enough to show the run is alive.

import type { FullConfig, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { relative } from 'node:path';

interface FileState {
  label: string;
  total: number;
  done: number;
  passed: number;
  failed: number;
  skipped: number;
  flaky: number;
}

export default class SuiteProgressReporter implements Reporter {
  private files = new Map<string, FileState>();
  private rootDir = process.cwd();
  private print: (line: string) => void;

  constructor(options: { print?: (line: string) => void } = {}) {
    this.print = options.print ?? ((l) => process.stdout.write(l + '\n'));
  }

  printsToStdio(): boolean {
    return true;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    this.rootDir = config.rootDir;
    const projects = new Set(suite.allTests().map((t) => projectOf(t)));
    for (const t of suite.allTests()) {
      const k = this.key(t);
      let f = this.files.get(k);
      if (!f) {
        const file = relative(this.rootDir, t.location.file).replace(/\\/g, '/');
        f = { label: projects.size > 1 ? `[${projectOf(t)}] ${file}` : file, total: 0, done: 0, passed: 0, failed: 0, skipped: 0, flaky: 0 };
        this.files.set(k, f);
      }
      f.total++;
    }
    this.print(`running ${suite.allTests().length} tests in ${this.files.size} suites`);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
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

  onEnd(): void {
    // Suites cut short (interrupted, max failures) still get their line, marked unfinished.
    for (const f of this.files.values()) if (f.done < f.total) this.line(f, ` (${f.total - f.done} not run)`);
  }

  private line(f: FileState, suffix = ''): void {
    const flaky = f.flaky ? `, ${f.flaky} flaky` : '';
    this.print(`suite ${f.label}: ${f.passed} passed, ${f.failed} failed${flaky}, ${f.skipped} skipped${suffix}`);
  }

  private key(t: TestCase): string {
    return `${projectOf(t)}\u0000${t.location.file}`;
  }
}

function projectOf(t: TestCase): string {
  let s: Suite | undefined = t.parent;
  while (s && !s.project()) s = s.parent;
  return s?.project()?.name ?? '';
}
