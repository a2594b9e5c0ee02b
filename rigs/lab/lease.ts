// An exclusive lease per camera, so two runs never drive the same camera and relay board
// at once. The lease is a lock file holding who has it (pid, host, start, expiry):
//  - created atomically: written under a private name, then link(2)ed into place, which
//    fails if the file exists (O_EXCL semantics, and no reader ever sees it half written);
//  - refreshed while held, so its expiry only passes if the holder stopped running;
//  - taken over when expired, or when its pid is dead on this host;
//  - otherwise refused with an error naming the holder and since when.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

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

export async function acquireLease(camera: string, o: LeaseOptions): Promise<Lease> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(camera)) throw new Error(`lease: camera name ${JSON.stringify(camera)} is not a plain name`);
  if (!Number.isFinite(o.ttlMs) || o.ttlMs < 100) throw new Error(`lease: ttlMs must be at least 100, got ${o.ttlMs}`);
  const dir = o.dir;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${camera}.lease`);
  const now = Date.now();
  const info: LeaseInfo = {
    camera, pid: process.pid, host: os.hostname(),
    startedAt: new Date(now).toISOString(), expiresAt: new Date(now + o.ttlMs).toISOString(), token: randomUUID(),
  };
  // Few rounds: each lost round means someone else just took the lease or a stale one was cleared.
  for (let round = 0; round < 5; round++) {
    if (writeExclusive(file, info)) return startLease(file, info, o);
    const holder = readLease(file);
    if (!holder) {
      if (!fs.existsSync(file)) continue; // released between our attempt and the read
      throw new Error(`lease file ${file} for camera ${JSON.stringify(camera)} is not a lease (edited by hand?); remove it if no run is using the camera`);
    }
    const why = staleReason(holder);
    if (!why) {
      throw new Error(`camera ${JSON.stringify(camera)} is leased by pid ${holder.pid} on ${holder.host} since ${holder.startedAt} (until ${holder.expiresAt} unless refreshed); lease file ${file}`);
    }
    removeStale(file, holder);
  }
  throw new Error(`lease: could not acquire ${file}: it keeps changing hands`);
}

function startLease(file: string, info: LeaseInfo, o: LeaseOptions): Lease {
  let held = true;
  const ours = () => readLease(file)?.token === info.token;
  const drop = () => {
    clearInterval(timer);
    held = false;
    heldFiles.delete(file);
  };
  const timer = setInterval(() => {
    try {
      if (!ours()) return drop();
      info.expiresAt = new Date(Date.now() + o.ttlMs).toISOString();
      writeReplace(file, info); // rename over it: atomic, readers see the old or the new
    } catch {
      drop(); // the directory went away: we cannot vouch for the lease any more
    }
  }, o.refreshMs ?? Math.max(50, Math.floor(o.ttlMs / 3)));
  timer.unref(); // a lease must not keep a finished process alive
  heldFiles.set(file, info.token);
  return {
    camera: info.camera, file, info,
    held: () => held && ours(),
    release: async () => {
      if (held && ours()) fs.rmSync(file, { force: true });
      drop();
    },
  };
}

// Leases still held when the process exits are removed on the way out; after a crash
// (no exit handlers run) the dead pid lets the next run take the lease over.
const heldFiles = new Map<string, string>();
process.once('exit', () => {
  for (const [file, token] of heldFiles) if (readLease(file)?.token === token) fs.rmSync(file, { force: true });
});

function staleReason(l: LeaseInfo): string | undefined {
  if (Date.parse(l.expiresAt) < Date.now()) return 'expired';
  if (l.host === os.hostname() && !pidAlive(l.pid)) return 'holder is dead';
  return undefined;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

// Two runs may find the same stale lease. Each moves the file aside (rename is atomic, so
// only one gets any given file) and checks what it got: if it grabbed a lease someone
// created meanwhile, it puts it back.
function removeStale(file: string, stale: LeaseInfo): void {
  const aside = `${file}.${process.pid}.${randomUUID()}.stale`;
  try {
    fs.renameSync(file, aside);
  } catch {
    return; // someone else moved it first
  }
  const got = readLease(aside);
  if (got && got.token !== stale.token) {
    try {
      fs.linkSync(aside, file);
    } catch {
      // a third run already created a lease; the one we grabbed loses it at its next refresh
    }
  }
  fs.rmSync(aside, { force: true });
}

function writeExclusive(file: string, info: LeaseInfo): boolean {
  const tmp = `${file}.${process.pid}.${info.token}.new`;
  fs.writeFileSync(tmp, JSON.stringify(info, null, 2) + '\n', { flag: 'wx' });
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function writeReplace(file: string, info: LeaseInfo): void {
  const tmp = `${file}.${process.pid}.${info.token}.new`;
  fs.writeFileSync(tmp, JSON.stringify(info, null, 2) + '\n');
  fs.renameSync(tmp, file);
}

function readLease(file: string): LeaseInfo | undefined {
  try {
    const l = JSON.parse(fs.readFileSync(file, 'utf8')) as LeaseInfo;
    return typeof l.pid === 'number' && typeof l.token === 'string' && typeof l.expiresAt === 'string' ? l : undefined;
  } catch {
    return undefined;
  }
}
