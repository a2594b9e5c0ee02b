// Config for `playwright merge-reports`: the blob reports of several stations (shards)
// become one results.json and one allure-results folder, in HIL_REPORT_DIR, as if one
// station had run everything. allure-playwright reads config.projects[0] when it starts,
// and a merge config has no projects of its own: the empty project keeps it from crashing.
import { defineConfig } from '@playwright/test';
import { hilReporters } from './reporters.ts';

export default defineConfig({
  reporter: hilReporters(),
  projects: [{}],
});
