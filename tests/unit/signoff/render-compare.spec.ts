import { test, expect } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { compareSignoffs, loadSignoff, renderComparison } from '../../../lib/signoff/compare.ts';
import { writeComparison } from '../../../lib/signoff/publish.ts';
import { renderSignoffMarkdown } from '../../../lib/signoff/render.ts';
import { compareVersions, firmwareRuns, neighbours } from '../../../lib/signoff/report-paths.ts';
import { toRunResults } from '../../../lib/signoff/results.ts';
import { computeSignoff, type Signoff } from '../../../lib/signoff/verdict.ts';
import { fakeReport, IDENTITY, profile, removeTempDirs, tempDir, TARGET, type FakeTest } from './synthetic.ts';

test.afterAll(removeTempDirs);

const P = profile({
  measurements: { 'snapshot.latency': { unit: 'ms', max: 500, marginalMax: 250 }, 'mjpeg.dropped': { unit: 'frames', max: 3, marginalMax: 0 } },
  required: ['general/*'],
  acceptableSkips: [{ tests: '@destructive', why: 'destructive | needs HIL_DESTRUCTIVE=1' }],
});

function run(firmware: string, tests: FakeTest[]): Signoff {
  return computeSignoff({ results: toRunResults(fakeReport(tests)), profile: P, identity: { ...IDENTITY, firmware }, target: TARGET, harnessVersion: 'camera-hil 0.1.0', date: new Date('2026-01-02T03:04:05Z') });
}

const base: FakeTest[] = [
  { file: 'general/reboot.spec.ts', title: 'comes back', status: 'passed' },
  { file: 'general/time.spec.ts', title: 'keeps time', status: 'passed' },
  { file: 'general/factory.spec.ts', title: 'hard | factory default', status: 'skipped', tags: ['destructive'], skipReason: 'set HIL_DESTRUCTIVE=1' },
  { file: 'video/snap.spec.ts', title: 'snapshot', status: 'passed', measurements: [{ name: 'snapshot.latency', value: 100, unit: 'ms' }, { name: 'mjpeg.dropped', value: 0, unit: 'frames' }] },
  { file: 'io/old.spec.ts', title: 'legacy port', status: 'failed', category: 'camera defect', error: 'Error: expect(received).toBe(expected)\nExpected: 1' },
];

test('signoff.md says the verdict, why, every required test, measurement and skip', () => {
  const md = renderSignoffMarkdown(run('V5.0.1.3714', base));
  expect(md).toContain('# Sign-off: Test Camera — firmware V5.0.1.3714');
  expect(md).toContain('**Verdict: ❌ FAIL**');
  expect(md).toContain('| build date | Dec 10 2009 |');
  expect(md).toContain('5 tests: 3 passed, 1 failed, 0 flaky, 1 skipped.');
  expect(md).toContain('- camera defect: [virtual] io/old.spec.ts › legacy port: Error: expect(received).toBe(expected)');
  expect(md).toContain('| [virtual] general/reboot.spec.ts › comes back | ✅ passed |  |');
  // Pipes inside titles and reasons are escaped so the table keeps its columns.
  expect(md).toContain('| [virtual] general/factory.spec.ts › hard \\| factory default | set HIL_DESTRUCTIVE=1 | yes: destructive \\| needs HIL_DESTRUCTIVE=1 |');
  expect(md).toContain('| snapshot.latency | 100 ms | ≤ 500 ms (marginal above 250) | ✅ PASS | video/snap.spec.ts › snapshot |');
  expect(md).toContain('| io/old.spec.ts › legacy port'.replace('| ', '| [virtual] ') + ' | camera defect | Error: expect(received).toBe(expected) Expected: 1 |');
  expect(md).not.toMatch(/password|pass@/i);
});

