// The lab summary of `npm start -- --lab` (lib/signoff/lab-summary.ts) piece by piece: the row
// of each camera, what changed since the last lab run, the files and their round trip, the
// stations merged into one, the markdown people read (the inventory side, stations and
// --only / --station, is stations.spec.ts). lab-run.spec.ts runs the whole thing end to end; this file covers the cases it cannot reach.
import { test, expect } from '@playwright/test';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  formatDuration, labPassed, LAB_SUMMARY_JSON, LAB_SUMMARY_MD, mergeLabSummaries, readLabSummary,
  renderLabSummary, signedOffRow, unrunRow, withChanges, writeLabSummary, type LabRow, type LabSummary,
} from '../../../lib/signoff/lab-summary.ts';
import type { FailureCategory } from '../../../lib/signoff/categories.ts';
import type { OutcomeStatus } from '../../../lib/signoff/results.ts';
import type { Signoff, SignoffTest, Verdict } from '../../../lib/signoff/verdict.ts';

let dir: string;
test.beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'lab-summary-')); });
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** A fresh folder under the test's temporary one. */
function folder(): string {
  return mkdtempSync(join(dir, `f${++n}-`));
}

// ---- builders: the smallest type-correct inputs ----

function signoffTest(id: string, status: OutcomeStatus, category?: FailureCategory): SignoffTest {
  return {
    id, file: 'general/time.spec.ts', titlePath: [id], project: 'camera', tags: [], status, required: false,
    ...(category ? { category } : {}), durationMs: 10, measurements: [],
  };
}

function signoff(verdict: Verdict, reasons: string[], tests: SignoffTest[]): Signoff {
  const counts = { total: tests.length, passed: 0, failed: 0, skipped: 0, flaky: 0, interrupted: 0 };
  for (const t of tests) counts[t.status]++;
  return {
    schema: 1, verdict, reasons, date: '2024-05-03T10:00:00.000Z',
    identity: { model: 'M3106-L Mk II', firmware: '10.12.1' },
    target: { kind: 'physical', url: 'http://10.0.0.9', relay: 'numato' },
    profile: { name: 'default', sources: ['profiles/default.json'] },
    harnessVersion: '1.0.0', counts, tests,
    measurements: [], observations: [], missingRequired: [], missingMeasurements: [], globalErrors: [],
  };
}

function row(camera: string, over: Partial<LabRow> = {}): LabRow {
  return {
    camera, model: 'M3106', firmware: '10.12.1', outcome: 'PASS', durationS: 30,
    failures: { 'camera defect': 0, 'lab problem': 0, 'harness defect': 0 }, changes: [], ...over,
  };
}

function summary(rows: LabRow[], over: Partial<LabSummary> = {}): LabSummary {
  return { schema: 1, date: '2024-05-03T10:00:00.000Z', lab: 'lab.json', stations: [], rows, ...over };
}

// ---- rows ----

test('signedOffRow: identity, verdict, first line of the first reason, counts, and failures by category', () => {
  const s = signoff('FAIL', ['camera defect: [camera] time › NTP sync: clock off by 40 s\n    at general/time.spec.ts:12', 'lab problem: second reason'], [
    signoffTest('a', 'passed'),
    signoffTest('b', 'failed', 'camera defect'),
    signoffTest('c', 'failed', 'camera defect'),
    signoffTest('d', 'flaky', 'lab problem'),
    signoffTest('e', 'failed', 'harness defect'),
    signoffTest('f', 'flaky'), // allowed flaky: no category, not a failure
    signoffTest('g', 'skipped'),
    signoffTest('h', 'skipped', 'camera defect'), // a category on a test that did not fail counts for nothing
  ]);
  const r = signedOffRow({ camera: 'lobby', station: 'bench-a', durationS: 75, signoff: 'lobby/signoff.md' }, s);
  expect(r).toEqual({
    camera: 'lobby', station: 'bench-a', durationS: 75, signoff: 'lobby/signoff.md',
    model: 'M3106-L Mk II', firmware: '10.12.1', outcome: 'FAIL',
    why: 'camera defect: [camera] time › NTP sync: clock off by 40 s',
    counts: { passed: 1, failed: 3, skipped: 2 },
    failures: { 'camera defect': 2, 'lab problem': 1, 'harness defect': 1 },
    changes: [],
  });
});

test('signedOffRow: a verdict without reasons gives a row without a why', () => {
  const r = signedOffRow({ camera: 'lobby', durationS: 5 }, signoff('PASS', [], [signoffTest('a', 'passed')]));
  expect(r.outcome).toBe('PASS');
  expect('why' in r).toBe(false);
  expect(r.failures).toEqual({ 'camera defect': 0, 'lab problem': 0, 'harness defect': 0 });
});

