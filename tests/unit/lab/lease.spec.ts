import { test, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { acquireLease, watchHandedOver, type LeaseInfo } from '../../../rigs/lab/lease.ts';
import { deadPid, plantLease, plantLock } from './helpers/lease-files.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let dir: string;
const children: ChildProcess[] = [];
test.beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lease-test-')); });
test.afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as LeaseInfo;
const plant = (camera: string, info: Partial<LeaseInfo>) => plantLease(dir, camera, info);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

function holder(camera: string, ttl = 60_000) {
  const p = spawn(process.execPath, ['--import', 'tsx', 'tests/unit/lab/helpers/hold-lease.ts', camera, dir, String(ttl)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
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

test('a lease handed over is watched: its holder killed, the watcher takes it over and says why; taken by another run, it says who', async () => {
  const h = holder('lobby');
  expect(await h.line).toBe('held');
  const token = read(path.join(dir, 'lobby.lease')).token;
  const seen: { pid?: number; why: string }[] = [];
  const orphaned = new Promise<void>((resolve) => {
    watchHandedOver('lobby', token, { dir, ttlMs: 10_000, periodMs: 50 }, (lease, why) => {
      seen.push({ pid: lease?.info.pid, why });
      void lease?.release();
      resolve();
    });
  });
  // Alive and unchanged: nothing is said.
  await new Promise((r) => setTimeout(r, 300));
  expect(seen).toEqual([]);
  h.p.kill('SIGKILL');
  await orphaned;
  expect(seen).toEqual([{ pid: process.pid, why: `its holder, pid ${h.p.pid}, is dead` }]);

  // A token that is not the live holder's: another run has the camera, and keeps it.
  const other = holder('garage');
  expect(await other.line).toBe('held');
  const told = await new Promise<{ lease: unknown; why: string }>((resolve) => {
    watchHandedOver('garage', 'a-token-handed-over-earlier', { dir, ttlMs: 10_000, periodMs: 50 }, (lease, why) => resolve({ lease, why }));
  });
  expect(told).toEqual({ lease: undefined, why: `its lease is now held by pid ${other.p.pid} on ${os.hostname()}` });
  expect(read(path.join(dir, 'garage.lease')).pid).toBe(other.p.pid);

  // Stopped watching: a holder that dies afterwards is not reported.
  const third = holder('attic');
  expect(await third.line).toBe('held');
  let late = false;
  const stop = watchHandedOver('attic', read(path.join(dir, 'attic.lease')).token, { dir, ttlMs: 10_000, periodMs: 50 }, () => (late = true));
  stop();
  third.p.kill('SIGKILL');
  await new Promise((r) => setTimeout(r, 300));
  expect(late).toBe(false);
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

// The mutex (<camera>.lease.lock) guards every change to an existing lease. A test holding it
// by hand plays a run in the middle of a refresh, release or take-over.

test('release waits for the mutex, then never deletes a lease someone else took meanwhile', async () => {
  const lease = await acquireLease('lobby', { dir, ttlMs: 10_000 });
  const lock = plantLock(dir, 'lobby', { pid: process.pid });
  const releasing = lease.release();
  await sleep(100);
  expect(read(lease.file).token).toBe(lease.info.token); // not removed while the mutex is taken
  plant('lobby', { token: 'someone-else' }); // what the mutex holder was doing: a take-over
  fs.rmSync(lock);
  await releasing;
  expect(read(lease.file).token).toBe('someone-else');
  expect(lease.held()).toBe(false);
  expect(fs.readdirSync(dir)).toEqual(['lobby.lease']); // and the mutex is not left behind
});

test('a refresh waits for the mutex, then never writes over a lease someone else took meanwhile', async () => {
  const lease = await acquireLease('lobby', { dir, ttlMs: 500, refreshMs: 20 });
  const lock = plantLock(dir, 'lobby', { pid: process.pid });
  const expiresAt = read(lease.file).expiresAt;
  await sleep(150); // several refresh periods
  expect(read(lease.file).expiresAt).toBe(expiresAt);
  expect(lease.held()).toBe(true); // still ours: waiting is not losing
  plant('lobby', { token: 'someone-else' });
  fs.rmSync(lock);
  await sleep(100);
  expect(read(lease.file).token).toBe('someone-else');
  expect(lease.held()).toBe(false);
  await lease.release();
  expect(read(lease.file).token).toBe('someone-else');
});

test('a mutex left by a dead process is cleared at once, in a take-over and in a release', async () => {
  plant('lobby', { pid: deadPid() }); // stale: taking it over needs the mutex
  plantLock(dir, 'lobby', { pid: deadPid() });
  let t0 = Date.now();
  const lease = await acquireLease('lobby', { dir, ttlMs: 10_000 });
  expect(Date.now() - t0).toBeLessThan(1500); // it did not wait for the 2 s after which any mutex is stuck
  expect(read(lease.file).token).toBe(lease.info.token);

  plantLock(dir, 'lobby', { pid: deadPid() });
  t0 = Date.now();
  await lease.release();
  expect(Date.now() - t0).toBeLessThan(1500);
  expect(fs.readdirSync(dir)).toEqual([]);
});

test('a mutex held for over 2 s by a live process, or by one on another host, is cleared as stuck', async () => {
  plant('lobby', { pid: deadPid() });
  plantLock(dir, 'lobby', { pid: process.pid }, 1_600); // live here: stuck only once 2 s old
  let t0 = Date.now();
  let lease = await acquireLease('lobby', { dir, ttlMs: 10_000 });
  expect(Date.now() - t0).toBeGreaterThanOrEqual(300); // not before it was 2 s old
  expect(Date.now() - t0).toBeLessThan(2000);
  await lease.release();

  // Another host's pid cannot be checked; a crashed holder there shows as a mutex grown old.
  plant('lobby', { pid: deadPid() });
  plantLock(dir, 'lobby', { pid: 1, host: 'another-host' }, 2_500);
  t0 = Date.now();
  lease = await acquireLease('lobby', { dir, ttlMs: 10_000 });
  expect(Date.now() - t0).toBeLessThan(1500);
  await lease.release();
  expect(fs.readdirSync(dir)).toEqual([]);
});

test('waiting for the mutex is bounded, and the error names the lock file and its holder', async () => {
  plant('lobby', { pid: deadPid() });
  const lock = plantLock(dir, 'lobby', { pid: process.pid });
  const keepFresh = setInterval(() => fs.utimesSync(lock, new Date(), new Date()), 100); // never stuck
  try {
    const t0 = Date.now();
    await expect(acquireLease('lobby', { dir, ttlMs: 10_000 })).rejects.toThrow(
      `lease: lock file ${lock} stayed taken by pid ${process.pid} on ${os.hostname()} for 2500 ms; remove it if no run is using the camera`);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2400);
    expect(Date.now() - t0).toBeLessThan(5000);
  } finally {
    clearInterval(keepFresh);
  }
  expect(fs.readdirSync(dir).sort()).toEqual(['lobby.lease', 'lobby.lease.lock']); // nothing of ours left
});
