// `npm start -- --lab` end to end, against a fleet of four virtual cameras served by the
// emulator CLI (`--count 4 --write-lab`), on one small suite (general/time.spec.ts, judged by
// fixtures/lab-subset.json) so it fits npm test's time: every camera its own Playwright run,
// lease, run folder and progress lines; a camera another run holds is skipped and the holder
// named; a station's run, what changed since the last lab run, and the stations merged back
// into one lab summary (npm run merge-lab); SIGTERM (a cancelled CI job) passed on to a
// camera's run, which ends before the lab run writes its summary and gives the leases back.
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { acquireLease } from '../../../rigs/lab/lease.ts';
import type { LabSummary } from '../../../lib/signoff/lab-summary.ts';
import { reportDataFile } from '../../../lib/signoff/offline-report.ts';
import { cleanEnv, ROOT } from '../signoff/child.ts';
import { emulator, type EmulatorProcess } from '../fleet/emulator-process.ts';

test.describe.configure({ mode: 'serial' });
test.setTimeout(90_000);

const USER = 'labadmin';
const PASSWORD = 'lab-Secret-4411';
const PROFILE = 'tests/unit/lab/fixtures/lab-subset.json';
const FIRMWARE = 'V5.0.2.3843';
let tmp: string;
let fleet: EmulatorProcess;
let labFile: string;

test.beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'lab-run-'));
  fleet = emulator(['--count', '4', '--port', '0', '--user', USER, '--password', PASSWORD, '--write-lab', join(tmp, 'fleet.json')], 240_000);
  await fleet.waitFor(/lab inventory \(4 cameras\) written/, 30_000);
  // The stations a lab would give them: two cameras each.
  const inventory = JSON.parse(readFileSync(join(tmp, 'fleet.json'), 'utf8')) as { cameras: { name: string; station?: string }[] };
  for (const c of inventory.cameras) c.station = ['virtual-1', 'virtual-2'].includes(c.name) ? 'bench-a' : 'bench-b';
  labFile = join(tmp, 'lab.json');
  writeFileSync(labFile, JSON.stringify(inventory, null, 2));
});

test.afterAll(async () => {
  await fleet?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function run(script: string, args: string[], reports: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const env = cleanEnv({
      LAB_FILE: labFile, VIRTUAL_CAMERA_USER: USER, VIRTUAL_CAMERA_PASSWORD: PASSWORD,
      HIL_REPORTS_ROOT: reports, HIL_LEASE_DIR: join(tmp, 'leases'),
    });
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 80_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, out });
    });
  });
}

const labRun = (args: string[], reports: string) => run('bin/signoff.ts', ['--lab', '--no-pdf', '--profile', PROFILE, ...args, '--', 'general/time.spec.ts'], reports);
const summaryOf = (reports: string) => JSON.parse(readFileSync(join(reports, 'lab-summary.json'), 'utf8')) as LabSummary;
const rowsOf = (s: LabSummary) => s.rows.map((r) => [r.camera, r.station, r.outcome, r.model, r.firmware]);

