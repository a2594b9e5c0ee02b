// Empties the run's allure-results folder when a run begins. Allure reads every file in that
// folder, so results of an earlier run left there would be reported as part of this one.
// Listed before allure-playwright in the reporter array so it clears before anything is written.

import { mkdirSync, rmSync } from 'node:fs';
import type { Reporter } from '@playwright/test/reporter';

export default class FreshResultsReporter implements Reporter {
  constructor(private options: { dir?: string } = {}) {
    if (!options.dir) throw new Error('fresh-results-reporter needs { dir: <allure-results folder> }');
  }

  onBegin(): void {
    rmSync(this.options.dir!, { recursive: true, force: true });
    mkdirSync(this.options.dir!, { recursive: true });
  }

  printsToStdio(): boolean {
    return false;
  }
}