test('unrunRow: the outcome and the first line of why, no failures, no counts', () => {
  const r = unrunRow({ camera: 'garage', station: 'bench-b', durationS: 0.2, model: 'Q6135' }, 'SKIPPED', 'held by run 4242 on host-b since 10:02\n(lease file /tmp/x)');
  expect(r).toEqual({
    camera: 'garage', station: 'bench-b', durationS: 0.2, model: 'Q6135', outcome: 'SKIPPED',
    why: 'held by run 4242 on host-b since 10:02',
    failures: { 'camera defect': 0, 'lab problem': 0, 'harness defect': 0 }, changes: [],
  });
  expect(unrunRow({ camera: 'attic', durationS: 1 }, 'NOT RUN', 'preflight failed').outcome).toBe('NOT RUN');
});

// ---- since the last lab run ----

test('withChanges: the first lab run, and a camera the previous one did not have, are new', () => {
  const rows = [row('lobby'), row('garage')];
  expect(withChanges(rows, undefined).map((r) => r.changes)).toEqual([['new in this lab run'], ['new in this lab run']]);
  const previous = summary([row('lobby')]);
  expect(withChanges(rows, previous).map((r) => [r.camera, r.changes])).toEqual([['lobby', ['no change']], ['garage', ['new in this lab run']]]);
});

test('withChanges: model, firmware, outcome and each category count that changed are listed', () => {
  const before = row('lobby', { model: 'M3106', firmware: '10.12.1', outcome: 'PASS', failures: { 'camera defect': 0, 'lab problem': 1, 'harness defect': 0 } });
  const now = row('lobby', {
    model: 'M3106-L', firmware: '11.0.0', outcome: 'FAIL', changes: ['stale'],
    failures: { 'camera defect': 2, 'lab problem': 0, 'harness defect': 0 },
  });
  const [changed] = withChanges([now], summary([before]));
  expect(changed.changes).toEqual(['model M3106 → M3106-L', 'firmware 10.12.1 → 11.0.0', 'PASS → FAIL', 'camera defect: 0 → 2', 'lab problem: 1 → 0']);
  expect(now.changes).toEqual(['stale']); // the rows given are not changed in place
});

test('withChanges: a camera not run this time does not claim its firmware changed', () => {
  const before = row('attic', { firmware: '10.12.1' });
  const now = unrunRow({ camera: 'attic', durationS: 1 }, 'NOT RUN', 'preflight failed');
  expect(withChanges([now], summary([before]))[0].changes).toEqual(['PASS → NOT RUN']);
});

// ---- files ----

test('writeLabSummary then readLabSummary: the same summary back, the markdown beside it, nothing left aside', () => {
  const root = folder();
  const s = summary([row('lobby', { station: 'bench-a', signoff: 'lobby/signoff.md', changes: ['no change'] })], { stations: ['bench-a'] });
  const files = writeLabSummary(root, s);
  expect(files).toEqual({ md: join(root, LAB_SUMMARY_MD), json: join(root, LAB_SUMMARY_JSON) });
  expect(readdirSync(root).sort()).toEqual([LAB_SUMMARY_JSON, LAB_SUMMARY_MD].sort());
  expect(readLabSummary(root)).toEqual(s);
  expect(readFileSync(files.md, 'utf8')).toBe(renderLabSummary(s));

  // A second run replaces both files, still without leftovers.
  const next = summary([row('lobby', { outcome: 'FAIL' })]);
  writeLabSummary(root, next);
  expect(readdirSync(root).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  expect(readLabSummary(root)?.rows[0].outcome).toBe('FAIL');
  expect(readFileSync(files.md, 'utf8')).toContain('**FAIL**');
});

test('readLabSummary: none, damaged or of another schema → undefined (only the comparison is lost)', () => {
  const root = folder();
  expect(readLabSummary(root)).toBeUndefined();
  // The last two: a row edited by hand, without its failure counts or its camera.
  for (const text of ['{"schema": 1, "rows": [', 'null', '{"schema": 2, "rows": []}', '{"schema": 1, "rows": {}}',
    '{"schema": 1, "rows": [{"camera": "lobby", "outcome": "PASS"}]}', '{"schema": 1, "rows": [{"outcome": "PASS", "failures": {"camera defect": 0, "lab problem": 0, "harness defect": 0}}]}']) {
    writeFileSync(join(root, LAB_SUMMARY_JSON), text);
    expect(readLabSummary(root), text).toBeUndefined();
  }
  writeFileSync(join(root, LAB_SUMMARY_JSON), JSON.stringify(summary([row('lobby')])));
  expect(readLabSummary(root)?.rows.map((r) => r.camera)).toEqual(['lobby']);
});

// ---- stations merged ----

test('mergeLabSummaries: every station\'s rows, the stations united and sorted, the latest date', () => {
  const b = summary([row('b1', { station: 'bench-b' }), row('b2', { station: 'bench-b' })], { date: '2024-05-03T12:00:00.000Z', stations: ['bench-b'], lab: 'lab.json' });
  const a = summary([row('a1', { station: 'bench-a' })], { date: '2024-05-03T09:30:00.000Z', stations: ['bench-a', 'bench-b'], lab: 'other.json' });
  const merged = mergeLabSummaries([b, a]);
  expect(merged).toEqual({
    schema: 1, date: '2024-05-03T12:00:00.000Z', lab: 'lab.json', stations: ['bench-a', 'bench-b'],
    rows: [b.rows[0], b.rows[1], a.rows[0]],
  });
});

test('mergeLabSummaries: a camera in two summaries is an error naming it; nothing to merge is an error', () => {
  const a = summary([row('a1'), row('lobby')], { stations: ['bench-a'] });
  const b = summary([row('lobby')], { stations: ['bench-b'] });
  expect(() => mergeLabSummaries([a, b])).toThrow('camera lobby is in two of the lab summaries merged: a camera belongs to one station');
  expect(() => mergeLabSummaries([])).toThrow('no lab summary to merge');
});

test('labPassed: only when there are cameras and every one is PASS', () => {
  expect(labPassed(summary([]))).toBe(false);
  expect(labPassed(summary([row('a'), row('b')]))).toBe(true);
  for (const outcome of ['FAIL', 'ERROR', 'INCOMPLETE', 'SKIPPED', 'NOT RUN'] as const) {
    expect(labPassed(summary([row('a'), row('b', { outcome })])), outcome).toBe(false);
  }
});

// ---- markdown ----

/** The cells of each camera row of the table (split at the unescaped `|` only). */
function tableRows(md: string): string[][] {
  const lines = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| camera |'));
  return lines.map((l) => l.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim()));
}

