// The `preflight` setup project (playwright.config.ts): the camera suites depend on it, so when
// the lab is not ready (wrong URL, not a camera of the family, wrong password, missing relay
// board) one test fails with one line saying what to check, and no camera suite runs.
// The checks are lib/signoff/preflight.ts's, the same `npm start` runs before Playwright.
// For the embedded virtual camera (one per worker, started by the fixtures) it starts one more
// in-process, checks it the same way and stops it: a few milliseconds.
import { mergeTests } from '@playwright/test';
import { failureCategoryTest } from '../fixtures/failure-category.ts';
import { physicalPreflight, VIRTUAL_PREFLIGHT } from '../fixtures/preflight-input.ts';
import { settingsTest } from '../fixtures/settings.ts';
import { publicUrl } from '../lib/signoff/identity.ts';
import { isPreflightFailure, preflight } from '../lib/signoff/preflight.ts';

// failureCategoryTest: a failed preflight is filed as a lab problem (or camera defect) by type.
// settingsTest: the run's options say which camera and relay board to check.
const setup = mergeTests(failureCategoryTest, settingsTest);

setup('preflight: the camera answers this API, the credentials and the relay board work', async ({ runOptions: options }) => {
  setup.setTimeout(30_000);
  try {
    if (options.physical) {
      const { input } = physicalPreflight(options.target, options);
      const id = await preflight(input);
      console.log(`preflight: ${id.fullName ?? id.model} (${id.model}) firmware ${id.firmware} at ${publicUrl(input.camera.url)}${input.relay ? `; relay board ${input.relay.driver} on ${input.relay.path} answers` : ''}`);
      return;
    }
    // Loaded on use, as fixtures/target.ts does: a physical camera's preflight never starts one.
    const { startVirtualCamera } = await import('../rigs/virtual-camera/index.ts');
    const cam = await startVirtualCamera({ firmware: options.target.firmware, model: options.target.model });
    try {
      const id = await preflight({ camera: cam, ...VIRTUAL_PREFLIGHT });
      console.log(`preflight: embedded virtual camera ${id.model} firmware ${id.firmware} answers (each worker starts its own)`);
    } finally {
      await cam.stop();
    }
  } catch (err) {
    // The message says what to check; the stack of the check would only bury it.
    if (isPreflightFailure(err)) err.stack = `${err.name}: ${err.message}`;
    throw err;
  }
});
