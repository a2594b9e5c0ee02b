// Test helper: lease and mutex files as other runs would have left them, and child processes
// that talk to the test over IPC.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LeaseInfo } from '../../../../rigs/lab/lease.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** A lease file as another run would have left it: live, held by this process unless `info` says otherwise. */
export function plantLease(dir: string, camera: string, info: Partial<LeaseInfo>): void {
  const now = Date.now();
  fs.writeFileSync(path.join(dir, `${camera}.lease`), JSON.stringify({
    camera, pid: process.pid, host: os.hostname(), startedAt: new Date(now - 60_000).toISOString(),
    expiresAt: new Date(now + 60_000).toISOString(), token: 'planted', ...info,
  }));
}

/** A camera's mutex as a run in the middle of a refresh, release or take-over holds it; `ageMs` old. */
export function plantLock(dir: string, camera: string, holder: { pid: number; host?: string }, ageMs = 0): string {
  const lock = path.join(dir, `${camera}.lease.lock`);
  fs.writeFileSync(lock, JSON.stringify({ host: os.hostname(), ...holder, token: 'planted-lock' }));
  const at = new Date(Date.now() - ageMs);
  fs.utimesSync(lock, at, at);
  return lock;
}

/** A pid that certainly ran on this host and is dead now. */
export function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

export interface Child<In, Out> {
  readonly process: ChildProcess;
  /** The child's next message; rejects if it exits first. */
  next(): Promise<Out>;
  /** Sends `message`, then waits for the child's next message. */
  ask(message: In): Promise<Out>;
}

/** Starts `node --import tsx <script> ...args` in the repository root, with an IPC channel; stderr passes through. */
export function startChild<In, Out>(script: string, args: string[]): Child<In, Out> {
  const p = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const inbox: Out[] = [];
  const waiting: { resolve: (m: Out) => void; reject: (e: Error) => void }[] = [];
  let exited: Error | undefined;
  p.on('message', (m) => {
    const w = waiting.shift();
    if (w) w.resolve(m as Out);
    else inbox.push(m as Out);
  });
  p.once('exit', (code, signal) => {
    exited = new Error(`${script} exited (${signal ?? `code ${code}`}) before its next message`);
    for (const w of waiting.splice(0)) w.reject(exited);
  });
  const next = () => new Promise<Out>((resolve, reject) => {
    if (inbox.length) resolve(inbox.shift()!);
    else if (exited) reject(exited);
    else waiting.push({ resolve, reject });
  });
  return {
    process: p,
    next,
    ask: (message) => {
      p.send(message as object);
      return next();
    },
  };
}
