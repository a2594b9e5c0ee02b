// The `preflight` setup project (playwright.config.ts): the camera suites depend on it, so when
// the lab is not ready (wrong URL, not a camera of the family, wrong password, missing relay
// board) one test fails with one line saying what to check, and no camera suite runs.
// The checks are lib/signoff/preflight.ts's, the same `npm start` runs before Playwright.
// For the embedded virtual camera (one per worker, started by the fixtures) it starts one more
// in-process, checks it the same way and stops it: a few milliseconds.
import { mergeTests } from '@playwright/test';
import { failureCategoryTest } from '../fixtures/failure-category.ts';
import { labCamera, urlCamera, type PhysicalTarget, type RunOptions } from '../fixtures/options.ts';
import { settingsTest } from '../fixtures/settings.ts';
import { publicUrl } from '../lib/signoff/identity.ts';
import { isPreflightFailure, preflight, type PreflightInput } from '../lib/signoff/preflight.ts';
import { openBoard } from '../rigs/relay/open.ts';
import { startVirtualCamera } from '../rigs/virtual-camera/index.ts';

// failureCategoryTest: a failed preflight is filed as a lab problem (or camera defect) by type.
// settingsTest: the run's options say which camera and relay board to check.
const setup = mergeTests(failureCategoryTest, settingsTest);

setup('preflight: the camera answers this API, the credentials and the relay board work', async ({ runOptions: options }) => {
  setup.setTimeout(30_000);
  try {
    if (options.physical) {
      const input = physicalInput(options.target, options);
      const id = await preflight(input);
      console.log(`preflight: ${id.fullName ?? id.model} (${id.model}) firmware ${id.firmware} at ${publicUrl(input.camera.url)}${input.relay ? `; relay board ${input.relay.driver} on ${input.relay.path} answers` : ''}`);
      return;
    }
    const cam = await startVirtualCamera({ firmware: options.target.firmware, model: options.target.model });
    try {
      const id = await preflight({ camera: cam, urlSetting: 'the embedded virtual camera (rigs/virtual-camera)', credentialSetting: "the embedded virtual camera's account" });
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

/** CAMERA_URL (+ RELAY_DRIVER/RELAY_PATH), or CAMERA=NAME from the lab inventory with its relay. */
function physicalInput(target: PhysicalTarget, options: RunOptions): PreflightInput {
  if (target.kind === 'url') {
    const board = options.relay;
    return {
      camera: urlCamera(target), urlSetting: 'CAMERA_URL', credentialSetting: 'CAMERA_USER / CAMERA_PASSWORD',
      relay: board && { ...board, from: 'RELAY_DRIVER/RELAY_PATH', openBoard },
    };
  }
  const { lab: inventory, camera: cam } = labCamera(target);
  // A relay without a port is no board to check (fixtures/rig.ts skips the rig's tests, saying why).
  const board = cam.relay?.path ? { driver: cam.relay.driver, path: cam.relay.path, channels: cam.relay.channels } : undefined;
  return {
    camera: cam, urlSetting: `the url of camera ${cam.name} in ${inventory.file}`, credentialSetting: `${cam.userEnv} / ${cam.passwordEnv}`,
    relay: board && { ...board, from: `camera ${cam.name} in ${inventory.file}`, openBoard },
  };
}
