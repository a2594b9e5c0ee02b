// Config for `playwright merge-reports` (bin/merge-shards.ts): the blob reports of several
// stations (shards) become one results.json and one allure-results folder, in the run folder
// merge-shards names in its run file, as if one station had run everything. allure-playwright
// reads config.projects[0] when it starts, and a merge config has no projects of its own: the
// empty project keeps it from crashing. Here rather than in lib/: it reads the run's options.
import { defineConfig } from '@playwright/test';
import { reporterSettings, runOptions } from '../fixtures/options.ts';
import { hilReporters } from '../lib/signoff/reporters.ts';

export default defineConfig({
  reporter: hilReporters(reporterSettings(runOptions())),
  projects: [{}],
});
