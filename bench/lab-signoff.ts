// Lab sign-off of 1, 4 and 8 virtual cameras in parallel (`npm start -- --lab` against a fleet
// served by the emulator CLI, each camera with its own virtual relay board on a pty):
//   - wall time of the whole lab run, and its ratio against one camera (baseline: the run of
//     one camera, measured first in the same bench run). Goal: ≤ 2× for 8 cameras;
//   - peak RSS per camera: each camera's Playwright run is its own process group (bin/lab-run.ts),
//     sampled every 200 ms from /proc, its processes' RSS summed; the fleet's own RSS is shown
//     per camera too;
//   - CPU time of the whole run (user + system of every process that ended), to tell a run that
//     waits from one that computes.
// Every camera runs the same suites (default: the general chapter, video snapshots, digital
// I/O and PTZ moves; --suites to choose: Playwright's file filters match anywhere in the
// path, so `io/` would take audio/ too, hence `/io/`), judged by
// bench/lab-signoff.profile.json, which requires them; a row that is not PASS fails the
// bench (exit 1): the figures of a broken run mean nothing. Bounded: each lab run may take --limit seconds (default 900).
// `npx tsx bench/lab-signoff.ts [--cameras 1,4,8] [--suites "general/ video/snapshot.spec.ts"] [--limit 900]`
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { childEnvironment } from '../fixtures/options.ts';
import { killOnExit, stopChild } from './child-cleanup.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: {
  cameras: { type: 'string', default: '1,4,8' },
  suites: { type: 'string', default: 'general/ video/snapshot.spec.ts /io/ ptz/moves.spec.ts' },
  limit: { type: 'string', default: '900' },
} });
const COUNTS = values.cameras!.split(',').map(Number);
if (!COUNTS.every((n) => Number.isInteger(n) && n >= 1 && n <= 16)) throw new Error(`--cameras must list whole numbers 1..16, got ${values.cameras}`);
const LIMIT_S = Number(values.limit);
if (!(LIMIT_S >= 30)) throw new Error(`--limit must be at least 30 seconds, got ${values.limit}`);
const SUITES = values.suites!.split(/\s+/).filter(Boolean);
const USER = 'benchadmin';
const PASSWORD = 'bench-Secret-5120';
const PAGE = 4096;

interface Result { cameras: number; wallS: number; cpuS: number; peakRssMb: number[]; fleetRssMb: number; outcomes: string[] }

/** pid → parent, process group and RSS (pages) of every process now. */
function processes(): Map<number, { ppid: number; pgid: number; rss: number }> {
  const out = new Map<number, { ppid: number; pgid: number; rss: number }>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(d), { ppid: Number(f[1]), pgid: Number(f[2]), rss: Number(f[21]) });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

function descendants(root: number, all: Map<number, { ppid: number }>): Set<number> {
  const found = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, p] of all) if (!found.has(pid) && found.has(p.ppid)) { found.add(pid); grew = true; }
  }
  return found;
}

function waitForLine(child: ReturnType<typeof spawn>, re: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`emulator did not print ${re} in ${timeoutMs} ms:\n${out}`)), timeoutMs);
    child.stdout!.on('data', (d) => {
      out += d;
      if (re.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', () => reject(new Error(`emulator exited:\n${out}`)));
  });
}

