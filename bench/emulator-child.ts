// The emulator CLI (rigs/virtual-camera/cli.ts, what `npm run emulator` runs) as a child
// process of a bench: started with `node --import tsx` directly, not through npm, so the
// child's pid is the emulator's own and /proc/<pid>/stat gives its CPU time (all threads,
// sharp's encoder pool included). Loopback only: --host 127.0.0.1 and free ports (--port 0).
// It stops by itself when the bench dies without a chance to kill it (exit-with-parent.ts).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { killOnExit, stopChild } from './child-cleanup.ts';

export const CAMERA_AUTH = `Basic ${Buffer.from('root:pass').toString('base64')}`;

export interface EmulatorChild {
  child: ChildProcess;
  pid: number;
  /** One URL per camera, virtual-1 first. */
  urls: string[];
  /** CPU time (user + system) the emulator process has used so far, in ms. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ). */
const CLOCK_TICKS = (() => {
  try {
    const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    if (Number.isInteger(n) && n > 0) return n;
  } catch {
    // getconf missing: USER_HZ is 100 on every Linux architecture Node runs on.
  }
  return 100;
})();

/** utime + stime of a process in ms, from /proc/<pid>/stat (Linux only). */
function processCpuMs(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch (e) {
    throw new Error(`cannot read the CPU time of process ${pid} from /proc/${pid}/stat (Linux only; has it exited?): ${(e as Error).message}`);
  }
  // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
  // After ") " come state (field 3) ... utime (field 14) and stime (field 15).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`/proc/${pid}/stat has no utime/stime where expected: ${stat.slice(0, 200)}`);
  return ((utime + stime) * 1000) / CLOCK_TICKS;
}

/**
 * Starts `--count count` cameras and waits (at most `timeoutMs`) for every camera's
 * "listening on" line: `listening on URL` for one camera, `virtual-K: listening on URL` for more.
 */
export async function startEmulator(count: number, timeoutMs = 30_000): Promise<EmulatorChild> {
  if (!Number.isInteger(count) || count < 1 || count > 64) throw new Error(`startEmulator: count must be an integer 1..64, got ${count}`);
  const args = ['--import', 'tsx', '--import', './bench/exit-with-parent.ts', 'rigs/virtual-camera/cli.ts', '--host', '127.0.0.1', '--port', '0', '--count', String(count)];
  // stdin is a pipe only so that it ends when this process does (exit-with-parent.ts).
  const child = killOnExit(spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] }));
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    // A frame that failed to render is news worth seeing during the bench, not after it.
    process.stderr.write(`[emulator] ${d.toString()}`);
  });
  try {
    const urls = await new Promise<string[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the emulator (--count ${count}) did not print every "listening on" line within ${timeoutMs} ms`)), timeoutMs);
      const found = new Map<number, string>();
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (count === 1) {
          const m = /^listening on (http:\/\/\S+)/m.exec(out);
          if (m) found.set(1, m[1]);
        } else {
          for (const m of out.matchAll(/^virtual-(\d+): listening on (http:\/\/\S+)/gm)) found.set(Number(m[1]), m[2]);
        }
        if (found.size === count) {
          clearTimeout(timer);
          resolve(Array.from({ length: count }, (_, i) => found.get(i + 1)!));
        }
      });
      child.once('error', (e) => (clearTimeout(timer), reject(new Error(`the emulator could not be started: ${e.message}`))));
      child.once('exit', (code, signal) => (clearTimeout(timer), reject(new Error(`the emulator exited (${signal ?? `code ${code}`}) before listening: ${stderr.trim().slice(0, 500)}`))));
    });
    const pid = child.pid!;
    return { child, pid, urls, cpuMs: () => processCpuMs(pid), stop: () => stopChild(child) };
  } catch (e) {
    await stopChild(child);
    throw e;
  }
}
