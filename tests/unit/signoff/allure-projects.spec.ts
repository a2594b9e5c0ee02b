// The Allure report is about the camera: the harness's own projects (unit, harness, fidelity)
// stay out of it, neither as results nor as "skipped" entries added at the end; the camera
// suites' tests are all there, passed and skipped alike.
import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runFiles } from '../../../lib/signoff/report-paths.ts';
import { PLAYWRIGHT_CLI, runNode } from './child.ts';
import { removeTempDirs, tempDir } from './synthetic.ts';

const CONFIG = fileURLToPath(new URL('./fixtures/sample/projects.config.ts', import.meta.url));
test.afterAll(removeTempDirs);

test('Allure records the camera project and nothing of a project named like the harness\'s own', async () => {
  const dir = tempDir('allure-projects-');
  const { code, out } = await runNode([PLAYWRIGHT_CLI, 'test', '-c', CONFIG], { HIL_REPORT_DIR: dir });
  expect(code, out).toBe(0);
  expect(out).toContain('2 passed'); // each project: one passed, one skipped
  const folder = runFiles(dir).allureResults;
  const results = readdirSync(folder).filter((f) => f.endsWith('-result.json')).map((f) => JSON.parse(readFileSync(join(folder, f), 'utf8')) as { name: string; status: string; labels: { name: string; value: string }[] });
  const project = (r: (typeof results)[number]) => r.labels.find((l) => l.name === 'parentSuite')?.value;
  expect(results.map((r) => [project(r), r.name, r.status]).sort()).toEqual([
    ['camera', 'hard factory default', 'skipped'],
    ['camera', 'reboot comes back', 'passed'],
  ]);
  // results.json (the verdict's input) still has both projects.
  const json = JSON.parse(readFileSync(runFiles(dir).results, 'utf8')) as { stats: { expected: number; skipped: number } };
  expect(json.stats).toMatchObject({ expected: 2, skipped: 2 });
});
