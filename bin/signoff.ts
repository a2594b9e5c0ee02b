// `npm start`: the sign-off run.
//   1. decide the target (embedded virtual camera, CAMERA_URL, or --camera NAME from the lab),
//      preflight it (reachable, this API, credentials, relay board: lib/signoff/preflight.ts;
//      one line and exit 2 on the first problem, before any suite runs) and read its model
//      and firmware over HTTP, like any camera;
//   2. run the camera suites with Playwright into reports/<model>/<firmware>/;
//   3. verdict from results.json + the profile → signoff.json / signoff.md;
//   4. Allure HTML report (history per firmware), the model's combined report, and the
//      comparison with the neighbouring firmware versions already on disk;
//   5. print the verdict and the report path; exit 0 iff PASS.
// `--list` only lists the tests a sign-off would run (Playwright's --list): after the profile
// check, nothing is started, read or written.
// Settings are read and checked first (fixtures/options.ts; a bad one is one line, exit 2);
// what this command decided reaches the Playwright run in ONE run file, HIL_RUN_FILE, in a
// temporary folder removed after the run.

import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isPreflightFailure } from '../lib/signoff/preflight-errors.ts';
import { loadProfile, ProfileError, PROFILES_DIR } from '../lib/signoff/profile.ts';
import { harnessVersion } from '../lib/signoff/reporters.ts';
import { runDir } from '../lib/signoff/report-paths.ts';
import { defaultProfilePath, OptionsError, runOptionsFor, type HandOver, type RunOptions } from '../fixtures/options.ts';
import { formatSeconds, withProgress } from '../lib/camera/progress.ts';

const USAGE = `usage: npm start -- [--firmware V5.0.1.3714] [--model NAME] [--dialect NAME[,NAME]] [--camera NAME]
                [--lab [--only NAME,...] [--station NAME]]
                [--profile FILE] [--project NAME]... [--tolerance 0.1] [--global-timeout SECONDS]
                [--no-pdf] [--list] [-- <playwright args>]
  Signs off a camera: preflight, the camera suites, the verdict, reports/<model>/<firmware>/.
  The target is the embedded virtual camera unless CAMERA_URL (+ CAMERA_USER, CAMERA_PASSWORD)
  or --camera names a real one. Exit 0 iff the verdict is PASS, 1 otherwise, 2 when the
  preflight or the arguments stop it before any suite runs.

  --firmware V        the virtual camera runs this firmware version (reports of two versions
                      sit side by side and are compared)
  --model NAME        the virtual camera's model (IPC-7100, IPC-2100)
  --dialect NAMES     the virtual camera speaks these dialects (a spec-conformant camera that
                      differs where the spec is silent; README "Camera dialects"); judged with
                      profiles/conformant.json unless --profile says otherwise
  --camera NAME       a camera of the lab inventory (lab.json or LAB_FILE); same as CAMERA=NAME
  --lab               every camera of the lab inventory at once, each into its own run folder,
                      then reports/lab-summary.md and reports/lab-report/ (README "The whole lab");
                      exit 0 iff every camera PASS
  --only NAMES        with --lab: only these cameras (comma-separated)
  --station NAME      with --lab: only the cameras lab.json wires to this station
  --profile FILE      the sign-off profile (default: profiles/default.json, physical.json for a
                      real camera); checked before anything starts
  --project NAME      run only these Playwright projects (repeatable)
  --tolerance F       relative change of a measurement the firmware comparison reports, for
                      measurements whose profile entry has no "compare" tolerance (0.1)
  --global-timeout S  stop the run after S seconds (default 165 for the virtual camera)
  --no-pdf            write no signoff.pdf (it needs Chromium, and seconds per camera)
  --list              list the tests a sign-off would run and exit (Playwright's --list): no
                      camera is started, no verdict, nothing written
  -h, --help          this text
  -- <args>           passed to Playwright (file filters, --grep @ptz, ...)`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      firmware: { type: 'string' }, model: { type: 'string' }, camera: { type: 'string' }, dialect: { type: 'string' },
      lab: { type: 'boolean' }, only: { type: 'string' }, station: { type: 'string' }, 'no-pdf': { type: 'boolean' },
      profile: { type: 'string' }, project: { type: 'string', multiple: true },
      tolerance: { type: 'string' }, 'global-timeout': { type: 'string' }, list: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  // Checked before anything starts (a NaN limit would otherwise be no limit at all).
  const tolerance = nonNegative('--tolerance', values.tolerance, 'a fraction like 0.1') ?? 0.1;
  const globalTimeout = nonNegative('--global-timeout', values['global-timeout'], 'a number of seconds (0: no limit)');

  if (values.lab) return labRun(values, positionals, tolerance, globalTimeout ?? 0);
  if (values.only !== undefined || values.station !== undefined) throw new OptionsError(`--${values.only !== undefined ? 'only' : 'station'} chooses cameras of a lab run: add --lab`);
  // The settings first, then the profile: a typo in either stops the run before a camera is touched.
  const options = runOptionsFor({ camera: values.camera, firmware: values.firmware, model: values.model, dialect: values.dialect });
  const profilePath = resolve(values.profile ?? (values.dialect ? resolve(PROFILES_DIR, 'conformant.json') : options.profilePath));
  const profile = loadProfile(profilePath);
  // `-- --list` (Playwright's own flag) lists too: a list run must never publish a verdict.
  if (values.list || positionals.includes('--list')) return listTests(options, values.project ?? [], positionals.filter((a) => a !== '--list'), profilePath);
  // Loaded only now (the camera client, the relay drivers): --help and a refused argument
  // answer without them.
  const { decideTarget, playwrightArgs, prepareRunDir, runWithFile } = await import('./camera-signoff.ts');
  // Outside Playwright too, the console is never silent for more than 10 s (a slow preflight
  // of a physical camera, a large report being written).
  const target = await stillRunning('checking the camera (preflight) and reading its identity', () => decideTarget(options));
  const { identity } = target;
  const dir = runDir(identity.model, identity.firmware, options.reportsRoot);
  console.log(`sign-off: ${identity.fullName ?? identity.model} (${identity.model}) firmware ${identity.firmware} at ${target.shown}, profile ${profile.name}`);
  console.log(`reports:  ${relative(process.cwd(), dir) || dir}`);
  prepareRunDir(dir);

  // A virtual run must finish within the 3 minutes a sign-off may take on CI; a real camera
  // (reboots, upgrades) gets no global limit unless asked.
  const globalTimeoutS = globalTimeout ?? (target.kind === 'virtual' ? 165 : 0);
  const args = playwrightArgs({ projects: values.project ?? [], globalTimeoutS, extra: positionals });
  const handOver: HandOver = { identity, relay: target.relay };
  if (target.shownInRun) handOver.shownTarget = target.shownInRun;
  const code = await runWithFile(args, { signoff: true, target: options.target, profilePath, reportDir: dir, handOver });
  console.log(`playwright exited with ${code}`);

  // The report code (Allure, Chromium for the PDF) costs two seconds of start-up: loaded when
  // there is a run to publish, not for --help, --list or a refused argument.
  const { publishRun } = await import('../lib/signoff/publish.ts');
  const published = await stillRunning('writing the verdict and the reports', () => publishRun({
    dir, profile, identity, tolerance, harnessVersion: harnessVersion(), chromiumPath: options.chromiumPath, ...(values['no-pdf'] ? { pdf: false } : {}),
    target: { kind: target.kind, url: target.shown, relay: target.relay },
  }));
  const s = published.signoff;
  const rel = (p: string) => relative(process.cwd(), p) || p;
  console.log('');
  console.log(`VERDICT: ${s.verdict} — ${identity.model} firmware ${identity.firmware} (${s.counts.passed} passed, ${s.counts.failed} failed, ${s.counts.skipped} skipped, ${s.counts.flaky} flaky)`);
  for (const r of s.reasons.slice(0, 15)) console.log(`  - ${r.split('\n')[0]}`);
  if (s.reasons.length > 15) console.log(`  ... and ${s.reasons.length - 15} more in signoff.md`);
  console.log(`sign-off: ${rel(published.signoffMd)}`);
  console.log(`junit:    ${published.junit ? rel(published.junit) : 'none (the run wrote no junit.xml)'}`);
  if (published.report) console.log(`report:   ${rel(published.report)}`);
  if (published.combined) console.log(`combined: ${rel(published.combined)}`);
  if (published.pdf) console.log(`pdf:      ${rel(published.pdf)}`);
  for (const c of published.comparisons) console.log(`compared: ${rel(c)}`);
  return s.verdict === 'PASS' ? 0 : 1;
}

