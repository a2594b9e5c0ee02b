import { defineConfig } from '@playwright/test';
import { reporterSettings, runOptions } from './fixtures/options.ts';
import type { SettingsWorkerFixtures } from './fixtures/settings.ts';
import { hilReporters } from './lib/signoff/reporters.ts';

// Projects keep their names whatever the target (the target is chosen by CAMERA_URL /
// CAMERA, not by renaming a project):
//   unit      parsers, drivers, emulator pieces, sign-off logic
//   preflight the camera answers this API, the credentials and the relay board work
//   camera    the camera suites: against the embedded virtual camera (one per worker, in
//             parallel) or, with CAMERA_URL / CAMERA set, that one camera with a single worker
//             (a camera cannot take parallel configuration changes)
//   harness   the harness against a misbehaving virtual camera
//   fidelity  the verdict's own proof: dialects PASS, seeded defects FAIL
// Against a physical camera, and in a sign-off (`npm start`), only preflight and camera run.
// Every setting is read and checked once, here (fixtures/options.ts): a bad one stops the run
// with one line naming it, before anything starts; the fixtures get them in `use`.
const options = runOptions();
const { physical } = options;
const harnessOwn = !physical && !options.signoff;

export default defineConfig<{}, Pick<SettingsWorkerFixtures, 'runOptions'>>({
  testDir: 'tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Three workers in all, two at most for the camera suites (below): the unit, harness and
  // fidelity tests spend much of their time waiting for child processes and reboots, which a
  // third worker fills; beside the camera suites a third worker made the 30 fps test's own
  // event loop stall even in its quiet slot (interval p99 40.3-41.1 ms against 40 in two CI runs).
  workers: physical ? 1 : 3,
  fullyParallel: false,
  forbidOnly: options.ci,
  reporter: [...hilReporters(reporterSettings(options)), ['./lib/signoff/closing-line-reporter.ts']],
  use: { runOptions: options },
  projects: [
    // First in the list, so it starts first: its child run (about 75 s of mostly one-worker
    // wall time) overlaps the unit tests instead of following them with two workers idle.
    // Alone: `npx playwright test --project=fidelity`.
    ...(harnessOwn ? [{ name: 'fidelity', testDir: 'tests/fidelity', testMatch: '*.fidelity.ts', workers: 1 }] : []),
    // Before the unit tests, so its three files do not wait for the last unit test and hold
    // the camera suites up at the end.
    ...(harnessOwn ? [{ name: 'harness', testDir: 'tests/harness-under-faults' }] : []),
    ...(harnessOwn ? [{ name: 'unit', testDir: 'tests/unit' }] : []),
    { name: 'preflight', testDir: 'tests', testMatch: 'preflight.setup.ts' },
    // In npm test the camera suites run last and alone, on two workers: the unit, harness and
    // fidelity tests do not take the quiet slot (fixtures/quiet.ts), so a @timing test must
    // not share the machine with them. The fidelity child run's own timing tests (the I/O
    // latencies under a dialect) have limits of hundreds of milliseconds, which the load of the
    // unit tests beside it does not reach.
    {
      name: 'camera', testDir: 'tests', testIgnore: ['unit/**', 'harness-under-faults/**', 'fidelity/**'],
      workers: physical ? 1 : 2,
      dependencies: harnessOwn ? ['preflight', 'unit', 'harness', 'fidelity'] : ['preflight'],
    },
  ],
});
