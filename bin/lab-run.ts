// `npm start -- --lab [--only NAME,...] [--station NAME]`: every camera of the lab inventory
// (or those chosen) signed off at once, each exactly as `npm start -- --camera NAME` would:
//   1. its lease, taken here and held (refreshed) for its whole run: a camera another run holds
//      is skipped, and the summary names the holder;
//   2. its preflight, which reads its model and firmware;
//   3. its own Playwright run (a child process: its `camera` project, its worker, its relay
//      board and wiring from lab.json), into its own run folder; a camera that fails, hangs or
//      drops off the network costs only its own row;
//   4. its verdict and reports, published as soon as its run ends;
// then reports/lab-summary.md/.json (one row per camera, with what changed since the previous
// lab run) and reports/lab-report/ (one Allure report, an environment per camera).
// Each camera's console goes to console.log in its run folder; this console gets one progress
// line per camera and event. Ctrl-C (or SIGTERM) is passed to every camera's run, once, and
// each run puts its camera back (relays off, configuration restored) before the summary is written.

import { createWriteStream } from 'node:fs';
import { spawn } from 'node:child_process';
import { join, relative } from 'node:path';
import { loadLab, labSelection, type LabCamera } from '../rigs/lab/inventory.ts';
import { acquireLease, type Lease } from '../rigs/lab/lease.ts';
import { generateLabReport } from '../lib/signoff/allure-report.ts';
import { isPreflightFailure } from '../lib/signoff/preflight.ts';
import type { Profile } from '../lib/signoff/profile.ts';
import { harnessVersion } from '../lib/signoff/reporters.ts';
import { runDir } from '../lib/signoff/report-paths.ts';
import { formatDuration, labPassed, readLabSummary, signedOffRow, unrunRow, withChanges, writeLabSummary, type LabRow, type LabSummary } from '../lib/signoff/lab-summary.ts';
import { childEnvironment, OptionsError, runOptionsFor, writeRunFile, type RunOptions } from '../fixtures/options.ts';
import { physicalTarget, playwrightArgs, prepareRunDir, ROOT, type Target } from './camera-signoff.ts';

export interface LabRunArgs {
  only: string[];
  station?: string;
  profile: Profile;
  profilePath: string;
  projects: string[];
  globalTimeoutS: number;
  tolerance: number;
  /** Passed to every camera's Playwright run (file filters, --grep). */
  extra: string[];
  /** Write each camera's signoff.pdf. */
  pdf: boolean;
}

/** As long as fixtures/target.ts's: a lease outlives a crashed lab run by this much at most. */
const LEASE_TTL_MS = 60_000;

interface Ready {
  camera: LabCamera;
  options: RunOptions;
  lease: Lease;
  target: Target;
  startedAt: number;
}

export async function runLab(a: LabRunArgs): Promise<number> {
  const base = runOptionsFor({});
  if (base.target.kind !== 'virtual') throw new OptionsError(`--lab signs off the cameras of the lab inventory; ${base.target.kind === 'url' ? 'CAMERA_URL' : 'CAMERA'} names one camera: unset it`);
  const lab = loadLab(base.labFile);
  const cameras = labSelection(lab, { only: a.only, station: a.station });
  const root = base.reportsRoot;
  const say = (line: string) => console.log(line);
  say(`lab: ${cameras.length} camera(s) of ${shownPath(lab.file)}${a.station ? ` at station ${a.station}` : ''}: ${cameras.map((c) => c.name).join(', ')} (profile ${a.profile.name})`);

  const runs = new Map<string, ChildRun>();
  const folders = new Map<string, string>();
  let interrupted = false;
  // Ctrl-C (or a CI system cancelling the job with SIGTERM): every camera's run gets one
  // SIGINT and ends its tests, putting its camera back; this process stays to write what they
  // leave. (The runs have their own process groups, so a terminal's Ctrl-C reaches them only
  // through here: a second one would cut their clean-up short.)
  const stopAll = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    say(`lab: ${signal === 'SIGINT' ? 'Ctrl-C' : signal}: stopping every camera's run; each puts its camera back first`);
    for (const r of runs.values()) r.interrupt();
  };
  process.on('SIGINT', stopAll);
  process.on('SIGTERM', stopAll);

  const rows: LabRow[] = [];
  const started = await Promise.all(cameras.map((c) => prepare(c, base, say).then((r) => {
    if ('row' in r) rows.push(r.row);
    return r;
  })));
  const ready = started.filter((r): r is Ready => 'lease' in r);
  try {
    // Two units of one model and firmware (a fleet of virtual cameras) cannot share a run folder:
    // each then gets its own under reports/cameras/<name>/.
    const pair = (r: Ready) => `${r.target.identity.model}\n${r.target.identity.firmware}`;
    const shared = (r: Ready) => ready.filter((x) => pair(x) === pair(r)).length > 1;
    let publishing: Promise<void> = Promise.resolve();
    const done = await Promise.all(ready.map(async (r) => {
      const dir = runDir(r.target.identity.model, r.target.identity.firmware, shared(r) ? join(root, 'cameras', r.camera.name) : root);
      if (interrupted) return unrunRow(rowBase(r), 'NOT RUN', 'stopped (Ctrl-C or SIGTERM) before its run started');
      folders.set(r.camera.name, dir);
      const run = new ChildRun(r, dir, a, say);
      runs.set(r.camera.name, run);
      await run.finished;
      const endedAt = Date.now();
      // One camera's reports at a time: cameras of one model share reports/<model>/combined/,
      // which each publication rebuilds from scratch (two at once would write into each other).
      const row = publishing.then(() => publish(r, dir, endedAt, a, root, say));
      publishing = row.then(() => undefined, () => undefined);
      return row;
    }));
    rows.push(...done);
  } finally {
    await Promise.all(ready.map((r) => r.lease.release()));
  }

  const order = cameras.map((c) => c.name);
  rows.sort((x, y) => order.indexOf(x.camera) - order.indexOf(y.camera));
  const summary: LabSummary = {
    schema: 1, date: new Date().toISOString(), lab: lab.file,
    stations: a.station ? [a.station] : [...new Set(cameras.map((c) => c.station).filter((s): s is string => !!s))],
    rows: withChanges(rows, readLabSummary(root)),
  };
  const files = writeLabSummary(root, summary);
  const report = await generateLabReport(join(root, 'lab-report'), [...folders].map(([camera, dir]) => ({
    camera, dir, summary: summaryVariables(summary.rows.find((x) => x.camera === camera)!),
  })), totals(summary));
  say('');
  for (const r of summary.rows) say(`LAB ${r.outcome.padEnd(10)} ${r.camera}${r.model ? ` — ${r.model} ${r.firmware}` : ''}${r.why ? ` — ${r.why}` : ''}`);
  say(`lab summary: ${shownPath(files.md)}`);
  if (report) say(`lab report:  ${shownPath(report)}`);
  return labPassed(summary) ? 0 : 1;
}

