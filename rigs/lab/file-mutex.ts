// A short mutex in a file, for the read-check-write steps on lease files (rigs/lab/lease.ts)
// between processes, and the atomic file primitives both use.
//
// Made like a lease (written aside, linked into place) rather than opened with O_EXCL, so it is
// never seen empty and always names its holder. Nobody keeps it past a synchronous block, so one
// that is still there when its pid is dead on this host, or older than LOCK_STUCK_MS (a holder on
// another host crashed, or a process was stopped in the middle), is cleared. Waiting polls every
// few ms for at most LOCK_WAIT_MS, longer than LOCK_STUCK_MS so that a stuck mutex is cleared
// before anyone gives up on it. What this cannot rule out: a process stopped for LOCK_STUCK_MS
// inside its block loses the mutex while it still acts, and so may the holder of a fresh mutex
// that two runs clearing the same stale one moved aside, if a third took it in the microseconds
// before it was put back (see clearStaleLock). Both need a crash or a stall of seconds first.

import fs from 'node:fs';
import os from 'node:os';
import { randomUUID } from 'node:crypto';

const LOCK_STUCK_MS = 2_000;
const LOCK_WAIT_MS = 2_500;

export class LockBusyError extends Error {}

/** Runs `act` holding the mutex; waits for it without blocking the event loop. */
export async function underLock<T>(lock: string, act: () => T, o: { keepAlive?: boolean } = {}): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    const token = tryLock(lock);
    if (token) return actAndUnlock(lock, token, act);
    if (Date.now() >= deadline) throw lockBusy(lock, LOCK_WAIT_MS);
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, pollMs());
      if (o.keepAlive === false) t.unref(); // the refresh must not keep a finished process alive
    });
  }
}

/** The same for the exit handler, where nothing asynchronous runs any more. */
export function underLockSync<T>(lock: string, act: () => T, waitMs: number): T {
  const deadline = Date.now() + waitMs;
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    const token = tryLock(lock);
    if (token) return actAndUnlock(lock, token, act);
    if (Date.now() >= deadline) throw lockBusy(lock, waitMs);
    Atomics.wait(sleeper, 0, 0, pollMs());
  }
}

// Jittered, so that waiters do not retry in step.
const pollMs = () => 1 + Math.random() * 4;

function actAndUnlock<T>(lock: string, token: string, act: () => T): T {
  try {
    return act();
  } finally {
    // Only our own: had we stalled past LOCK_STUCK_MS, ours may have been cleared and taken anew.
    if (readJson(lock)?.token === token) fs.rmSync(lock, { force: true });
  }
}

/** One try at the mutex, clearing a stale one on the way: our token, or undefined when it is taken. */
function tryLock(lock: string): string | undefined {
  const me = { pid: process.pid, host: os.hostname(), token: randomUUID() };
  if (writeExclusive(lock, me)) return me.token;
  if (clearStaleLock(lock) && writeExclusive(lock, me)) return me.token;
  return undefined;
}

interface LockState { text: string; ageMs: number; pid?: number; host?: string }

function lockState(lock: string): LockState | undefined {
  let fd: number;
  try {
    fd = fs.openSync(lock, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    // Age and text from one open file: by name they could belong to two different mutexes.
    const ageMs = Date.now() - fs.fstatSync(fd).mtimeMs;
    const text = fs.readFileSync(fd, 'utf8');
    const { pid, host } = parseJson(text) ?? {};
    return { text, ageMs, ...(typeof pid === 'number' && typeof host === 'string' ? { pid, host } : {}) };
  } finally {
    fs.closeSync(fd);
  }
}

function lockIsStale(s: LockState): boolean {
  if (s.ageMs > LOCK_STUCK_MS) return true;
  return s.pid !== undefined && s.host === os.hostname() && !pidAlive(s.pid);
}

/**
 * Clears a stale mutex: true when there is none any more (worth trying to take it right away).
 * Two waiters may find the same stale one; each moves it aside (rename is atomic, so only one
 * gets any given file) and checks what it got: a live mutex taken meanwhile is put back.
 */
function clearStaleLock(lock: string): boolean {
  const seen = lockState(lock);
  if (!seen) return true;
  if (!lockIsStale(seen)) return false;
  const aside = `${lock}.${process.pid}.${randomUUID()}.stale`;
  try {
    fs.renameSync(lock, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true; // someone else moved it first
    throw err;
  }
  if (fs.readFileSync(aside, 'utf8') !== seen.text) {
    try {
      fs.linkSync(aside, lock);
    } catch {
      // a third run took the mutex in these microseconds: both it and the one we moved think they hold it
    }
  }
  fs.rmSync(aside, { force: true });
  return true;
}

function lockBusy(lock: string, waitedMs: number): LockBusyError {
  let by = '';
  try {
    const s = lockState(lock);
    if (s?.pid !== undefined) by = ` by pid ${s.pid} on ${s.host}`;
  } catch {
    // the message names the file, which is what matters
  }
  return new LockBusyError(`lease: lock file ${lock} stayed taken${by} for ${waitedMs} ms; remove it if no run is using the camera`);
}


export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

// --- Files ------------------------------------------------------------------------------------

/** Creates `file` with `content`, unless it exists: false then. Readers never see it half written. */
export function writeExclusive(file: string, content: { token: string }): boolean {
  const tmp = `${file}.${process.pid}.${content.token}.new`;
  fs.writeFileSync(tmp, JSON.stringify(content, null, 2) + '\n', { flag: 'wx' });
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

export function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** The file's JSON object; undefined if it is missing, unreadable or not a JSON object. */
export function readJson(file: string): Record<string, unknown> | undefined {
  try {
    const text = readText(file);
    return text === undefined ? undefined : parseJson(text);
  } catch {
    return undefined;
  }
}

export function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? v as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}