test('a fleet of four in one run: each camera its own run folder, console and progress lines; one whose lease another run holds is skipped, naming the holder', async () => {
  const held = await acquireLease('virtual-4', { dir: join(tmp, 'leases'), ttlMs: 120_000 });
  const reports = join(tmp, 'all');
  try {
    const { code, out } = await labRun([], reports);
    expect(code, out).toBe(1); // not every camera was signed off

    for (const name of ['virtual-1', 'virtual-2', 'virtual-3']) {
      expect(out).toMatch(new RegExp(`^\\[${name}\\] IPC-7100 firmware ${FIRMWARE} at ${name} \\(http://127\\.0\\.0\\.1:\\d+\\): starting$`, 'm'));
      expect(out).toMatch(new RegExp(`^\\[${name}\\] 2 tests done \\(2 passed, 0 failed, 0 skipped\\) · general/time\\.spec\\.ts: 2/0/0$`, 'm'));
      expect(out).toMatch(new RegExp(`^\\[${name}\\] VERDICT PASS \\(2 passed, 0 failed, 0 skipped\\)`, 'm'));
    }
    expect(out).toContain(`[virtual-4] SKIPPED: camera "virtual-4" is leased by pid ${process.pid}`);
    expect(out).not.toContain(PASSWORD);

    const summary = summaryOf(reports);
    expect(rowsOf(summary)).toEqual([
      ['virtual-1', 'bench-a', 'PASS', 'IPC-7100', FIRMWARE],
      ['virtual-2', 'bench-a', 'PASS', 'IPC-7100', FIRMWARE],
      ['virtual-3', 'bench-b', 'PASS', 'IPC-7100', FIRMWARE],
      ['virtual-4', 'bench-b', 'SKIPPED', undefined, undefined],
    ]);
    expect(summary.rows[3].why).toContain(`leased by pid ${process.pid}`);
    expect(summary.rows.map((r) => r.changes)).toEqual([['new in this lab run'], ['new in this lab run'], ['new in this lab run'], ['new in this lab run']]);
    const md = readFileSync(join(reports, 'lab-summary.md'), 'utf8');
    expect(md).toContain('| virtual-4 (bench-b) | — | — | **SKIPPED** |');

    // Four units of one model and firmware: each its own run folder, under cameras/<name>/.
    for (const r of summary.rows.slice(0, 3)) {
      const dir = dirname(join(reports, r.signoff!));
      expect(dir).toBe(join(reports, 'cameras', r.camera, 'IPC-7100', FIRMWARE));
      const signoff = JSON.parse(readFileSync(join(dir, 'signoff.json'), 'utf8'));
      expect([signoff.verdict, signoff.identity.firmware, signoff.counts.passed]).toEqual(['PASS', FIRMWARE, 2]);
      expect(readFileSync(join(dir, 'console.log'), 'utf8')).toContain('suite general/time.spec.ts: 2 passed, 0 failed, 0 skipped');
      // The lab report tells the cameras apart by this label.
      const results = readdirSync(join(dir, 'allure-results')).filter((f) => f.endsWith('-result.json'));
      const labels = JSON.parse(readFileSync(join(dir, 'allure-results', results[0]), 'utf8')).labels as { name: string; value: string }[];
      expect(labels).toContainEqual({ name: 'camera', value: r.camera });
    }
    expect(existsSync(join(reports, 'cameras', 'virtual-4'))).toBe(false);
    // The lab report: an environment per camera showing its row and where its full report is;
    // the attachments are in that report only.
    const lab = readFileSync(join(reports, 'lab-report', 'index.html'), 'utf8');
    const variables = JSON.parse(reportDataFile(lab, 'widgets/virtual-2/variables.json')!.toString()) as Record<string, string>;
    expect(variables).toMatchObject({ verdict: 'PASS', 'full report': '../cameras/virtual-2/IPC-7100/V5.0.2.3843/report/index.html' });
    expect(existsSync(join(reports, 'lab-report', variables['full report']))).toBe(true);
    expect(lab).not.toContain('d("data/attachments/');
    expect(readFileSync(join(reports, 'cameras', 'virtual-2', 'IPC-7100', FIRMWARE, 'report', 'index.html'), 'utf8')).toContain('d("data/attachments/');
    // Every lease the run took is given back; only the one held here is left.
    expect(readdirSync(join(tmp, 'leases')).filter((f) => f.endsWith('.lease'))).toEqual(['virtual-4.lease']);
  } finally {
    await held.release();
  }
});

test('a station\'s run signs off its cameras and lists what changed since the last lab run; the stations merge into one lab summary', async () => {
  // Station bench-b runs where the whole lab ran before, so it compares with that summary.
  const all = join(tmp, 'all');
  const benchB = join(tmp, 'bench-b');
  cpSync(all, benchB, { recursive: true });
  // --only narrows the station's cameras to the one skipped before (one camera run: npm test's time).
  const { code, out } = await labRun(['--station', 'bench-b', '--only', 'virtual-4'], benchB);
  expect(code, out).toBe(0);
  expect(out).toContain('lab: 1 camera(s) of');
  expect(out).toContain('at station bench-b: virtual-4');
  const b = summaryOf(benchB);
  expect(rowsOf(b)).toEqual([['virtual-4', 'bench-b', 'PASS', 'IPC-7100', FIRMWARE]]);
  expect(b.stations).toEqual(['bench-b']);
  expect(b.rows[0].changes).toEqual(['model ? → IPC-7100', `firmware ? → ${FIRMWARE}`, 'SKIPPED → PASS']);

  // Station bench-a's summary: the first run's rows of its cameras (as its own runner would write it).
  const benchA = join(tmp, 'bench-a');
  cpSync(all, benchA, { recursive: true });
  const a = summaryOf(benchA);
  writeFileSync(join(benchA, 'lab-summary.json'), JSON.stringify({ ...a, stations: ['bench-a'], rows: a.rows.filter((r) => r.station === 'bench-a') }));
  const merged = join(tmp, 'merged');
  const m = await run('bin/merge-lab.ts', [benchA, benchB, '--out', merged], merged);
  expect(m.code, m.out).toBe(0);
  const s = summaryOf(merged);
  expect(rowsOf(s)).toEqual([
    ['virtual-1', 'bench-a', 'PASS', 'IPC-7100', FIRMWARE],
    ['virtual-2', 'bench-a', 'PASS', 'IPC-7100', FIRMWARE],
    ['virtual-4', 'bench-b', 'PASS', 'IPC-7100', FIRMWARE],
  ]);
  expect(s.stations).toEqual(['bench-a', 'bench-b']);
  for (const r of s.rows) expect(existsSync(join(merged, r.signoff!)), r.camera).toBe(true);
  expect(existsSync(join(merged, 'lab-report', 'index.html'))).toBe(true);

  // The same station twice is refused, and nothing is written.
  const twice = await run('bin/merge-lab.ts', [benchB, benchB, '--out', join(tmp, 'twice')], join(tmp, 'twice'));
  expect(twice.code).toBe(2);
  expect(twice.out).toContain('camera virtual-4 is in two of the lab summaries merged');
  expect(existsSync(join(tmp, 'twice'))).toBe(false);
});

