// Firmware comparison: two sign-offs of the same model side by side. Regressions first
// (passed before, fails now), then fixes, new and removed tests, measurements that changed
// verdict or moved beyond both their relative and absolute tolerance (from the profile the
// newer run was judged with, kept in its signoff.json; else the global relative tolerance),
// and the behaviour fingerprint: observations where the spec is silent that changed.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fmt, type CompareTolerance } from './limits.ts';
import { cell, formatValue } from './measurement.ts';
import { observationChanges, renderObservationChanges, type ObservationChange } from './observation-changes.ts';
import type { JudgedMeasurement, Signoff, SignoffTest } from './verdict.ts';

export interface TestChange {
  test: string;
  before?: string;
  after?: string;
  error?: string;
}

export interface MeasurementChange {
  name: string;
  test: string;
  unit?: string;
  before: number;
  after: number;
  /** (after - before) / |before|; Infinity when before is 0 and after is not. */
  relative: number;
  /** after - before, in the unit. */
  delta: number;
  /** The tolerances it was judged against. */
  tolerance: Required<CompareTolerance>;
  verdictBefore: string;
  verdictAfter: string;
}

export interface Comparison {
  older: { model: string; firmware: string; verdict: string; date: string };
  newer: { model: string; firmware: string; verdict: string; date: string };
  /** Global relative tolerance: for measurements whose sign-offs record none of their own. */
  tolerance: number;
  regressions: TestChange[];
  fixes: TestChange[];
  added: TestChange[];
  removed: TestChange[];
  /** Was run before, skipped now (or the reverse): coverage changed. */
  coverage: TestChange[];
  measurements: MeasurementChange[];
  /** Observations (house expectations) whose answer changed, appeared or disappeared. */
  observations: ObservationChange[];
  /** Set when a sign-off predates observations: why none are compared. */
  observationsMissing?: string;
}

export function loadSignoff(dir: string): Signoff {
  const file = join(dir, 'signoff.json');
  if (!existsSync(dir)) throw new Error(`report folder ${dir} does not exist`);
  if (!existsSync(file)) throw new Error(`${dir} holds no signoff.json: run the sign-off for that firmware first (npm start -- --firmware ...)`);
  let s: Signoff;
  try {
    s = JSON.parse(readFileSync(file, 'utf8')) as Signoff;
  } catch (e) {
    throw new Error(`${file} is not JSON: ${(e as Error).message}`);
  }
  if (s?.schema !== 1 || !Array.isArray(s.tests) || !Array.isArray(s.measurements) || !s.identity) throw new Error(`${file} is not a camera-hil sign-off (schema 1)`);
  return s;
}

const ok = (t: SignoffTest) => t.status === 'passed' || (t.status === 'flaky' && !t.category);
const bad = (t: SignoffTest) => !!t.category || t.status === 'interrupted';
const key = (t: SignoffTest) => `${t.project}\u0000${t.id}`;
const label = (t: SignoffTest) => (t.project ? `[${t.project}] ${t.id}` : t.id);

export function compareSignoffs(older: Signoff, newer: Signoff, tolerance = 0.1): Comparison {
  if (!(tolerance >= 0)) throw new Error(`tolerance must be a non-negative fraction (0.1 = 10%), got ${tolerance}`);
  const before = new Map(older.tests.map((t) => [key(t), t]));
  const after = new Map(newer.tests.map((t) => [key(t), t]));
  const c: Comparison = {
    older: head(older), newer: head(newer), tolerance,
    regressions: [], fixes: [], added: [], removed: [], coverage: [], measurements: [], observations: [],
  };
  for (const [k, b] of after) {
    const a = before.get(k);
    if (!a) {
      c.added.push({ test: label(b), after: b.status, error: b.error });
      continue;
    }
    if (ok(a) && bad(b)) c.regressions.push({ test: label(b), before: a.status, after: b.status, error: b.error });
    else if (bad(a) && ok(b)) c.fixes.push({ test: label(b), before: a.status, after: b.status });
    else if ((a.status === 'skipped') !== (b.status === 'skipped')) c.coverage.push({ test: label(b), before: a.status, after: b.status, error: b.skipReason ?? a.skipReason });
  }
  for (const [k, a] of before) if (!after.has(k)) c.removed.push({ test: label(a), before: a.status });
  c.measurements = measurementChanges(older.measurements, newer.measurements, tolerance);
  // signoff.json written before observations were recorded has no such list: say so, never "no change".
  const without = [older, newer].filter((s) => !Array.isArray(s.observations)).map((s) => s.identity.firmware);
  if (without.length) c.observationsMissing = `the sign-off of ${without.join(' and ')} records no observations (made by an older harness)`;
  else c.observations = observationChanges(older.observations, newer.observations);
  return c;
}

function head(s: Signoff) {
  return { model: s.identity.model, firmware: s.identity.firmware, verdict: s.verdict, date: s.date };
}

