// Prints the plain closing line CI reads: `N passed, N failed, N skipped`.
// Flaky tests (passed on retry) count as passed; timed-out and interrupted as failed.
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class ClosingLineReporter implements Reporter {
  private readonly outcome = new Map<string, 'passed' | 'failed' | 'skipped'>();

  onTestEnd(test: TestCase, result: TestResult): void {
    const o = test.outcome();
    // The last result decides; a test still retrying is overwritten by its next result.
    if (o === 'skipped' || result.status === 'skipped') this.outcome.set(test.id, 'skipped');
    else if (o === 'expected' || o === 'flaky') this.outcome.set(test.id, 'passed');
    else this.outcome.set(test.id, 'failed');
  }

  onEnd(result: FullResult): void {
    const n = { passed: 0, failed: 0, skipped: 0 };
    for (const v of this.outcome.values()) n[v]++;
    // A run that broke before any test (config error, global timeout) must not read as green.
    if (result.status !== 'passed' && n.failed === 0) n.failed = 1;
    console.log(`\n${n.passed} passed, ${n.failed} failed, ${n.skipped} skipped`);
  }

  printsToStdio(): boolean {
    return true;
  }
}