test('SIGTERM (a CI job cancelled) stops a camera\'s run once: the run ends, the summary is still written, every lease is given back and nothing is left running', async () => {
  const reports = join(tmp, 'cancelled');
  const env = cleanEnv({ LAB_FILE: labFile, VIRTUAL_CAMERA_USER: USER, VIRTUAL_CAMERA_PASSWORD: PASSWORD, HIL_REPORTS_ROOT: reports, HIL_LEASE_DIR: join(tmp, 'leases') });
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/signoff.ts', '--lab', '--no-pdf', '--profile', PROFILE, '--only', 'virtual-3', '--', 'general/'],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let signalled = false;
  const onData = (d: Buffer) => {
    out += d;
    // After the first suite has ended, the run is surely under way: the rest of the chapter is cut short.
    if (!signalled && /^\[virtual-3\] \d+ tests done/m.test(out)) {
      signalled = true;
      child.kill('SIGTERM');
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const timer = setTimeout(() => child.kill('SIGKILL'), 80_000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  clearTimeout(timer);
  expect(signalled, out).toBe(true);
  expect(code, out).toBe(1);
  expect(out).toContain('lab: SIGTERM: stopping every camera\'s run; each puts its camera back first');
  const row = summaryOf(reports).rows[0];
  expect([row.camera, row.model]).toEqual(['virtual-3', 'IPC-7100']);
  expect(['INCOMPLETE', 'ERROR'], out).toContain(row.outcome);
  expect(readdirSync(join(tmp, 'leases')).filter((f) => f.endsWith('.lease'))).toEqual([]);
  // The camera's Playwright run (its own process group) ended before the lab run did.
  expect(stillRunning(reports)).toEqual([]);
});

/** Processes started with this reports folder in their environment (every process of a lab run inherits it): any still running. */
function stillRunning(reports: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`HIL_REPORTS_ROOT=${reports}`)) found.push(pid);
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

test('a wrong choice of cameras stops the lab run with one line naming it, before any camera is touched', async () => {
  const reports = join(tmp, 'refused');
  const cases: [string[], string][] = [
    [['--lab', '--only', 'virtual-1,lobby'], '--only names "lobby", not in'],
    [['--lab', '--station', 'bench-z'], '--station "bench-z": no camera of'],
    [['--lab', '--camera', 'virtual-1'], '--camera and --lab cannot go together'],
    [['--only', 'virtual-1'], '--only chooses cameras of a lab run: add --lab'],
  ];
  const results = await Promise.all(cases.map(([args]) => run('bin/signoff.ts', args, reports)));
  results.forEach(({ code, out }, i) => {
    expect(code, out).toBe(2);
    expect(out).toContain(cases[i][1]);
    expect(out.trim().split('\n')).toHaveLength(1);
  });
  expect(results[0].out).toContain('known cameras: virtual-1, virtual-2, virtual-3, virtual-4');
  expect(results[1].out).toContain('stations: bench-a, bench-b');
  expect(existsSync(reports)).toBe(false);
  expect(existsSync(join(tmp, 'leases')) ? readdirSync(join(tmp, 'leases')).filter((f) => f.endsWith('.lease')) : []).toEqual([]);
});
