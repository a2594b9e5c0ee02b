// An exclusive lease per camera, so two runs never drive the same camera and relay board
// at once. The lease is a file holding who has it (pid, host, start, expiry):
//  - created atomically: written under a private name, then link(2)ed into place, which
//    fails if the file exists (O_EXCL semantics, and no reader ever sees it half written);
//  - refreshed while held, so its expiry only passes if the holder stopped running;
//  - taken over when expired, or when its pid is dead on this host;
//  - otherwise refused with an error naming the holder and since when.
//
// Creating a lease needs nothing but the link: it only succeeds where no lease exists. Every
// change to an EXISTING lease (refresh, release, take-over) is a read, a check and a write, and
// two of them interleaving leave two holders (a refresh renaming its file over a lease that was
// just taken over) or none (a release deleting a lease someone else just took). So those run
// under a per-camera mutex, `<camera>.lease.lock`, held for the microseconds of one synchronous
// block, never across an await. Under it the lease file goes missing only in a release, or in a
// take-over that links its own lease in before letting go (a plain creation slipping into that
// gap simply wins instead). The lock-free alternative, moving a stale lease aside, checking what
// was moved and putting back a live one, leaves a moment without any lease file, in which a
// holder that is only slow loses its lease to a third run.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { LockBusyError, parseJson, pidAlive, readJson, readText, underLock, underLockSync, writeExclusive } from './file-mutex.ts';

export interface LeaseInfo {
  camera: string;
  pid: number;
  host: string;
  startedAt: string;
  expiresAt: string;
  token: string;
}

export interface LeaseOptions {
  /** Where lease files live (a run's: HIL_LEASE_DIR, else defaultLeaseDir(); fixtures/options.ts). */
  dir: string;
  /** How long a lease outlives its last refresh. */
  ttlMs: number;
  /** Refresh period (default ttlMs / 3). */
  refreshMs?: number;
}

export interface Lease {
  readonly camera: string;
  readonly file: string;
  readonly info: LeaseInfo;
  /** false once released, or once someone took it over (we stopped refreshing in time). */
  held(): boolean;
  release(): Promise<void>;
}

/** <tmpdir>/camera-hil-leases: shared by every run on this host unless HIL_LEASE_DIR names another. */
export function defaultLeaseDir(): string {
  return path.join(os.tmpdir(), 'camera-hil-leases');
}

/**
 * Who holds the lease of `camera` in `dir` now, if anyone: a lab run (`npm start -- --lab`)
 * holds every camera's lease itself and hands its token to the camera's Playwright run, which
 * checks with this that the lease is still the one it was given instead of taking its own.
 */
export function leaseHolder(camera: string, dir: string): LeaseInfo | undefined {
  return readLease(path.join(dir, `${camera}.lease`));
}

/**
 * Watches a lease another process holds for this one: npm start -- --lab holds each camera's
 * lease and hands its token to the camera's Playwright run. Should the lab run die without
 * giving it back (SIGKILL, a crash), the lease would free itself (its pid is dead) while the
 * camera's run still drives the camera. So every `periodMs` this checks that the lease is still
 * the one handed over and its holder alive; once it is not, it stops watching, takes the lease
 * over if it can (a dead holder's lease is free), and calls `onOrphaned` with that lease (or
 * undefined: another run got the camera first) and why. Returns a function that stops watching.
 */
export function watchHandedOver(
  camera: string, token: string, o: LeaseOptions & { periodMs: number },
  onOrphaned: (lease: Lease | undefined, why: string) => void,
): () => void {
  let stopped = false;
  const timer = setInterval(() => {
    const h = leaseHolder(camera, o.dir);
    const why = !h ? 'its lease is gone'
      : h.token !== token ? `its lease is now held by pid ${h.pid} on ${h.host}`
        : staleReason(h) ? `its holder, pid ${h.pid}, ${staleReason(h) === 'expired' ? 'stopped refreshing it' : 'is dead'}`
          : undefined;
    if (!why || stopped) return;
    stop();
    acquireLease(camera, o).then((lease) => onOrphaned(lease, why), () => onOrphaned(undefined, why));
  }, o.periodMs);
  timer.unref();
  const stop = () => {
    stopped = true;
    clearInterval(timer);
  };
  return stop;
}