/** `--lab`: every camera of the lab inventory (or those --only and --station choose), bin/lab-run.ts. */
async function labRun(values: { [k: string]: string | boolean | string[] | undefined }, positionals: string[], tolerance: number, globalTimeoutS: number): Promise<number> {
  for (const k of ['camera', 'firmware', 'model', 'dialect', 'list'] as const) {
    if (values[k] !== undefined) throw new OptionsError(`--${k} and --lab cannot go together: ${k === 'list' ? 'list one camera\'s tests with --camera NAME --list' : '--lab signs off the cameras of the lab inventory, each as it is'}`);
  }
  const only = typeof values.only === 'string' ? values.only.split(',').map((n) => n.trim()).filter(Boolean) : [];
  if (values.only !== undefined && !only.length) throw new OptionsError('--only needs camera names, comma-separated');
  if (values.station === '') throw new OptionsError('--station needs a station name');
  const profilePath = resolve(typeof values.profile === 'string' ? values.profile : defaultProfilePath(true));
  const profile = loadProfile(profilePath);
  const { runLab } = await import('./lab-run.ts');
  return runLab({
    only, station: values.station as string | undefined, profile, profilePath, projects: (values.project as string[] | undefined) ?? [],
    globalTimeoutS, tolerance, extra: positionals, pdf: values['no-pdf'] !== true,
  });
}

/** Playwright's --list over the projects a sign-off runs: no target, no reports folder, no verdict. */
async function listTests(options: RunOptions, projects: string[], extra: string[], profilePath: string): Promise<number> {
  const { playwrightArgs, runWithFile } = await import('./camera-signoff.ts');
  const args = playwrightArgs({ projects, globalTimeoutS: 0, extra, list: true });
  return runWithFile(args, { signoff: true, list: true, target: options.target, profilePath });
}

/** A number option's value: undefined when not given, else a number >= 0 or an error naming the option. */
function nonNegative(option: string, raw: string | undefined, what: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !(n >= 0) || n === Infinity) throw new OptionsError(`${option} must be ${what}, got ${JSON.stringify(raw)}`);
  return n;
}

function stillRunning<T>(what: string, work: () => Promise<T>): Promise<T> {
  return withProgress(what, Infinity, { onProgress: (p) => console.log(`sign-off: still ${p.awaiting} (${formatSeconds(p.elapsedMs)})`) }, work);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    // A preflight problem is one line that says what to check; no suite ran.
    if (isPreflightFailure(err)) console.error(`preflight: ${err.message}; no suite ran`);
    else if (err instanceof ProfileError) console.error(`${err.line}; nothing started`);
    else if (err instanceof OptionsError) console.error(`${err.message}; nothing started`);
    else console.error(`sign-off: ${(err as Error).message ?? err}`);
    process.exit(2);
  },
);
