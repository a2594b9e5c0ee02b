// The child run of the verdict-fidelity check (spawned by judge.ts for verdicts.fidelity.ts,
// never part of `npm test` by itself): the real camera suites, fixtures and reporters, one
// project per case of cases.ts, each against its own embedded virtual camera with a dialect
// or a seeded defect. HIL_REPORT_DIR (set by the parent, read through fixtures/options.ts) holds
// everything it writes, test output too, so nothing lands in the repo's reports/ or test-results/.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import type { CameraWorkerFixtures } from '../../fixtures/camera.ts';
import { reporterSettings, runOptions } from '../../fixtures/options.ts';
import { hilReporters } from '../../lib/signoff/reporters.ts';
import { CASES } from './cases.ts';

const TESTS = fileURLToPath(new URL('../', import.meta.url));
const options = runOptions();
if (options.reportDirFrom !== 'HIL_REPORT_DIR') throw new Error('tests/fidelity/fidelity.config.ts is run by tests/fidelity/judge.ts, which sets HIL_REPORT_DIR to a temporary folder');
const out = options.reportDir;

type Options = Partial<CameraWorkerFixtures> & { profilePath?: string };

export default defineConfig<Options>({
  testDir: TESTS,
  // Unit tests, the harness's own fault suite and this folder are not camera suites.
  testIgnore: ['unit/**', 'harness-under-faults/**', 'fidelity/**'],
  outputDir: join(resolve(out), 'test-results'),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // A case that waits for a reboot beside a busy one (cases.ts); why not more: judge.ts.
  workers: 2,
  retries: 0,
  fullyParallel: false,
  reporter: hilReporters(reporterSettings(options)),
  projects: CASES.map((c) => ({
    name: c.project,
    // One worker per case: starting one costs more CPU than most cases' tests (judge.ts).
    workers: 1,
    testMatch: c.files,
    grep: c.grep,
    grepInvert: c.grepInvert,
    use: {
      virtualDialects: c.virtualDialects ?? [],
      virtualFaults: c.virtualFaults ?? '',
      ...(c.cameraTimeoutMs ? { cameraTimeoutMs: c.cameraTimeoutMs } : {}),
      profilePath: c.profilePath,
    },
  })),
});