test('comparison: regressions, fixes, new, removed, coverage and moved measurements', () => {
  const older = run('V5.0.1.3714', base);
  const newer = run('V5.0.2.3843', [
    { ...base[0], status: 'failed', category: 'camera defect', error: 'Error: expect(received).toBe(expected)' },
    base[1],
    { ...base[2], status: 'passed', skipReason: undefined },
    { ...base[3], measurements: [{ name: 'snapshot.latency', value: 109, unit: 'ms' }, { name: 'mjpeg.dropped', value: 2, unit: 'frames' }] },
    { ...base[4], status: 'passed', error: undefined },
    { file: 'audio/tone.spec.ts', title: 'tone', status: 'passed' },
  ]);
  const c = compareSignoffs(older, newer);
  expect(c.regressions.map((r) => r.test)).toEqual(['[virtual] general/reboot.spec.ts › comes back']);
  expect(c.fixes.map((r) => r.test)).toEqual(['[virtual] io/old.spec.ts › legacy port']);
  expect(c.added.map((r) => r.test)).toEqual(['[virtual] audio/tone.spec.ts › tone']);
  expect(c.removed).toEqual([]);
  expect(c.coverage.map((r) => [r.before, r.after])).toEqual([['skipped', 'passed']]);
  // +9 % latency stays under the 10 % tolerance; 0 → 2 dropped frames is a change from zero.
  expect(c.measurements.map((m) => m.name)).toEqual(['mjpeg.dropped']);
  expect(c.measurements[0]).toMatchObject({ before: 0, after: 2, verdictBefore: 'PASS', verdictAfter: 'MARGINAL' });
  expect(compareSignoffs(older, newer, 0.05).measurements.map((m) => m.name)).toEqual(['mjpeg.dropped', 'snapshot.latency']);
  const md = renderComparison(c);
  expect(md).toContain('# Firmware comparison: IPC-7100 V5.0.1.3714 → V5.0.2.3843');
  expect(md).toContain('1 regressions, 1 fixes, 1 new tests, 0 removed tests, 1 coverage changes, 1 measurement changes beyond tolerance, 0 observation changes.');
  expect(md).toContain('| mjpeg.dropped | 0 frames | 2 frames | from 0 (+2 frames) | ±10% | PASS → **MARGINAL** | video/snap.spec.ts › snapshot |');
  expect(compareSignoffs(newer, older).removed.map((r) => r.test)).toEqual(['[virtual] audio/tone.spec.ts › tone']);
  expect(() => compareSignoffs(older, newer, -1)).toThrow(/tolerance/);
});

test('the comparison file lands beside the newer firmware, whatever the argument order', () => {
  const root = tempDir('cmp-');
  const a = join(root, 'V5.0.10.1');
  const b = join(root, 'V5.0.9.1');
  mkdirSync(a);
  mkdirSync(b);
  writeFileSync(join(a, 'signoff.json'), JSON.stringify(run('V5.0.10.1', base)));
  writeFileSync(join(b, 'signoff.json'), JSON.stringify(run('V5.0.9.1', base)));
  const { file, markdown } = writeComparison(b, a);
  expect(file).toBe(join(a, 'comparison-V5.0.9.1-vs-V5.0.10.1.md'));
  expect(readFileSync(file, 'utf8')).toBe(markdown);
  expect(writeComparison(a, b).file).toBe(file);
  expect(firmwareRuns(root).map((r) => r.firmware)).toEqual(['V5.0.9.1', 'V5.0.10.1']);
  expect(neighbours(firmwareRuns(root), 'V5.0.9.5')).toMatchObject({ older: { firmware: 'V5.0.9.1' }, newer: { firmware: 'V5.0.10.1' } });
  expect(neighbours(firmwareRuns(root), 'V5.0.10.1')).toMatchObject({ older: { firmware: 'V5.0.9.1' } });
  expect(neighbours(firmwareRuns(root), 'V5.0.10.1').newer).toBeUndefined();
  expect(existsSync(join(b, 'comparison-V5.0.9.1-vs-V5.0.10.1.md'))).toBe(false);
});

test('a folder without a sign-off is refused by name', () => {
  const root = tempDir('cmp-');
  expect(() => loadSignoff(join(root, 'nope'))).toThrow(/report folder .*nope does not exist/);
  expect(() => loadSignoff(root)).toThrow(/holds no signoff\.json: run the sign-off for that firmware first/);
  writeFileSync(join(root, 'signoff.json'), '{"schema": 2}');
  expect(() => loadSignoff(root)).toThrow(/is not a camera-hil sign-off/);
});

test('firmware versions order numerically', () => {
  expect(compareVersions('V5.0.2.3843', 'V5.0.1.3714')).toBe(1);
  expect(compareVersions('5.10', '5.9')).toBe(1);
  expect(compareVersions('V5.0.1', 'V5.0.1')).toBe(0);
  expect(compareVersions('V5.0', 'V5.0.1')).toBe(-1);
  expect(compareVersions('V5.0.1-beta', 'V5.0.1')).toBe(1);
});
