import { defineConfig, type Project } from '@playwright/test';
import { reporterSettings, runOptions } from './fixtures/options.ts';
import type { SettingsWorkerFixtures } from './fixtures/settings.ts';
import { hilReporters } from './lib/signoff/reporters.ts';

// Projects keep their names whatever the target (the target is chosen by CAMERA_URL /
// CAMERA, not by renaming a project):
//   preflight the camera answers this API, the credentials and the relay board work
//   camera    the camera suites: against the embedded virtual camera (one per worker, in
//             parallel) or, with CAMERA_URL / CAMERA set, that one camera with a single worker
//             (a camera cannot take parallel configuration changes)
//   unit      parsers, drivers, emulator pieces, sign-off logic
//   harness   the harness against a misbehaving virtual camera
//   fidelity  the verdict's own proof: dialects PASS, seeded defects FAIL
// Against a physical camera, and in a sign-off (`npm start`), only preflight and camera run.
// Every setting is read and checked once, here (fixtures/options.ts): a bad one stops the run
// with one line naming it, before anything starts; the fixtures get them in `use`.
const options = runOptions();
const { physical } = options;
const harnessOwn = !physical && !options.signoff;

/** The camera suites: every folder of tests/ but the harness's own. */
const CAMERA_SUITES = { name: 'camera', testDir: 'tests', testIgnore: ['unit/**', 'harness-under-faults/**', 'fidelity/**'] };
const PREFLIGHT = { name: 'preflight', testDir: 'tests', testMatch: 'preflight.setup.ts' };

/**
 * npm test (the embedded virtual camera, and the harness's own tests). Playwright runs projects
 * in phases (a project starts when every project it depends on has ended), so:
 *  1. the preflight, alone: nothing runs if the virtual camera does not answer;
 *  2. everything that does not need a quiet machine, at once, on three workers: the fidelity
 *     child run first (about two minutes, mostly in its own processes), the harness's fault suites,
 *     the camera suites but their @timing tests (two workers), then the unit tests, on each
 *     worker the others leave. The camera suites' waits (reboots, audio played in real time,
 *     a browser) overlap the fidelity child's work instead of leaving a core idle in a phase
 *     of their own (giving them one worker, so the unit tests start sooner, measured no faster);
 *  3. the camera suites' @timing tests, alone on one worker: fixtures/quiet.ts keeps the other
 *     camera tests off the machine during a measurement, but not the unit, harness and
 *     fidelity tests, which do not take the quiet slot.
 * The camera suites are two projects of ONE name, `camera`, so `--project=camera` still
 * selects all of them (Playwright gives the second a unique id of its own).
 */
function npmTestProjects(): Project[] {
  const afterPreflight = ['preflight'];
  return [
    PREFLIGHT,
    { name: 'fidelity', testDir: 'tests/fidelity', testMatch: '*.fidelity.ts', workers: 1, dependencies: afterPreflight },
    { name: 'harness', testDir: 'tests/harness-under-faults', dependencies: afterPreflight },
    { ...CAMERA_SUITES, grepInvert: /@timing/, workers: 2, dependencies: afterPreflight },
    { name: 'unit', testDir: 'tests/unit', dependencies: afterPreflight },
    { ...CAMERA_SUITES, grep: /@timing/, workers: 1, dependencies: ['preflight', 'fidelity', 'harness', 'unit'] },
  ];
}

export default defineConfig<{}, Pick<SettingsWorkerFixtures, 'runOptions'>>({
  testDir: 'tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Three workers in all, two at most for the camera suites: the unit, harness and fidelity
  // tests spend much of their time waiting for child processes and reboots, which a third
  // worker fills; the @timing tests get the machine to themselves (npmTestProjects).
  workers: physical ? 1 : 3,
  fullyParallel: false,
  forbidOnly: options.ci,
  reporter: [...hilReporters(reporterSettings(options)), ['./lib/signoff/closing-line-reporter.ts']],
  use: { runOptions: options },
  projects: harnessOwn
    ? npmTestProjects()
    // A sign-off, or a physical camera: the preflight, then every camera suite; @timing tests
    // take the quiet slot from the other camera tests, the only ones running. npm start
    // (its run file hands over what it read) has preflighted the camera a moment before:
    // a second preflight would cost a worker of its own (~1.5 s of CPU) per camera and run.
    : options.handOver
      ? [{ ...CAMERA_SUITES, workers: physical ? 1 : 2 }]
      : [PREFLIGHT, { ...CAMERA_SUITES, workers: physical ? 1 : 2, dependencies: ['preflight'] }],
});
