// Prints the plain closing line CI reads: `N passed, N failed, N skipped`.
// Flaky tests (passed on retry) count as passed; timed-out and interrupted as failed.
// Under `playwright test --list` nothing runs: it prints nothing and says it prints nothing,
// so Playwright's own list is the whole output (no "0 passed" line).
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** Whether Playwright made this reporter for `--list` (it passes `_mode: 'list'` to every reporter's options). */
export function isListMode(options: unknown): boolean {
  return !!options && typeof options === 'object' && (options as { _mode?: unknown })._mode === 'list';
}

export default class ClosingLineReporter implements Reporter {
  private readonly outcome = new Map<string, 'passed' | 'failed' | 'skipped'>();
  private readonly listOnly: boolean;

  constructor(options: { _mode?: string } = {}) {
    this.listOnly = isListMode(options);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const o = test.outcome();
    // The last result decides; a test still retrying is overwritten by its next result.
    if (o === 'skipped' || result.status === 'skipped') this.outcome.set(test.id, 'skipped');
    else if (o === 'expected' || o === 'flaky') this.outcome.set(test.id, 'passed');
    else this.outcome.set(test.id, 'failed');
  }

  onEnd(result: FullResult): void {
    if (this.listOnly) return;
    const n = { passed: 0, failed: 0, skipped: 0 };
    for (const v of this.outcome.values()) n[v]++;
    // A run that broke before any test (config error, global timeout) must not read as green.
    if (result.status !== 'passed' && n.failed === 0) n.failed = 1;
    console.log(`\n${n.passed} passed, ${n.failed} failed, ${n.skipped} skipped`);
  }

  printsToStdio(): boolean {
    return !this.listOnly;
  }
}
