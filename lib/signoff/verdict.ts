// The sign-off verdict, computed in one place from the run's results and the profile.
//   FAIL        a camera defect: a test failed with one (lib/errors.ts, by type), or a
//               measurement is out of its limits (and the test host's lag does not explain it)
//   ERROR       no camera defect, but the run cannot vouch for the camera: a harness defect,
//               a lab problem (also a timing breach the host's own lag explains, host-lag.ts),
//               an interrupted run, a spec file that did not load
//   INCOMPLETE  nothing failed, but a required test is missing or skipped for a reason the
//               profile does not accept, or a required measurement was never recorded
//   PASS        none of the above (MARGINAL measurements pass and are listed)

import type { FailureCategory } from './categories.ts';
import { lagExplanation, type HostLag } from './host-lag.ts';
import { judge, type CompareTolerance, type Limits, type MeasurementVerdict } from './limits.ts';
import { matchesTest, matchesText, testId } from './patterns.ts';
import { limitsOf, measurementSpec, type Profile, type TargetKind } from './profile.ts';
import type { ObservationRecord } from './observation.ts';
import type { OutcomeStatus, RunResults, TestOutcome } from './results.ts';
import type { Identity } from './identity.ts';

export type Verdict = 'PASS' | 'FAIL' | 'ERROR' | 'INCOMPLETE';

export interface JudgedMeasurement {
  name: string;
  value: number;
  unit?: string;
  limits?: Limits;
  verdict: MeasurementVerdict;
  note?: string;
  /** Test id (`file › title`) that recorded it. */
  test: string;
  /** The test host's lag over the measurement window, when the test recorded it. */
  lag?: HostLag;
  /** Set when the verdict is FAIL but the host's lag explains it: why it is a lab problem. */
  labProblem?: string;
  /** The profile's comparison tolerance for it, kept with the run (compare.ts reads it later). */
  compare?: CompareTolerance;
}

export interface SignoffTest {
  id: string;
  file: string;
  titlePath: string[];
  project: string;
  tags: string[];
  status: OutcomeStatus;
  required: boolean;
  category?: FailureCategory;
  error?: string;
  skipReason?: string;
  /** Why the profile accepts this skip (from the matching rule). */
  skipAccepted?: string;
  durationMs: number;
  measurements: string[];
}

/** A house expectation checked in the run, with the test that checked it. */
export interface SignoffObservation extends ObservationRecord {
  test: string;
}

export interface Signoff {
  schema: 1;
  verdict: Verdict;
  reasons: string[];
  date: string;
  identity: Identity;
  target: { kind: TargetKind; url: string; relay: string };
  profile: { name: string; sources: string[] };
  harnessVersion: string;
  counts: Record<OutcomeStatus | 'total', number>;
  tests: SignoffTest[];
  measurements: JudgedMeasurement[];
  /** Where the spec is silent: every house expectation checked, met or not (the camera's behaviour fingerprint). */
  observations: SignoffObservation[];
  /** Required test patterns that matched no test of the run. */
  missingRequired: string[];
  /** Required measurements the run never recorded. */
  missingMeasurements: string[];
  globalErrors: string[];
}

export interface SignoffInput {
  results: RunResults;
  profile: Profile;
  identity: Identity;
  target: { kind: TargetKind; url: string; relay: string };
  harnessVersion: string;
  date?: Date;
}

