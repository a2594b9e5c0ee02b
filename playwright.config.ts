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
    { name: physical ? 'camera' : 'virtual', testDir: 'tests', testIgnore: ['unit/**', 'harness-under-faults/**'] },
    // The harness itself against a misbehaving virtual camera (each test starts its own):
    // part of `npm test`, not of a camera's sign-off.
    ...(signoff ? [] : [{ name: 'harness', testDir: 'tests/harness-under-faults' }]),
  ],
});