/** Lease, then preflight: a camera ready to run, or its row saying why not. */
async function prepare(camera: LabCamera, base: RunOptions, say: (l: string) => void): Promise<Ready | { row: LabRow }> {
  const startedAt = Date.now();
  const row = (outcome: 'SKIPPED' | 'NOT RUN', why: string) => {
    say(`[${camera.name}] ${outcome}: ${why.split('\n')[0]}`);
    return { row: unrunRow({ camera: camera.name, station: camera.station, durationS: (Date.now() - startedAt) / 1000 }, outcome, why) };
  };
  let lease: Lease;
  try {
    lease = await acquireLease(camera.name, { dir: base.leaseDir, ttlMs: LEASE_TTL_MS });
  } catch (err) {
    return row('SKIPPED', (err as Error).message);
  }
  try {
    const options = runOptionsFor({ camera: camera.name });
    if (options.target.kind !== 'lab') throw new Error(`camera ${camera.name}: not a lab target`);
    const target = await physicalTarget(options.target, options);
    say(`[${camera.name}] ${target.identity.model} firmware ${target.identity.firmware} at ${target.shown}: starting`);
    return { camera, options, lease, target, startedAt };
  } catch (err) {
    await lease.release();
    // A lab that is not ready for this camera (unreachable, wrong credentials, a mute relay
    // board, a variable not set) is this camera's row, never the others' problem.
    return row('NOT RUN', isPreflightFailure(err) ? `preflight: ${err.message}` : (err as Error).message);
  }
}

/** One camera's Playwright run, its console in console.log, its progress as lines here. */
class ChildRun {
  readonly finished: Promise<number>;
  private readonly child;
  private readonly tally: Tally = { passed: 0, failed: 0, flaky: 0, skipped: 0 };