export async function acquireLease(camera: string, o: LeaseOptions): Promise<Lease> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(camera)) throw new Error(`lease: camera name ${JSON.stringify(camera)} is not a plain name`);
  if (!Number.isFinite(o.ttlMs) || o.ttlMs < 100) throw new Error(`lease: ttlMs must be at least 100, got ${o.ttlMs}`);
  const dir = o.dir;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${camera}.lease`);
  const info: LeaseInfo = { camera, pid: process.pid, host: os.hostname(), startedAt: '', expiresAt: '', token: randomUUID() };
  // Few rounds: each lost round means someone else just released, created or took over a lease.
  for (let round = 0; round < 5; round++) {
    if (writeExclusive(file, stamped(info, o.ttlMs))) return startLease(file, info, o);
    const text = readText(file);
    if (text === undefined) continue; // released or taken over between our attempt and the read
    const holder = asLease(parseJson(text));
    if (!holder) {
      throw new Error(`lease file ${file} for camera ${JSON.stringify(camera)} is not a lease (edited by hand?); remove it if no run is using the camera`);
    }
    if (!staleReason(holder)) {
      throw new Error(`camera ${JSON.stringify(camera)} is leased by pid ${holder.pid} on ${holder.host} since ${holder.startedAt} (until ${holder.expiresAt} unless refreshed); lease file ${file}`);
    }
    // Stale: check again under the mutex (its holder's refresh may just have extended it), and
    // replace it there, so no refresh or release of the old holder comes between.
    const tookOver = await underLock(lockFileOf(file), () => {
      const current = readLease(file);
      if (!current || !staleReason(current)) return false;
      fs.rmSync(file, { force: true });
      return writeExclusive(file, stamped(info, o.ttlMs));
    });
    if (tookOver) return startLease(file, info, o);
  }
  throw new Error(`lease: could not acquire ${file}: it keeps changing hands`);
}

function startLease(file: string, info: LeaseInfo, o: LeaseOptions): Lease {
  const lock = lockFileOf(file);
  const period = o.refreshMs ?? Math.max(50, Math.floor(o.ttlMs / 3));
  let held = true;
  let timer: NodeJS.Timeout | undefined;
  const ours = () => readLease(file)?.token === info.token;
  const drop = () => {
    clearTimeout(timer);
    held = false;
    heldFiles.delete(file);
  };
  const refresh = async () => {
    try {
      const still = await underLock(lock, () => {
        if (!held || !ours()) return false;
        info.expiresAt = new Date(Date.now() + o.ttlMs).toISOString();
        writeReplace(file, info); // rename over it: atomic, readers see the old or the new
        return true;
      }, { keepAlive: false });
      if (!still) return drop();
    } catch (err) {
      // The mutex stayed taken: try again next period (held() keeps reading the file, so it
      // stays true). Anything else, e.g. the directory went away: we cannot vouch for the lease.
      if (!(err instanceof LockBusyError)) return drop();
    }
    if (held) schedule();
  };
  // A chain of timeouts, not an interval: a refresh waiting for the mutex is never overtaken by the next.
  const schedule = () => {
    timer = setTimeout(refresh, period);
    timer.unref(); // a lease must not keep a finished process alive
  };
  schedule();
  heldFiles.set(file, info.token);
  return {
    camera: info.camera, file, info,
    held: () => held && ours(),
    release: async () => {
      if (!held) return;
      clearTimeout(timer);
      try {
        await underLock(lock, () => {
          if (ours()) fs.rmSync(file, { force: true });
        });
      } finally {
        drop();
      }
    },
  };
}

// Leases still held when the process exits are removed on the way out; after a crash
// (no exit handlers run) the dead pid lets the next run take the lease over.
const heldFiles = new Map<string, string>();
process.once('exit', () => {
  for (const [file, token] of heldFiles) {
    try {
      underLockSync(lockFileOf(file), () => {
        if (readLease(file)?.token === token) fs.rmSync(file, { force: true });
      }, LOCK_WAIT_AT_EXIT_MS);
    } catch {
      // mutex busy: leave the lease, our pid is dead in a moment and that frees it
    }
  }
});

function stamped(info: LeaseInfo, ttlMs: number): LeaseInfo {
  const now = Date.now();
  info.startedAt = new Date(now).toISOString();
  info.expiresAt = new Date(now + ttlMs).toISOString();
  return info;
}

function staleReason(l: LeaseInfo): string | undefined {
  if (Date.parse(l.expiresAt) < Date.now()) return 'expired';
  if (l.host === os.hostname() && !pidAlive(l.pid)) return 'holder is dead';
  return undefined;
}

/** The mutex of a lease file (file-mutex.ts): every change to an existing lease is made holding it. */
function lockFileOf(leaseFile: string): string {
  return `${leaseFile}.lock`;
}

/** The exit handler cannot wait long: if the mutex stays taken, the lease is left for our dead pid to free. */
const LOCK_WAIT_AT_EXIT_MS = 250;

function writeReplace(file: string, info: LeaseInfo): void {
  const tmp = `${file}.${process.pid}.${info.token}.new`;
  fs.writeFileSync(tmp, JSON.stringify(info, null, 2) + '\n');
  fs.renameSync(tmp, file);
}

function readLease(file: string): LeaseInfo | undefined {
  return asLease(readJson(file));
}

function asLease(v: Record<string, unknown> | undefined): LeaseInfo | undefined {
  return v && typeof v.pid === 'number' && typeof v.token === 'string' && typeof v.expiresAt === 'string' ? v as unknown as LeaseInfo : undefined;
}

/** The file's text, or undefined if there is no such file. */
