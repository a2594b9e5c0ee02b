// End to end on a tiny project: the real `measure` fixture, reporters, verdict, Allure
// report with history, combined report, comparison, and a run split into two shards merged
// back. Playwright runs as a child process.

import { test, expect } from '@playwright/test';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { JSONReport } from '@playwright/test/reporter';
import { loadProfile } from '../../../lib/signoff/profile.ts';
import { reportDataFile } from '../../../lib/signoff/offline-report.ts';
import { publishRun } from '../../../lib/signoff/publish.ts';
import { runDir, runFiles } from '../../../lib/signoff/report-paths.ts';
import { readRunResults } from '../../../lib/signoff/results.ts';
import { PLAYWRIGHT_CLI, ROOT, SAMPLE_CONFIG, SAMPLE_PROFILE, runNode, signoffRunEnv } from './child.ts';
import { removeTempDirs, tempDir } from './synthetic.ts';

test.setTimeout(90_000);
// The tests are independent (each its own temporary folders) and each is long: on two
// workers they no longer hold npm test's unit phase up one after the other.
test.describe.configure({ mode: 'parallel' });
test.afterAll(removeTempDirs);

const profile = loadProfile(SAMPLE_PROFILE);
const target = { kind: 'virtual' as const, url: 'sample', relay: 'none' };

async function sampleRun(root: string, firmware: string, extra: Record<string, string> = {}) {
  const identity = { model: 'IPC-7100', firmware };
  const dir = runDir(identity.model, firmware, root);
  const env = { ...signoffRunEnv(dir, identity), ...extra };
  const { out } = await runNode([PLAYWRIGHT_CLI, 'test', '-c', SAMPLE_CONFIG], env);
  // signoff.pdf has its own test (pdf.spec.ts): no Chromium here, for npm test's time budget.
  const published = await publishRun({ dir, profile, identity, target, harnessVersion: 'test', pdf: false });
  return { dir, out, published, results: readRunResults(runFiles(dir).results) };
}

interface AllureStep { name: string; attachments: { name: string }[]; steps: AllureStep[] }
interface AllureResult { name: string; status: string; labels: { name: string; value: string }[]; attachments: { name: string }[]; steps: AllureStep[] }

function attachmentNames(r: { attachments: { name: string }[]; steps: AllureStep[] }): string[] {
  return [...r.attachments.map((a) => a.name), ...r.steps.flatMap(attachmentNames)];
}

function allureResults(dir: string): AllureResult[] {
  const folder = runFiles(dir).allureResults;
  return readdirSync(folder).filter((f) => f.endsWith('-result.json')).map((f) => JSON.parse(readFileSync(join(folder, f), 'utf8')));
}