  constructor(r: Ready, dir: string, a: LabRunArgs, say: (l: string) => void) {
    prepareRunDir(dir);
    const file = writeRunFile({
      signoff: true, target: r.options.target, profilePath: a.profilePath, reportDir: dir,
      handOver: { identity: r.target.identity, relay: r.target.relay, shownTarget: r.target.shownInRun ?? r.target.shown, leaseToken: r.lease.info.token },
    });
    const log = createWriteStream(join(dir, 'console.log'));
    const args = playwrightArgs({ projects: a.projects, globalTimeoutS: a.globalTimeoutS, extra: a.extra });
    this.child = spawn(process.execPath, args, { cwd: ROOT, env: childEnvironment({ HIL_RUN_FILE: file.path, FORCE_COLOR: '0' }), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let pending = '';
    const onData = (d: Buffer) => {
      log.write(d);
      pending += d.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        const shown = progressLine(r.camera.name, line, this.tally);
        if (shown) say(shown);
      }
    };
    this.child.stdout.on('data', onData);
    this.child.stderr.on('data', onData);
    this.finished = new Promise<number>((resolve) => {
      const end = (code: number) => {
        file.remove();
        log.end(() => resolve(code));
      };
      this.child.on('error', (err) => {
        log.write(`could not start Playwright: ${err.message}\n`);
        end(1);
      });
      this.child.on('exit', (code, signal) => end(code ?? (signal ? 128 : 1)));
    });
  }

  interrupt(): void {
    if (this.child.exitCode === null && this.child.pid) this.child.kill('SIGINT');
  }
}

interface Tally { passed: number; failed: number; flaky: number; skipped: number }

/**
 * The lab console's line for one line of a camera's run, if it gets one: a `suite X: 3 passed,
 * 0 failed[, 1 flaky], 1 skipped` line (lib/signoff/suite-progress-reporter.ts) adds to the
 * camera's running totals (kept in `tally`), and `still running: ...` (a test that takes long)
 * is passed on; anything else stays in console.log.
 */
export function progressLine(camera: string, line: string, tally: Tally): string | undefined {
  const suite = /^suite (.+): (\d+) passed, (\d+) failed(?:, (\d+) flaky)?, (\d+) skipped/.exec(line);
  if (suite) {
    const [passed, failed, flaky, skipped] = [suite[2], suite[3], suite[4] ?? '0', suite[5]].map(Number);
    if (passed + failed + flaky + skipped === 0) return undefined;
    tally.passed += passed;
    tally.failed += failed;
    tally.flaky += flaky;
    tally.skipped += skipped;
    const t = tally;
    const flakyText = (n: number, sep: string) => (n ? `${sep}${n} flaky` : '');
    return `[${camera}] ${t.passed + t.failed + t.flaky + t.skipped} tests done (${t.passed} passed, ${t.failed} failed${flakyText(t.flaky, ', ')}, ${t.skipped} skipped)`
      + ` · ${suite[1]}: ${passed}/${failed}${flakyText(flaky, '/')}/${skipped}`;
  }
  return line.startsWith('still running: ') ? `[${camera}] ${line}` : undefined;
}

/** Verdict and reports of a camera whose run ended (interrupted or not) at `endedAt`, as its row. */
async function publish(r: Ready, dir: string, endedAt: number, a: LabRunArgs, root: string, say: (l: string) => void): Promise<LabRow> {
  const base = { camera: r.camera.name, station: r.camera.station, signoff: relative(root, join(dir, 'signoff.md')) };
  try {
    const { publishRun } = await import('../lib/signoff/publish.ts');
    const published = await publishRun({
      dir, profile: a.profile, identity: r.target.identity, tolerance: a.tolerance, harnessVersion: harnessVersion(), chromiumPath: r.options.chromiumPath, pdf: a.pdf,
      target: { kind: r.target.kind, url: r.target.shown, relay: r.target.relay },
    });
    const row = signedOffRow({ ...base, durationS: (endedAt - r.startedAt) / 1000 }, published.signoff);
    say(`[${r.camera.name}] VERDICT ${row.outcome} (${row.counts!.passed} passed, ${row.counts!.failed} failed, ${row.counts!.skipped} skipped) in ${formatDuration(row.durationS)}`);
    return row;
  } catch (err) {
    // Nothing to judge (the run wrote no results): the lab run goes on, this row says why.
    const why = `no verdict: ${(err as Error).message}; see ${shownPath(join(dir, 'console.log'))}`;
    say(`[${r.camera.name}] ${why}`);
    return unrunRow({ ...rowBase(r), durationS: (endedAt - r.startedAt) / 1000 }, 'NOT RUN', why);
  }
}

function rowBase(r: Ready) {
  return { camera: r.camera.name, station: r.camera.station, model: r.target.identity.model, firmware: r.target.identity.firmware, durationS: 0 };
}

export function summaryVariables(row: LabRow): Record<string, string> {
  return {
    verdict: row.outcome,
    ...(row.model ? { model: row.model, firmware: row.firmware ?? '' } : {}),
    'camera defects': String(row.failures['camera defect']),
    'lab problems': String(row.failures['lab problem']),
    'harness defects': String(row.failures['harness defect']),
    duration: formatDuration(row.durationS),
    'since the last lab run': row.changes.join('; '),
  };
}

export function totals(s: LabSummary): Record<string, string> {
  const count = (o: string) => String(s.rows.filter((r) => r.outcome === o).length);
  return { cameras: String(s.rows.length), PASS: count('PASS'), FAIL: count('FAIL'), ERROR: count('ERROR'), INCOMPLETE: count('INCOMPLETE'), SKIPPED: count('SKIPPED'), 'NOT RUN': count('NOT RUN') };
}

/** A path as this console shows it: relative to the working folder when inside it. */
export function shownPath(p: string): string {
  const rel = relative(process.cwd(), p);
  return rel && !rel.startsWith('..') ? rel : p;
}