async function labRun(n: number): Promise<Result> {
  const cpuBefore = childrenCpu();
  const tmp = mkdtempSync(join(tmpdir(), `bench-lab-${n}-`));
  const fleet = killOnExit(spawn(process.execPath, ['--import', 'tsx', 'rigs/virtual-camera/cli.ts', '--count', String(n), '--port', '0', '--user', USER, '--password', PASSWORD,
    '--relay-pty', join(tmp, 'relay'), '--write-lab', join(tmp, 'lab.json')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] }));
  try {
    await waitForLine(fleet, new RegExp(`lab inventory \\(${n} cameras?\\) written`), 60_000);
    // The shell's own camera choice (CAMERA, CAMERA_URL, a run file) would make it not a lab run.
    const env = childEnvironment({ LAB_FILE: join(tmp, 'lab.json'), VIRTUAL_CAMERA_USER: USER, VIRTUAL_CAMERA_PASSWORD: PASSWORD, HIL_REPORTS_ROOT: join(tmp, 'reports'), HIL_LEASE_DIR: join(tmp, 'leases') },
      (name) => /^(CAMERA|HIL_RUN_FILE)/.test(name));
    const started = Date.now();
    const lab = killOnExit(spawn(process.execPath, ['--import', 'tsx', 'bin/signoff.ts', '--lab', '--no-pdf', '--profile', 'bench/lab-signoff.profile.json', '--', ...SUITES],
      { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }));
    let log = '';
    lab.stdout!.on('data', (d) => (log += d));
    lab.stderr!.on('data', (d) => (log += d));
    const peak = new Map<number, number>(); // process group of a camera's run → peak RSS (pages)
    const benchGroup = processes().get(process.pid)!.pgid;
    const sampler = setInterval(() => {
      const all = processes();
      const byGroup = new Map<number, number>();
      for (const pid of descendants(lab.pid!, all)) {
        const p = all.get(pid);
        // The lab run itself is in the bench's group; each camera's run has its own.
        if (p && p.pgid !== benchGroup) byGroup.set(p.pgid, (byGroup.get(p.pgid) ?? 0) + p.rss);
      }
      for (const [g, rss] of byGroup) peak.set(g, Math.max(peak.get(g) ?? 0, rss));
    }, 200);
    const killer = setTimeout(() => lab.kill('SIGINT'), LIMIT_S * 1000);
    const code = await new Promise<number>((resolve) => lab.on('exit', (c) => resolve(c ?? 1)));
    clearInterval(sampler);
    clearTimeout(killer);
    const wallS = (Date.now() - started) / 1000;
    const summary = JSON.parse(readFileSync(join(tmp, 'reports', 'lab-summary.json'), 'utf8')) as { rows: { camera: string; outcome: string }[] };
    const fleetRss = processes().get(fleet.pid!)?.rss ?? 0;
    if (code !== 0) console.error(`lab run of ${n} exited ${code}; its last lines:\n${log.split('\n').slice(-15).join('\n')}`);
    await stopChild(fleet);
    // The lab run and the fleet were waited for: their CPU, and their children's, is counted now.
    const cpuS = childrenCpu() - cpuBefore;
    return {
      cameras: n, wallS, cpuS,
      peakRssMb: [...peak.values()].map((p) => (p * PAGE) / 2 ** 20),
      fleetRssMb: (fleetRss * PAGE) / 2 ** 20 / n,
      outcomes: summary.rows.map((r) => `${r.camera} ${r.outcome}`),
    };
  } finally {
    await stopChild(fleet);
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** User + system CPU seconds of this process's children that ended and were waited for (cumulative). */
function childrenCpu(): number {
  const f = readFileSync(`/proc/${process.pid}/stat`, 'utf8');
  const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100; // cutime, cstime, in clock ticks of 10 ms
}

const results: Result[] = [];
let broken = false;
for (const n of COUNTS) {
  process.stdout.write(`lab sign-off of ${n} camera(s) on ${SUITES.join(' ')} ... `);
  const r = await labRun(n);
  results.push(r);
  const notPass = r.outcomes.filter((o) => !o.endsWith(' PASS'));
  if (notPass.length || r.outcomes.length !== n) broken = true;
  console.log(`${r.wallS.toFixed(1)} s${notPass.length ? `  NOT PASS: ${notPass.join(', ')}` : ''}`);
}
const base = results[0];
console.log('');
console.log(`| cameras | wall time | ratio vs ${base.cameras} | CPU (all processes) | peak RSS per camera's run (max / mean) | fleet RSS per camera |`);
console.log('|---|---|---|---|---|---|');
for (const r of results) {
  const max = Math.max(...r.peakRssMb);
  const mean = r.peakRssMb.reduce((a, b) => a + b, 0) / Math.max(1, r.peakRssMb.length);
  console.log(`| ${r.cameras} | ${r.wallS.toFixed(1)} s | ${(r.wallS / base.wallS).toFixed(2)}× | ${r.cpuS.toFixed(0)} s | ${max.toFixed(0)} / ${mean.toFixed(0)} MB | ${r.fleetRssMb.toFixed(0)} MB |`);
}
if (broken) {
  console.error('a camera did not PASS or is missing: the figures above are of a broken run');
  process.exit(1);
}