export function computeSignoff(input: SignoffInput): Signoff {
  const { results, profile, target } = input;
  const fail: string[] = [];
  const error: string[] = [];
  const incomplete: string[] = [];

  const tests: SignoffTest[] = [];
  const measurements: JudgedMeasurement[] = [];
  const observations: SignoffObservation[] = [];
  for (const o of results.tests) {
    const id = testId(o);
    const required = profile.required.some((p) => matchesTest(p, o));
    const t: SignoffTest = {
      id, file: o.file, titlePath: o.titlePath, project: o.project, tags: o.tags, status: o.status, required,
      error: o.error, skipReason: o.skipReason, durationMs: o.durationMs, measurements: o.measurements.map((m) => m.name),
    };
    tests.push(t);
    const where = o.project ? `[${o.project}] ${id}` : id;

    if (o.status === 'failed' || (o.status === 'flaky' && !profile.allowFlaky)) {
      t.category = o.category ?? 'harness defect';
      const line = `${where}${o.status === 'flaky' ? ' (flaky)' : ''}: ${firstLine(o.error) ?? 'failed'}`;
      (t.category === 'camera defect' ? fail : error).push(`${t.category}: ${line}`);
    } else if (o.status === 'interrupted') {
      error.push(`interrupted: ${where} did not finish (run stopped or timed out)`);
    } else if (o.status === 'skipped') {
      const rule = acceptedSkip(profile, o, target.kind);
      if (rule) t.skipAccepted = rule;
      else if (required) incomplete.push(`required test skipped: ${where}: ${o.skipReason}`);
    }

    for (const ob of o.observations) observations.push({ ...ob, test: id });
    for (const m of o.measurements) {
      const spec = measurementSpec(profile, m.name);
      const limits = limitsOf(spec);
      const verdict = judge(m.value, limits);
      const unit = m.unit ?? spec?.unit;
      const judged: JudgedMeasurement = { name: m.name, value: m.value, unit, limits, verdict, note: m.note, test: id };
      if (m.lag) judged.lag = m.lag;
      if (spec?.compare) judged.compare = { ...spec.compare };
      // Judged again with this profile's limits: the run's own lab-or-camera call is not reused.
      const labProblem = verdict === 'FAIL' ? lagExplanation({ name: m.name, value: m.value, unit, limits }, m.lag) : undefined;
      if (labProblem) judged.labProblem = labProblem;
      measurements.push(judged);
      if (spec?.unit && m.unit && spec.unit !== m.unit) error.push(`harness defect: ${m.name} recorded in "${m.unit}" but the profile's limits are in "${spec.unit}" (${where})`);
      else if (labProblem) error.push(`lab problem: ${labProblem} (${where})`);
      else if (verdict === 'FAIL') fail.push(`camera defect: ${m.name} = ${m.value}${m.unit ? ' ' + m.unit : ''} is out of limits (${where})`);
    }
  }

  const missingRequired = profile.required.filter((p) => !results.tests.some((o) => matchesTest(p, o)));
  for (const p of missingRequired) incomplete.push(`required test missing: nothing in the run matches "${p}"`);
  const missingMeasurements = Object.entries(profile.measurements)
    .filter(([name, spec]) => spec.required && !measurements.some((m) => name === m.name || (name.includes('*') && matchesText(name, m.name))))
    .map(([name]) => name);
  for (const n of missingMeasurements) incomplete.push(`required measurement missing: ${n} was never recorded`);
  for (const e of results.globalErrors) error.push(`harness defect: ${firstLine(e)}`);
  if (results.tests.length === 0) error.push('no test ran');

  const verdict: Verdict = fail.length ? 'FAIL' : error.length ? 'ERROR' : incomplete.length ? 'INCOMPLETE' : 'PASS';
  const counts = { total: tests.length, passed: 0, failed: 0, skipped: 0, flaky: 0, interrupted: 0 };
  for (const t of tests) counts[t.status]++;
  return {
    schema: 1,
    verdict,
    reasons: [...fail, ...error, ...incomplete],
    date: (input.date ?? new Date()).toISOString(),
    identity: input.identity,
    target,
    profile: { name: profile.name, sources: profile.sources },
    harnessVersion: input.harnessVersion,
    counts,
    tests,
    measurements,
    observations,
    missingRequired,
    missingMeasurements,
    globalErrors: results.globalErrors,
  };
}

/** The `why` of the first acceptable-skip rule matching this skipped test, if any. */
function acceptedSkip(profile: Profile, o: TestOutcome, kind: TargetKind): string | undefined {
  for (const r of profile.acceptableSkips) {
    if (r.target && r.target !== kind) continue;
    if (!matchesTest(r.tests, o)) continue;
    if (r.reason && !matchesText(r.reason, o.skipReason ?? '')) continue;
    return r.why;
  }
  return undefined;
}

function firstLine(s: string | undefined): string | undefined {
  return s?.split('\n').find((l) => l.trim())?.trim();
}
