// Who is at fault is a type: a real Playwright run of tests that fail in every way a suite can,
// through the real fixtures and reporters; the category recorded for each, the verdict and
// the Allure label must follow the error's type, never its message.
import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAILURE_CATEGORY_LABEL } from '../../../lib/signoff/categories.ts';
import { loadProfile } from '../../../lib/signoff/profile.ts';
import { runDir, runFiles } from '../../../lib/signoff/report-paths.ts';
import { readRunResults } from '../../../lib/signoff/results.ts';
import { computeSignoff } from '../../../lib/signoff/verdict.ts';
import { PLAYWRIGHT_CLI, SAMPLE_PROFILE, runNode, signoffRunEnv } from './child.ts';
import { removeTempDirs, tempDir } from './synthetic.ts';

const FAILING_CONFIG = fileURLToPath(new URL('./fixtures/sample/failing.config.ts', import.meta.url));

test.afterAll(removeTempDirs);

test('every failure is filed by the type of its error', async () => {
  test.setTimeout(90_000);
  const root = tempDir('categories-');
  const identity = { model: 'IPC-7100', firmware: 'V5.0.2.3843' };
  const dir = runDir(identity.model, identity.firmware, root);
  const env = signoffRunEnv(dir, identity);
  const { code, out } = await runNode([PLAYWRIGHT_CLI, 'test', '-c', FAILING_CONFIG], env);
  expect(code, out).toBe(1);

  const results = readRunResults(runFiles(dir).results);
  const byTitle = Object.fromEntries(results.tests.map((t) => [t.titlePath.at(-1), t]));
  const expected: Record<string, string> = {
    'a CameraDefect thrown in a step': 'camera defect',
    'a subclass of CameraDefect (an HTTP error)': 'camera defect',
    'a LabProblem': 'lab problem',
    'a failed expect()': 'camera defect',
    'a soft expect, then a TypeError': 'camera defect',
    'a TypeError of the harness': 'harness defect',
    'a test timeout': 'harness defect',
    'an error in a fixture teardown': 'camera defect',
    'a measurement out of limits': 'camera defect',
  };
  expect(Object.keys(byTitle).sort()).toEqual(Object.keys(expected).sort());
  for (const [title, category] of Object.entries(expected)) {
    expect(byTitle[title].status, title).toBe('failed');
    expect(byTitle[title].category, title).toBe(category);
  }

  const s = computeSignoff({ results, profile: loadProfile(SAMPLE_PROFILE), identity, target: { kind: 'virtual', url: 'sample', relay: 'none' }, harnessVersion: 'test' });
  expect(s.verdict).toBe('FAIL');
  expect(s.tests.find((t) => t.titlePath.at(-1) === 'a LabProblem')!.category).toBe('lab problem');

  // The Allure result of each failed test carries the same category as a label.
  const folder = runFiles(dir).allureResults;
  const allure = readdirSync(folder).filter((f) => f.endsWith('-result.json')).map((f) => JSON.parse(readFileSync(join(folder, f), 'utf8')) as { name: string; labels: { name: string; value: string }[] });
  for (const [title, category] of Object.entries(expected)) {
    const r = allure.find((x) => x.name === title);
    expect(r?.labels.filter((l) => l.name === FAILURE_CATEGORY_LABEL).map((l) => l.value), title).toEqual([category]);
  }
});
