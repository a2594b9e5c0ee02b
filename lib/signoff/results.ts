// Reads Playwright's JSON report (results.json) into flat test outcomes with their
// measurements. The sign-off works from this file only, so a verdict can be recomputed later
// from a stored run without re-running anything.

import { readFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import type { JSONReport, JSONReportSuite, JSONReportTest, JSONReportTestResult } from '@playwright/test/reporter';
import { categoryFromAnnotations, FAILURE_CATEGORY_ANNOTATION, type FailureCategory } from './categories.ts';
import { MEASUREMENT_ATTACHMENT_PREFIX, MEASUREMENT_CONTENT_TYPE, parseMeasurement, type MeasurementRecord } from './measurement.ts';
import { OBSERVATION_ATTACHMENT_PREFIX, OBSERVATION_CONTENT_TYPE, parseObservation, type ObservationRecord } from './observation.ts';
import type { TestRef } from './patterns.ts';

export type OutcomeStatus = 'passed' | 'failed' | 'skipped' | 'flaky' | 'interrupted';

export interface TestOutcome extends TestRef {
  status: OutcomeStatus;
  /** First error of the deciding attempt, ANSI colours removed. */
  error?: string;
  skipReason?: string;
  durationMs: number;
  measurements: MeasurementRecord[];
  observations: ObservationRecord[];
  /** Who is at fault, for a failed, flaky or interrupted test: recorded from the first error's type. */
  category?: FailureCategory;
  annotations: { type: string; description?: string }[];
}

export interface RunResults {
  startTime: string;
  durationMs: number;
  /** Errors outside any test (a spec file that does not load, global setup...). */
  globalErrors: string[];
  tests: TestOutcome[];
}

// eslint-disable-next-line no-control-regex
const ANSI = /[\u001b\u009b][[\]()#;?]*(?:(?:(?:;[-a-zA-Z\d/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d/#&.:=?%@~_]*)*)?\u0007|(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-nq-uy=><~])/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

export function readRunResults(file: string): RunResults {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read the Playwright JSON report ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let report: JSONReport;
  try {
    report = JSON.parse(text) as JSONReport;
  } catch (e) {
    throw new Error(`${file} is not JSON: ${(e as Error).message}`);
  }
  if (!report || !Array.isArray(report.suites) || !report.stats) throw new Error(`${file} is not a Playwright JSON report (no suites/stats)`);
  return toRunResults(report, dirname(resolve(file)));
}

/** `baseDir` resolves attachments stored as files (relative paths are rare but legal). */
export function toRunResults(report: JSONReport, baseDir = '.'): RunResults {
  const tests: TestOutcome[] = [];
  const walk = (suite: JSONReportSuite, titles: string[]) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) tests.push(outcome(spec.file ?? suite.file, [...titles, spec.title], spec.tags ?? [], t, baseDir));
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  // The top-level suites are files: their title is the file name, not a describe title.
  for (const fileSuite of report.suites) walk(fileSuite, []);
  return {
    startTime: report.stats.startTime,
    durationMs: report.stats.duration,
    globalErrors: (report.errors ?? []).map((e) => stripAnsi(e.message ?? e.value ?? String(e))),
    tests,
  };
}

function outcome(file: string, titlePath: string[], tags: string[], t: JSONReportTest, baseDir: string): TestOutcome {
  const results = t.results ?? [];
  const last = results[results.length - 1];
  const status = statusOf(t, last);
  // For a flaky test the interesting error is the attempt that failed.
  const failing = status === 'flaky' ? results.find((r) => r.status !== 'passed') : last;
  const annotations = [...(t.annotations ?? []), ...(last?.annotations ?? [])];
  const skip = annotations.find((a) => a.type === 'skip' || a.type === 'fixme');
  const where = `${file} › ${titlePath.join(' › ')}`;
  const failed = status !== 'passed' && status !== 'skipped';
  return {
    file: file.replace(/\\/g, '/'),
    titlePath,
    tags: tags.map((x) => x.replace(/^@/, '')),
    project: t.projectName ?? '',
    status,
    error: failing && failed ? firstError(failing) : undefined,
    category: failed ? categoryFromAnnotations(failing?.annotations ?? []) : undefined,
    skipReason: status === 'skipped' ? skip?.description ?? 'skipped without a reason' : undefined,
    durationMs: last?.duration ?? 0,
    measurements: last ? recordsOf(last, where, baseDir, MEASUREMENT_CONTENT_TYPE, MEASUREMENT_ATTACHMENT_PREFIX, parseMeasurement) : [],
    observations: last ? recordsOf(last, where, baseDir, OBSERVATION_CONTENT_TYPE, OBSERVATION_ATTACHMENT_PREFIX, parseObservation) : [],
    annotations: dedupe(annotations.filter((a) => a.type !== 'skip' && a.type !== 'fixme' && a.type !== FAILURE_CATEGORY_ANNOTATION).map((a) => ({ type: a.type, description: a.description }))),
  };
}

function statusOf(t: JSONReportTest, last: JSONReportTestResult | undefined): OutcomeStatus {
  if (last?.status === 'interrupted') return 'interrupted';
  switch (t.status) {
    case 'expected': return 'passed';
    case 'flaky': return 'flaky';
    case 'skipped': return 'skipped';
    default: return 'failed';
  }
}

function firstError(r: JSONReportTestResult): string | undefined {
  const e = r.errors?.[0] ?? r.error;
  if (!e) return r.status === 'timedOut' ? 'Test timeout exceeded' : undefined;
  return stripAnsi(e.message ?? ('value' in e ? String((e as { value?: string }).value) : ''));
}

/** The records a fixture attached as JSON (measurements, observations), parsed. */
function recordsOf<T>(r: JSONReportTestResult, where: string, baseDir: string, contentType: string, prefix: string, parse: (body: string, where: string) => T): T[] {
  const out: T[] = [];
  for (const a of r.attachments ?? []) {
    if (a.contentType !== contentType || !a.name.startsWith(prefix)) continue;
    let body: string;
    if (a.body !== undefined) body = Buffer.from(a.body, 'base64').toString('utf8');
    else if (a.path) body = readFileSync(resolve(baseDir, a.path), 'utf8');
    else throw new Error(`${where}: attachment "${a.name}" has neither body nor path`);
    out.push(parse(body, where));
  }
  return out;
}

function dedupe<T>(xs: T[]): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = JSON.stringify(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
