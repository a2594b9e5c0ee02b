import { defineConfig } from '@playwright/test';
import { hilReporters } from './lib/signoff/reporters.ts';

// Targets are projects: `unit` (parsers, drivers, emulator pieces) and the camera suites,
// run against the embedded virtual camera (one per worker, in parallel) or, with
// CAMERA_URL / CAMERA set, against that one camera with a single worker (a camera
// cannot take parallel configuration changes).
const physical = !!(process.env.CAMERA_URL || process.env.CAMERA);
// Set by `npm start`: a sign-off runs the camera suites only, not the unit tests.
const signoff = !!process.env.HIL_SIGNOFF;

export default defineConfig({
  testDir: 'tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: physical ? 1 : 2,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  reporter: [...hilReporters(), ['./lib/signoff/closing-line-reporter.ts']],
  projects: [
    ...(signoff ? [] : [{ name: 'unit', testDir: 'tests/unit' }]),
    // Preflight (tests/preflight.setup.ts): the camera answers this API, the credentials and the
    // relay board work. The camera suites depend on it: when it fails, none of them runs.
    { name: 'preflight', testDir: 'tests', testMatch: 'preflight.setup.ts' },
    { name: physical ? 'camera' : 'virtual', testDir: 'tests', testIgnore: ['unit/**', 'harness-under-faults/**'], dependencies: ['preflight'] },
    // The harness itself against a misbehaving virtual camera (each test starts its own):
    // part of `npm test`, not of a camera's sign-off.
    ...(signoff ? [] : [{ name: 'harness', testDir: 'tests/harness-under-faults' }]),
    // Verdict fidelity (tests/fidelity): the camera suites in a child run against virtual cameras
    // in every dialect (must PASS) and with every seeded fault (must FAIL as a camera defect).
    // After the others, so its child run does not share the CPU with their timing tests; alone:
    // `npx playwright test --project=fidelity --no-deps`.
    ...(signoff ? [] : [{ name: 'fidelity', testDir: 'tests/fidelity', testMatch: '*.fidelity.ts', dependencies: ['unit', physical ? 'camera' : 'virtual', 'harness'] }]),
  ],
});
