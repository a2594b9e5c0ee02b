// `npm start` as a CI system drives it: `--list` prints the tests a sign-off would run and
// nothing else (no "0 passed" line, no verdict, nothing written, no camera started), and a bad
// --profile is one line naming the file, exit 2, before anything starts.
import { test, expect } from '@playwright/test';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ROOT, runNode } from './child.ts';
import { removeTempDirs, tempDir } from './synthetic.ts';

test.setTimeout(180_000);
// The tests are independent (each its own temporary folders) and each is long: on two
// workers they no longer hold npm test's unit phase up one after the other.
test.describe.configure({ mode: 'parallel' });
test.afterAll(removeTempDirs);

const SIGNOFF = ['--import', 'tsx', join(ROOT, 'bin', 'signoff.ts')];

/** Every file under `dir`, relative; [] when it does not exist. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name));
}

test('npm start -- --list lists the sign-off\'s tests and nothing else: no counts, no verdict, nothing written', async () => {
  const reports = join(tempDir('list-'), 'reports');
  const [list, passThrough] = await Promise.all([
    runNode([...SIGNOFF, '--list'], { HIL_REPORTS_ROOT: reports }, 90_000),
    // Playwright's own flag after `--` is a list run too: it must not publish a verdict of nothing.
    runNode([...SIGNOFF, '--', '--list', 'ptz/home.spec.ts'], { HIL_REPORTS_ROOT: reports }, 90_000),
  ]);
  expect(list.code, list.out).toBe(0);
  expect(list.out).toContain('Listing tests:');
  expect(list.out).toMatch(/\[camera\] › general\/reboot\.spec\.ts:\d+:\d+ › .+/);
  expect(list.out).toMatch(/\[preflight\] › preflight\.setup\.ts:\d+:\d+ › preflight: /);
  expect(list.out).toMatch(/^Total: \d+ tests in \d+ files$/m);
  for (const r of [list, passThrough]) {
    expect(r.out, 'a closing line or progress line').not.toMatch(/\d+ passed|\bsuite .*: \d|running \d+ tests/);
    expect(r.out).not.toMatch(/^(VERDICT|sign-off: |reports: |preflight: |junit: )/m);
  }
  expect(passThrough.code, passThrough.out).toBe(0);
  expect(passThrough.out.trim().split('\n')).toEqual([
    'Listing tests:',
    expect.stringMatching(/^ {2}\[preflight\] › preflight\.setup\.ts/),
    expect.stringMatching(/^ {2}\[camera\] › ptz\/home\.spec\.ts:\d+:\d+ › PTZ home › /),
    'Total: 2 tests in 2 files',
  ]);
  // No run folder, results, junit.xml or signoff.json: not even the reports root was made.
  expect(filesUnder(reports)).toEqual([]);
});

test('a bad --global-timeout or --tolerance is one line naming it, exit 2, before any camera is asked anything', async () => {
  const reports = join(tempDir('bad-numbers-'), 'reports');
  const { camera, cameraEnv, knocks } = await knockCounter(reports);
  const cases: [string[], string][] = [
    // Number('3m') is NaN, and a NaN limit used to be no limit at all.
    [['--global-timeout', '3m'], '--global-timeout must be a number of seconds (0: no limit), got "3m"; nothing started'],
    [['--tolerance', ''], '--tolerance must be a fraction like 0.1, got ""; nothing started'],
  ];
  const runs = await Promise.all(cases.map(([args]) => runNode([...SIGNOFF, ...args], cameraEnv))).finally(() => new Promise((r) => camera.close(r)));
  expect(knocks(), 'connections to the camera').toBe(0);
  runs.forEach((r, i) => {
    expect(r.code, r.out).toBe(2);
    expect(r.out.trim()).toBe(cases[i][1]);
  });
  expect(filesUnder(reports)).toEqual([]);
});

test('npm start -- --help mentions --list', async () => {
  const r = await runNode([...SIGNOFF, '--help'], {});
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/--list\s+list the tests a sign-off would run/);
});

test('a bad --profile is one line naming the file, exit 2, before any camera or run folder exists', async () => {
  const dir = tempDir('bad-profile-');
  const reports = join(dir, 'reports');
  const folder = join(dir, 'a-folder');
  mkdirSync(folder);
  writeFileSync(join(dir, 'broken.json'), '{ "name": "x", ');
  writeFileSync(join(dir, 'typo.json'), JSON.stringify({ name: 'x', limits: {} }));
  const cases: [string, string][] = [
    [join(dir, 'missing.json'), 'cannot read: ENOENT (no such file)'],
    [folder, 'cannot read: EISDIR (a directory, not a profile file)'],
    [join(dir, 'broken.json'), 'not valid JSON: '],
    [join(dir, 'typo.json'), 'unknown key "limits" (known: name, description, extends, '],
  ];
  // A "camera" that counts who knocks: the preflight would be the first to.
  const { camera, cameraEnv, knocks } = await knockCounter(reports);
  const runs = await Promise.all(cases.map(([file]) => runNode([...SIGNOFF, '--profile', file], cameraEnv))).finally(() => new Promise((r) => camera.close(r)));
  expect(knocks(), 'connections to the camera').toBe(0);
  runs.forEach((r, i) => {
    const [file, problem] = cases[i];
    expect(r.code, r.out).toBe(2);
    const lines = r.out.trim().split('\n');
    // One line: nothing was started (no preflight, no virtual camera, no "sign-off: ... firmware" line).
    expect(lines, r.out).toHaveLength(1);
    expect(lines[0]).toContain(`sign-off profile ${file} is invalid: ${problem}`);
    expect(lines[0]).toMatch(/; nothing started$/);
  });
  // --list checks the profile first as well.
  const list = await runNode([...SIGNOFF, '--list', '--profile', join(dir, 'typo.json')], { HIL_REPORTS_ROOT: reports });
  expect(list.code).toBe(2);
  expect(list.out.trim()).toMatch(/^sign-off profile .*typo\.json is invalid: unknown key "limits"/);
  expect(filesUnder(reports)).toEqual([]);
});

/** A "camera" that only counts connections, and the environment that points npm start at it. */
async function knockCounter(reports: string) {
  let count = 0;
  const camera = createServer((s) => {
    count++;
    s.destroy();
  });
  await new Promise<void>((r) => camera.listen(0, '127.0.0.1', r));
  const cameraEnv = { HIL_REPORTS_ROOT: reports, CAMERA_URL: `http://127.0.0.1:${(camera.address() as AddressInfo).port}`, CAMERA_PASSWORD: 'unused' };
  return { camera, cameraEnv, knocks: () => count };
}
