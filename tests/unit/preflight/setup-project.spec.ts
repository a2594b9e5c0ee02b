// `npx playwright test --project=camera` with a CAMERA_URL nothing answers at: the preflight
// setup project fails with its one line, and no camera suite runs (they depend on it).
import { test, expect } from '@playwright/test';
import { stripAnsi } from '../../../lib/signoff/results.ts';
import { PLAYWRIGHT_CLI, runNode } from '../signoff/child.ts';
import { removeTempDirs, tempDir } from '../signoff/synthetic.ts';
import { closedPort } from './helpers.ts';

test.afterAll(removeTempDirs);

test('a bad CAMERA_URL fails the preflight and runs no camera test', async () => {
  test.setTimeout(90_000);
  const port = await closedPort();
  const out = tempDir('preflight-setup-');
  // The line reporter and a scratch output folder: the run must not touch reports/_test. One
  // suite file keeps it quick (loading all of them is most of a full run's start-up), and
  // shows that a file filter does not leave the setup project out.
  const run = await runNode([PLAYWRIGHT_CLI, 'test', '--project=camera', 'tests/video/snapshot.spec.ts', '--reporter=line', `--output=${out}`], {
    CAMERA_URL: `http://127.0.0.1:${port}`, CAMERA_PASSWORD: 'x',
  }, 80_000);
  const text = stripAnsi(run.out);
  expect(run.code, text).toBe(1);
  expect(text).toContain(`PreflightProblem: camera unreachable at http://127.0.0.1:${port}: connection refused — check CAMERA_URL`);
  expect(text).toMatch(/^\s*1 failed$/m);
  expect(text).toMatch(/^\s*[1-9]\d* did not run$/m);
  expect(text).not.toMatch(/\d+ passed/);
  expect(text, 'no camera test started').not.toContain('[camera] ›');
  expect(text, 'the stack of the check is left out').not.toMatch(/^\s*at .*preflight\.ts/m);
});
