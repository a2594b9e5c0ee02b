// Runs the fidelity child (fidelity.config.ts) and judges each of its projects the way a
// sign-off would: computeSignoff over that project's tests alone, with the case's profile
// narrowed to what the case ran (its files are the required tests, its measurements the
// required measurements). Also reads the HTTP transcripts the camera fixture attached, the
// evidence that a case exercised what it is about.
//
// The child runs as one process with two workers (fidelity.config.ts), beside the rest of npm
// test: the machine's two cores are busy with the unit and camera suites meanwhile, so more
// workers only make everything compete (single full npm test runs on this drifting machine:
// 528 CPU-seconds with two, 551-566 with three or four), and the child ended within ~10 s
// either way, long before npm test needs its verdicts. Each case (a project) gets one worker:
// a worker costs ~2.5 s of CPU to start (Playwright, the suites, a virtual camera), more than
// most cases' tests.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JSONReport, JSONReportSuite } from '@playwright/test/reporter';
import { loadProfile, type Profile } from '../../lib/signoff/profile.ts';
import { runFiles } from '../../lib/signoff/report-paths.ts';
import { readRunResults, type RunResults } from '../../lib/signoff/results.ts';
import { computeSignoff, type Signoff } from '../../lib/signoff/verdict.ts';
import { PLAYWRIGHT_CLI, runNode } from '../unit/signoff/child.ts';
import { CASES, type FidelityCase } from './cases.ts';

const CHILD_CONFIG = fileURLToPath(new URL('./fidelity.config.ts', import.meta.url));

export interface ChildRun {
  /** The child's report folder. */
  dir: string;
  /** Exit code (1 when a test failed: fault cases fail by design). */
  code: number;
  /** The child's console output (its list reporter), for a message when it went wrong. */
  out: string;
  results: RunResults;
  wallMs: number;
}

/** Runs the child process, with its reports in `dir`. */
export async function runChild(dir: string, timeoutMs: number): Promise<ChildRun> {
  const started = Date.now();
  const args = [PLAYWRIGHT_CLI, 'test', '-c', CHILD_CONFIG];
  // A short fuzz run: the lenient dialect needs the fuzzer's unknown parameters, not its volume.
  const env = { HIL_REPORT_DIR: dir, HIL_FUZZ_COUNT: '60', FORCE_COLOR: '0' };
  const run = await runNode(args, env, timeoutMs);
  return { ...readChildRun(dir, run.out), code: run.code, wallMs: Date.now() - started };
}

/** The results of the child run whose reports are in `dir`. */
export function readChildRun(dir: string, out = ''): Omit<ChildRun, 'code' | 'wallMs'> {
  try {
    return { dir, out, results: readRunResults(runFiles(dir).results) };
  } catch (e) {
    throw new Error(`the fidelity child run wrote no readable report: ${(e as Error).message}\n${out.slice(-4000)}`);
  }
}

/** The profile a case is judged with: its files required, and only its measurements required. */
function caseProfile(c: FidelityCase): Profile {
  const base = loadProfile(c.profilePath);
  const measurements: Profile['measurements'] = {};
  for (const [name, spec] of Object.entries(base.measurements)) {
    measurements[name] = { ...spec, required: c.measurements?.includes(name) ?? false };
  }
  return { ...base, name: `${base.name} (fidelity: ${c.project})`, required: c.files.map((f) => `${f} › *`), measurements };
}

/** The sign-off of one case: the run's tests of its project only. */
export function judgeCase(run: RunResults, c: FidelityCase): Signoff {
  const results: RunResults = { ...run, tests: run.tests.filter((t) => t.project === c.project) };
  return computeSignoff({
    results,
    profile: caseProfile(c),
    identity: { model: 'virtual', firmware: c.project },
    target: { kind: 'virtual', url: `embedded virtual camera (${c.project})`, relay: 'virtual relay (numato emulator)' },
    harnessVersion: 'fidelity',
  });
}

/** Every failed, flaky or interrupted test of a sign-off: file › title [category]: error. */
function failureList(s: Signoff, lines = 4): string {
  const bad = s.tests.filter((t) => t.status !== 'passed' && t.status !== 'skipped');
  if (!bad.length) return '  (no failed test)';
  return bad
    .map((t) => {
      const error = (t.error ?? t.status).split('\n').filter((l) => l.trim()).slice(0, lines).join('\n      ');
      return `  - ${t.id} [${t.category ?? t.status}]:\n      ${error}`;
    })
    .join('\n');
}

/** The whole story of a verdict, for an assertion message. */
export function verdictReport(s: Signoff): string {
  return [
    `verdict ${s.verdict} (${s.counts.passed} passed, ${s.counts.failed} failed, ${s.counts.skipped} skipped)`,
    'reasons:',
    ...(s.reasons.length ? s.reasons.map((r) => `  ${r}`) : ['  (none)']),
    'failed tests:',
    failureList(s),
  ].join('\n');
}

/** Text of the `http-transcript.txt` attachments of a project's tests (Playwright's JSON report). */
export function transcripts(dir: string, project: string): string[] {
  const report = JSON.parse(readFileSync(runFiles(dir).results, 'utf8')) as JSONReport;
  const out: string[] = [];
  const walk = (suite: JSONReportSuite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        if (t.projectName !== project) continue;
        for (const r of t.results ?? []) {
          for (const a of r.attachments ?? []) {
            if (a.name !== 'http-transcript.txt') continue;
            if (a.body !== undefined) out.push(Buffer.from(a.body, 'base64').toString('utf8'));
            else if (a.path) out.push(readFileSync(resolve(dir, a.path), 'utf8'));
          }
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const s of report.suites) walk(s);
  return out;
}
