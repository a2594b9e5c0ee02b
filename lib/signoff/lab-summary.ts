// The lab summary of `npm start -- --lab`: one row per camera of the run (model, firmware,
// verdict, failures by category, duration, what changed since the previous lab run), written
// as reports/lab-summary.md and .json. The .json of one run is what the next one compares with;
// a station's summaries merge into one lab summary (mergeLabSummaries) as the CI example does.

import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FailureCategory } from './categories.ts';
import type { Signoff, Verdict } from './verdict.ts';

export const LAB_SUMMARY_MD = 'lab-summary.md';
export const LAB_SUMMARY_JSON = 'lab-summary.json';

/** SKIPPED: another run holds the camera's lease. NOT RUN: the lab was not ready for it (preflight, credentials). */
export type LabOutcome = Verdict | 'SKIPPED' | 'NOT RUN';

const CATEGORIES: readonly FailureCategory[] = ['camera defect', 'lab problem', 'harness defect'];

export interface LabRow {
  camera: string;
  station?: string;
  model?: string;
  firmware?: string;
  outcome: LabOutcome;
  /** Why a camera was skipped or not run, or the verdict's first reason: one line. */
  why?: string;
  counts?: { passed: number; failed: number; skipped: number };
  failures: Record<FailureCategory, number>;
  durationS: number;
  /** The camera's signoff.md, relative to the reports folder. */
  signoff?: string;
  /** Since the previous lab run (filled in by withChanges). */
  changes: string[];
}

export interface LabSummary {
  schema: 1;
  date: string;
  /** The lab inventory the run read. */
  lab: string;
  stations: string[];
  rows: LabRow[];
}

/** The row of a camera whose run ended with a verdict. */
export function signedOffRow(base: Pick<LabRow, 'camera' | 'station' | 'durationS' | 'signoff'>, s: Signoff): LabRow {
  const failures = noFailures();
  for (const t of s.tests) if (t.category && (t.status === 'failed' || t.status === 'flaky')) failures[t.category]++;
  return {
    ...base, model: s.identity.model, firmware: s.identity.firmware, outcome: s.verdict,
    ...(s.reasons[0] ? { why: firstLine(s.reasons[0]) } : {}),
    counts: { passed: s.counts.passed, failed: s.counts.failed, skipped: s.counts.skipped },
    failures, changes: [],
  };
}

/** The row of a camera that was skipped or not run, with why. */
export function unrunRow(base: Pick<LabRow, 'camera' | 'station' | 'durationS' | 'model' | 'firmware'>, outcome: 'SKIPPED' | 'NOT RUN', why: string): LabRow {
  return { ...base, outcome, why: firstLine(why), failures: noFailures(), changes: [] };
}

/** Each row with what changed since the same camera's row in `previous`. */
export function withChanges(rows: LabRow[], previous: LabSummary | undefined): LabRow[] {
  return rows.map((r) => ({ ...r, changes: changesSince(r, previous?.rows.find((p) => p.camera === r.camera)) }));
}

function changesSince(now: LabRow, before: LabRow | undefined): string[] {
  if (!before) return ['new in this lab run'];
  const changes: string[] = [];
  if (before.model !== now.model && now.model) changes.push(`model ${before.model ?? '?'} → ${now.model}`);
  if (before.firmware !== now.firmware && now.firmware) changes.push(`firmware ${before.firmware ?? '?'} → ${now.firmware}`);
  if (before.outcome !== now.outcome) changes.push(`${before.outcome} → ${now.outcome}`);
  for (const c of CATEGORIES) {
    if (before.failures[c] !== now.failures[c]) changes.push(`${c}: ${before.failures[c]} → ${now.failures[c]}`);
  }
  return changes.length ? changes : ['no change'];
}

/** The previous lab summary in `reportsRoot`, if there is a readable one. */
export function readLabSummary(reportsRoot: string): LabSummary | undefined {
  const file = join(reportsRoot, LAB_SUMMARY_JSON);
  if (!existsSync(file)) return undefined;
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as LabSummary;
    const rowOk = (r: LabRow) => typeof r?.camera === 'string' && typeof r.outcome === 'string' && CATEGORIES.every((c) => typeof r.failures?.[c] === 'number');
    return s?.schema === 1 && Array.isArray(s.rows) && s.rows.every(rowOk) ? s : undefined;
  } catch {
    return undefined; // a damaged summary only costs the comparison
  }
}

/** Writes lab-summary.json and .md into `reportsRoot` (each written aside, then renamed into place). */
export function writeLabSummary(reportsRoot: string, summary: LabSummary): { md: string; json: string } {
  const md = join(reportsRoot, LAB_SUMMARY_MD);
  const json = join(reportsRoot, LAB_SUMMARY_JSON);
  writeAside(json, JSON.stringify(summary, null, 2) + '\n');
  writeAside(md, renderLabSummary(summary));
  return { md, json };
}

function writeAside(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** Every row of several stations' summaries in one (the CI example: one job per station). A camera in two is an error. */
export function mergeLabSummaries(parts: LabSummary[]): LabSummary {
  if (!parts.length) throw new Error('no lab summary to merge');
  const rows: LabRow[] = [];
  for (const p of parts) {
    for (const r of p.rows) {
      if (rows.some((x) => x.camera === r.camera)) throw new Error(`camera ${r.camera} is in two of the lab summaries merged: a camera belongs to one station`);
      rows.push(r);
    }
  }
  const dates = parts.map((p) => p.date).sort();
  return { schema: 1, date: dates[dates.length - 1], lab: parts[0].lab, stations: [...new Set(parts.flatMap((p) => p.stations))].sort(), rows };
}

/** PASS only when every camera of the run was signed off and passed. */
export function labPassed(summary: LabSummary): boolean {
  return summary.rows.length > 0 && summary.rows.every((r) => r.outcome === 'PASS');
}

export function renderLabSummary(s: LabSummary): string {
  const tally = (o: LabOutcome) => s.rows.filter((r) => r.outcome === o).length;
  const outcomes: LabOutcome[] = ['PASS', 'FAIL', 'ERROR', 'INCOMPLETE', 'SKIPPED', 'NOT RUN'];
  const lines = [
    `# Lab sign-off: ${labPassed(s) ? 'every camera PASS' : 'not every camera PASS'}`,
    '',
    `${s.date} · ${s.lab}${s.stations.length ? ` · station ${s.stations.join(', ')}` : ''} · ${s.rows.length} camera(s): ${outcomes.filter(tally).map((o) => `${tally(o)} ${o}`).join(', ')}`,
    '',
    '| camera | model | firmware | verdict | camera defects | lab problems | harness defects | duration | since the last lab run | sign-off |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...s.rows.map((r) => `| ${cell(r.camera)}${r.station ? ` (${cell(r.station)})` : ''} | ${cell(r.model ?? '—')} | ${cell(r.firmware ?? '—')} | **${r.outcome}** | ${r.failures['camera defect']} | ${r.failures['lab problem']} | ${r.failures['harness defect']} | ${formatDuration(r.durationS)} | ${cell(r.changes.join('; '))} | ${r.signoff ? `[signoff.md](${r.signoff})` : '—'} |`),
  ];
  const notes = s.rows.filter((r) => r.why);
  if (notes.length) lines.push('', '## Why', '', ...notes.map((r) => `- **${cell(r.camera)}** (${r.outcome}): ${r.why}`));
  return lines.join('\n') + '\n';
}

function noFailures(): Record<FailureCategory, number> {
  return { 'camera defect': 0, 'lab problem': 0, 'harness defect': 0 };
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}