function measurementChanges(a: JudgedMeasurement[], b: JudgedMeasurement[], tolerance: number): MeasurementChange[] {
  // A name may be recorded by several tests (one per fps, say): pair them by test too.
  const mk = (m: JudgedMeasurement) => `${m.name}\u0000${m.test}`;
  const before = new Map(a.map((m) => [mk(m), m]));
  const out: MeasurementChange[] = [];
  for (const m of b) {
    const p = before.get(mk(m));
    if (!p) continue;
    const relative = p.value === m.value ? 0 : p.value === 0 ? Infinity * Math.sign(m.value) : (m.value - p.value) / Math.abs(p.value);
    const delta = p.value === m.value ? 0 : m.value - p.value;
    // The newer run's tolerances (its profile), else the older run's, else the global one.
    const own = m.compare ?? p.compare;
    const tol = { relative: own?.relative ?? tolerance, absolute: own?.absolute ?? 0 };
    // NaN (a broken reading) compares false: only a verdict change reports it, as before.
    const moved = Math.abs(relative) > tol.relative && Math.abs(delta) > tol.absolute;
    if (moved || p.verdict !== m.verdict) {
      out.push({ name: m.name, test: m.test, unit: m.unit ?? p.unit, before: p.value, after: m.value, relative, delta, tolerance: tol, verdictBefore: p.verdict, verdictAfter: m.verdict });
    }
  }
  return out.sort((x, y) => Math.abs(y.relative) - Math.abs(x.relative));
}

export function renderComparison(c: Comparison): string {
  const o: string[] = [];
  o.push(`# Firmware comparison: ${c.newer.model} ${c.older.firmware} → ${c.newer.firmware}`, '');
  o.push(`| | ${cell(c.older.firmware)} | ${cell(c.newer.firmware)} |`, '|---|---|---|');
  o.push(`| verdict | ${c.older.verdict} | ${c.newer.verdict} |`, `| date | ${c.older.date} | ${c.newer.date} |`, '');
  if (c.older.model !== c.newer.model) o.push(`⚠️ Different models: ${c.older.model} vs ${c.newer.model}.`, '');
  const observed = c.observationsMissing ? 'observations not compared' : `${c.observations.length} observation changes`;
  o.push(`${c.regressions.length} regressions, ${c.fixes.length} fixes, ${c.added.length} new tests, ${c.removed.length} removed tests, ${c.coverage.length} coverage changes, ${c.measurements.length} measurement changes beyond tolerance, ${observed}.`, '');
  section(o, 'Regressions (passed before, fail now)', c.regressions, true);
  section(o, 'Fixes (failed before, pass now)', c.fixes, false);
  section(o, 'New tests', c.added, true);
  section(o, 'Removed tests', c.removed, false);
  section(o, 'Coverage changes (skipped in one of the runs)', c.coverage, true);
  o.push('## Measurements', '');
  const rule = `A measurement is listed when its verdict changed or it moved beyond both its relative and its absolute tolerance (the profile's \`compare\`, recorded in signoff.json; else ±${fmt(c.tolerance * 100)}% and no absolute floor).`;
  if (!c.measurements.length) o.push(`No measurement changed verdict or moved beyond its tolerance. ${rule}`, '');
  else {
    o.push(rule, '');
    o.push(`| measurement | ${cell(c.older.firmware)} | ${cell(c.newer.firmware)} | change | tolerance | verdict | test |`, '|---|---|---|---|---|---|---|');
    for (const m of c.measurements) {
      const pct = Number.isFinite(m.relative) ? `${m.relative > 0 ? '+' : ''}${fmt(m.relative * 100)}%` : Number.isNaN(m.relative) ? 'n/a' : 'from 0';
      const abs = Number.isFinite(m.delta) && m.delta !== 0 ? ` (${m.delta > 0 ? '+' : ''}${formatValue(m.delta, m.unit)})` : '';
      const tol = `±${fmt(m.tolerance.relative * 100)}%${m.tolerance.absolute ? `, ±${formatValue(m.tolerance.absolute, m.unit)}` : ''}`;
      const verdict = m.verdictBefore === m.verdictAfter ? m.verdictAfter : `${m.verdictBefore} → **${m.verdictAfter}**`;
      o.push(`| ${cell(m.name)} | ${formatValue(m.before, m.unit)} | ${formatValue(m.after, m.unit)} | ${pct}${abs} | ${tol} | ${verdict} | ${cell(m.test)} |`);
    }
    o.push('');
  }
  o.push('## Behaviour where the spec is silent (observations)', '');
  if (c.observationsMissing) o.push(`Not compared: ${c.observationsMissing}.`, '');
  else o.push(...renderObservationChanges(c.observations, c.older.firmware, c.newer.firmware), '');
  return o.join('\n');
}

function section(o: string[], title: string, rows: TestChange[], withError: boolean) {
  o.push(`## ${title}`, '');
  if (!rows.length) {
    o.push('None.', '');
    return;
  }
  o.push(withError ? '| test | before | after | detail |' : '| test | before | after |', withError ? '|---|---|---|---|' : '|---|---|---|');
  for (const r of rows) {
    const base = `| ${cell(r.test)} | ${r.before ?? '—'} | ${r.after ?? '—'} |`;
    o.push(withError ? `${base} ${cell(firstLine(r.error))} |` : base);
  }
  o.push('');
}

function firstLine(s?: string): string {
  return s?.split('\n').find((l) => l.trim())?.trim().slice(0, 200) ?? '';
}