function whySection(md: string): string[] {
  const parts = md.split('\n## Why\n\n');
  return parts.length === 2 ? parts[1].trimEnd().split('\n') : [];
}

test('renderLabSummary: a table row per camera with its verdict and category counts, and why for those not signed off', () => {
  const s = summary([
    row('lobby', { station: 'bench-a', durationS: 75, signoff: 'lobby/signoff.md', changes: ['no change'] }),
    row('ptz', {
      station: 'bench-b', model: 'Q6|135', outcome: 'FAIL', durationS: 42, why: 'camera defect: PTZ home is off',
      failures: { 'camera defect': 2, 'lab problem': 1, 'harness defect': 3 }, changes: ['model Q6 → Q6|135', 'PASS → FAIL'],
    }),
    unrunRow({ camera: 'garage', station: 'bench-a', durationS: 0 }, 'SKIPPED', 'held by run 4242 on host-b'),
    unrunRow({ camera: 'attic', durationS: 3 }, 'NOT RUN', 'preflight: relay board /dev/ttyACM0 does not answer'),
  ], { lab: '/labs/lab.json', stations: ['bench-a', 'bench-b'] });
  const md = renderLabSummary(s);

  expect(md.split('\n')[0]).toBe('# Lab sign-off: not every camera PASS');
  expect(md).toContain('2024-05-03T10:00:00.000Z · /labs/lab.json · station bench-a, bench-b · 4 camera(s): 1 PASS, 1 FAIL, 1 SKIPPED, 1 NOT RUN\n');
  expect(tableRows(md)).toEqual([
    ['lobby (bench-a)', 'M3106', '10.12.1', '**PASS**', '0', '0', '0', '1 min 15 s', 'no change', '[signoff.md](lobby/signoff.md)'],
    ['ptz (bench-b)', 'Q6\\|135', '10.12.1', '**FAIL**', '2', '1', '3', '42 s', 'model Q6 → Q6\\|135; PASS → FAIL', '—'],
    ['garage (bench-a)', '—', '—', '**SKIPPED**', '0', '0', '0', '0 s', '', '—'],
    ['attic', '—', '—', '**NOT RUN**', '0', '0', '0', '3 s', '', '—'],
  ]);
  expect(whySection(md)).toEqual([
    '- **ptz** (FAIL): camera defect: PTZ home is off',
    '- **garage** (SKIPPED): held by run 4242 on host-b',
    '- **attic** (NOT RUN): preflight: relay board /dev/ttyACM0 does not answer',
  ]);
});

test('renderLabSummary: every camera PASS says so, and a run without a why has no Why section', () => {
  const md = renderLabSummary(summary([row('lobby'), row('garage')]));
  expect(md.split('\n')[0]).toBe('# Lab sign-off: every camera PASS');
  expect(md).toContain(' · lab.json · 2 camera(s): 2 PASS\n'); // no stations: no "station" part
  expect(tableRows(md).map((r) => r[0])).toEqual(['lobby', 'garage']);
  expect(md).not.toContain('## Why');
});

test('formatDuration: seconds under a minute, then minutes and two-digit seconds', () => {
  expect([0, 0.4, 59.4, 59.5, 61, 75, 3725].map(formatDuration)).toEqual(['0 s', '0 s', '59 s', '1 min 00 s', '1 min 01 s', '1 min 15 s', '62 min 05 s']);
});