test('measurements, verdict and reports over real runs of two firmware versions', async () => {
  const root = tempDir('signoff-e2e-');

  const first = await sampleRun(root, 'V5.0.1.3714');
  expect(first.out).toContain('suite general.sample.ts: 1 passed, 0 failed, 1 skipped');
  expect(first.out).toContain('suite video.sample.ts: 2 passed, 0 failed, 0 skipped');
  expect(first.published.signoff.verdict).toBe('PASS');
  const fps = first.results.tests.find((t) => t.titlePath.at(-1) === 'mjpeg keeps its frame rate')!;
  expect(fps.measurements.map((m) => [m.name, m.value, m.unit, m.verdict])).toEqual([['mjpeg.fps.error', 0.2, '%', 'PASS'], ['mjpeg.fps', 30.06, 'fps', 'NO_LIMIT']]);
  expect(existsSync(first.published.report!)).toBe(true);
  // One firmware version so far: the model's combined page links to its report, and makes no
  // second Allure report of the same results.
  const single = readFileSync(first.published.combined!, 'utf8');
  expect(single).toContain('its report is <a href="../V5.0.1.3714/report/index.html">');
  expect(single).toContain('http-equiv="Content-Security-Policy"');
  expect(reportDataFile(single, 'widgets/environments.json')).toBeUndefined();
  expect(existsSync(join(dirname(first.published.combined!), '../V5.0.1.3714/report/index.html'))).toBe(true);
  expect(readFileSync(runFiles(first.dir).history, 'utf8').trim().split('\n')).toHaveLength(1);
  const labels = allureResults(first.dir).find((r) => r.name === 'mjpeg keeps its frame rate')!.labels;
  expect(labels).toEqual(expect.arrayContaining([{ name: 'epic', value: '2 Image and Video' }, { name: 'firmware', value: 'V5.0.1.3714' }, { name: 'severity', value: 'critical' }]));
  const snapshot = allureResults(first.dir).find((r) => r.name === 'snapshot answers quickly')!;
  expect(attachmentNames(snapshot)).toEqual(expect.arrayContaining(['measurement: snapshot.latency', 'measurements', 'frame-diff (image).png']));

  // Same firmware again with a marginal frame rate: passes, annotated, tagged, history grows.
  const again = await sampleRun(root, 'V5.0.1.3714', { SAMPLE_FPS_ERROR: '0.7' });
  expect(again.published.signoff.verdict).toBe('PASS');
  const marginal = again.results.tests.find((t) => t.titlePath.at(-1) === 'mjpeg keeps its frame rate')!;
  expect(marginal.status).toBe('passed');
  expect(marginal.annotations).toContainEqual({ type: 'marginal', description: 'mjpeg.fps.error = 0.7 % is inside its limits but outside the marginal band: -1 … 1 % (marginal outside -0.5 … 0.5)' });
  expect(allureResults(again.dir).find((r) => r.name === 'mjpeg keeps its frame rate')!.labels).toContainEqual({ name: 'tag', value: 'marginal' });
  expect(readFileSync(runFiles(again.dir).history, 'utf8').trim().split('\n')).toHaveLength(2);

  // A newer firmware that is out of limits and fails an assertion.
  const newer = await sampleRun(root, 'V5.0.2.3843', { SAMPLE_FPS_ERROR: '1.5', SAMPLE_FAIL: '1' });
  const s = newer.published.signoff;
  expect(s.verdict).toBe('FAIL');
  const failed = newer.results.tests.find((t) => t.titlePath.at(-1) === 'mjpeg keeps its frame rate')!;
  expect(failed.status).toBe('failed');
  expect(failed.error).toContain('measurement mjpeg.fps.error = 1.5 % is out of limits -1 … 1 % (marginal outside -0.5 … 0.5) (profile sample)');
  expect(s.tests.filter((t) => t.category).map((t) => t.category)).toEqual(['camera defect', 'camera defect']);
  expect(newer.published.comparisons).toEqual([join(newer.dir, 'comparison-V5.0.1.3714-vs-V5.0.2.3843.md')]);
  const cmp = readFileSync(newer.published.comparisons[0], 'utf8');
  expect(cmp).toContain('2 regressions');
  expect(cmp).toContain('general.sample.ts › reboot comes back');
  const envs = JSON.parse(reportDataFile(readFileSync(join(root, 'IPC-7100', 'combined', 'index.html'), 'utf8'), 'widgets/environments.json')!.toString()) as { name: string }[];
  expect(envs.map((e) => e.name)).toEqual(expect.arrayContaining(['V5.0.1.3714', 'V5.0.2.3843']));
});

test('a run split over two stations merges back into one sign-off', async () => {
  const root = tempDir('signoff-shards-');
  const blobs = join(root, 'blobs');
  mkdirSync(blobs);
  for (const shard of [1, 2]) {
    const station = join(root, `station-${shard}`);
    const { code, out } = await runNode([PLAYWRIGHT_CLI, 'test', '-c', SAMPLE_CONFIG, `--shard=${shard}/2`, '--reporter=blob'], { PLAYWRIGHT_BLOB_OUTPUT_DIR: station, HIL_PROFILE: SAMPLE_PROFILE });
    expect(code, out).toBe(0);
    // Each station's blob is copied to the merging machine.
    for (const f of readdirSync(station)) cpSync(join(station, f), join(blobs, f));
  }
  expect(readdirSync(blobs).sort()).toEqual(['report-1.zip', 'report-2.zip']);

  const { code, out } = await runNode(['--import', 'tsx', join(ROOT, 'bin', 'merge-shards.ts'), blobs, '--model', 'IPC-7100', '--firmware', 'V5.0.2.3843', '--profile', SAMPLE_PROFILE, '--no-pdf'], { HIL_REPORTS_ROOT: root });
  expect(code, out).toBe(0);
  expect(out).toContain('VERDICT: PASS — IPC-7100 firmware V5.0.2.3843 (4 tests from 2 shards)');
  const dir = runDir('IPC-7100', 'V5.0.2.3843', root);
  const merged = JSON.parse(readFileSync(runFiles(dir).results, 'utf8')) as JSONReport;
  expect(merged.errors).toEqual([]);
  const titles = readRunResults(runFiles(dir).results).tests.map((t) => t.titlePath.join(' › ')).sort();
  expect(titles).toEqual(['hard factory default', 'mjpeg keeps its frame rate', 'reboot comes back', 'snapshot answers quickly']);
  const allure = allureResults(dir);
  expect(allure.map((r) => r.name).sort()).toEqual(titles);
  expect(allure.every((r) => r.labels.some((l) => l.name === 'firmware' && l.value === 'V5.0.2.3843'))).toBe(true);
  expect(existsSync(join(runFiles(dir).html, 'index.html'))).toBe(true);
  // --no-pdf: the HTML report, and no signoff.pdf (pdf.spec.ts proves that one).
  expect(existsSync(join(dir, 'signoff.pdf'))).toBe(false);
});
