import { test, expect } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { acquireLease, type LeaseInfo } from '../../../rigs/lab/lease.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let dir: string;
const children: ChildProcess[] = [];
test.beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lease-test-')); });
test.afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as LeaseInfo;
/** A lease file as another run would have left it. */
function plant(camera: string, info: Partial<LeaseInfo>): void {
  const now = Date.now();
  fs.writeFileSync(path.join(dir, `${camera}.lease`), JSON.stringify({
    camera, pid: process.pid, host: os.hostname(), startedAt: new Date(now - 60_000).toISOString(),
    expiresAt: new Date(now + 60_000).toISOString(), token: 'planted', ...info,
  }));
}
/** A pid that certainly ran on this host and is dead now. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '']);
  return r.pid!;
}

test('a lease file says who holds it, and release removes it', async () => {
  const lease = await acquireLease('lobby', { dir, ttlMs: 10_000 });
  const info = read(lease.file);
  expect(lease.file).toBe(path.join(dir, 'lobby.lease'));
  expect(info).toEqual({ camera: 'lobby', pid: process.pid, host: os.hostname(), startedAt: expect.any(String), expiresAt: expect.any(String), token: expect.any(String) });
  expect(Date.parse(info.expiresAt) - Date.parse(info.startedAt)).toBe(10_000);
  expect(lease.held()).toBe(true);
  await lease.release();
  expect(lease.held()).toBe(false);
  expect(fs.readdirSync(dir)).toEqual([]); // no temporary files left either
});

test('two acquirers: exactly one gets it; the other is told who has it since when', async () => {
  const results = await Promise.allSettled([acquireLease('lobby', { dir, ttlMs: 10_000 }), acquireLease('lobby', { dir, ttlMs: 10_000 })]);
  const won = results.filter((r) => r.status === 'fulfilled');
  const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  expect([won.length, lost.length]).toEqual([1, 1]);
  const info = read(path.join(dir, 'lobby.lease'));
  expect(lost[0].reason.message).toBe(`camera "lobby" is leased by pid ${process.pid} on ${os.hostname()} since ${info.startedAt} (until ${info.expiresAt} unless refreshed); lease file ${path.join(dir, 'lobby.lease')}`);
  // another camera is independent; after release the first one is free again
  const other = await acquireLease('garage', { dir, ttlMs: 10_000 });
  await (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireLease>>>).value.release();
  const again = await acquireLease('lobby', { dir, ttlMs: 10_000 });
  await again.release();
  await other.release();
});

test('a held lease is refreshed, so it does not expire while its holder runs', async () => {
  const lease = await acquireLease('lobby', { dir, ttlMs: 300, refreshMs: 50 });
  const first = read(lease.file).expiresAt;
  await new Promise((r) => setTimeout(r, 700)); // more than twice the ttl
  expect(Date.parse(read(lease.file).expiresAt)).toBeGreaterThan(Date.parse(first));
  expect(lease.held()).toBe(true);
  await expect(acquireLease('lobby', { dir, ttlMs: 300 })).rejects.toThrow(/is leased by pid/);
  await lease.release();
});

test('stale leases are taken over: dead pid on this host, or expired anywhere', async () => {
  plant('lobby', { pid: deadPid() });
  const a = await acquireLease('lobby', { dir, ttlMs: 10_000 });
  expect(read(a.file).pid).toBe(process.pid);
  await a.release();

  plant('lobby', { host: 'another-host', pid: 1, expiresAt: new Date(Date.now() - 1000).toISOString() });
  const b = await acquireLease('lobby', { dir, ttlMs: 10_000 });
  await b.release();

  // alive elsewhere and not expired: we cannot check its pid, so it stands
  plant('lobby', { host: 'another-host', pid: 1 });
  await expect(acquireLease('lobby', { dir, ttlMs: 10_000 })).rejects.toThrow(/leased by pid 1 on another-host since/);
});

test('a holder that loses its lease (it stopped refreshing) notices', async () => {
  const lease = await acquireLease('lobby', { dir, ttlMs: 10_000 });
  plant('lobby', { token: 'someone-else' }); // what a takeover leaves behind
  expect(lease.held()).toBe(false);
  await lease.release();
  expect(read(path.join(dir, 'lobby.lease')).token).toBe('someone-else'); // release did not remove theirs
});

test('a lease file that is not a lease is a clear error; bad arguments too', async () => {
  fs.writeFileSync(path.join(dir, 'lobby.lease'), 'garbage');
  await expect(acquireLease('lobby', { dir, ttlMs: 10_000 })).rejects.toThrow(`lease file ${path.join(dir, 'lobby.lease')} for camera "lobby" is not a lease`);
  await expect(acquireLease('../etc', { dir, ttlMs: 10_000 })).rejects.toThrow(/is not a plain name/);
  await expect(acquireLease('lobby', { dir, ttlMs: 0 })).rejects.toThrow(/ttlMs must be at least 100/);
});

function holder(camera: string, ttl = 60_000, startAt?: number) {
  const args = [camera, dir, String(ttl), ...(startAt ? [String(startAt)] : [])];
  const p = spawn(process.execPath, ['--import', 'tsx', 'tests/unit/lab/helpers/hold-lease.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(p);
  const line = new Promise<string>((resolve) => {
    let out = '';
    p.stdout!.on('data', (d) => { out += d; if (out.includes('\n')) resolve(out.trim()); });
    p.once('exit', () => resolve(out.trim()));
  });
  return { p, line };
}

test('across processes: a live holder keeps it; once killed, its lease is taken over', async () => {
  const h = holder('lobby');
  expect(await h.line).toBe('held');
  await expect(acquireLease('lobby', { dir, ttlMs: 10_000 })).rejects.toThrow(`camera "lobby" is leased by pid ${h.p.pid} on ${os.hostname()}`);
  h.p.kill('SIGKILL'); // no exit handler runs: the file stays, with a dead pid
  await new Promise((r) => h.p.once('exit', r));
  expect(read(path.join(dir, 'lobby.lease')).pid).toBe(h.p.pid);
  const lease = await acquireLease('lobby', { dir, ttlMs: 10_000 });
  await lease.release();
});

test('a holder that exits normally leaves no lease behind', async () => {
  const p = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `
    import fs from 'node:fs';
    const { acquireLease } = await import('./rigs/lab/lease.ts');
    await acquireLease('lobby', { dir: ${JSON.stringify(dir)}, ttlMs: 60000 });
    console.log('held', fs.readdirSync(${JSON.stringify(dir)}).join());`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  p.stdout!.on('data', (d) => { out += d; });
  await new Promise((r) => p.once('exit', r));
  expect(out.trim()).toBe('held lobby.lease');
  expect(fs.readdirSync(dir)).toEqual([]);
});

test('several processes racing for one stale lease: exactly one wins', async () => {
  plant('lobby', { pid: deadPid() });
  const startAt = Date.now() + 2500; // all four have loaded by then, and try within a few ms
  const racers = [1, 2, 3, 4].map(() => holder('lobby', 60_000, startAt));
  const lines = await Promise.all(racers.map((r) => r.line));
  expect(lines.filter((l) => l === 'held').length).toBe(1);
  expect(lines.filter((l) => l.startsWith('refused: camera "lobby" is leased by pid')).length).toBe(3);
  const winner = racers[lines.indexOf('held')];
  expect(read(path.join(dir, 'lobby.lease')).pid).toBe(winner.p.pid);
});
