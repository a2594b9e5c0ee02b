// The emulator CLI as a child process for the fleet tests: started in its own process group,
// so stopping it stops everything it started (its socat boards too), and never outliving a
// broken test.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = 'rigs/virtual-camera/cli.ts';

export interface EmulatorProcess {
  out(): string;
  err(): string;
  /** Resolves with the match once stdout matches `re`; rejects if the process ends first. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** The exit code (null after a signal). */
  exited: Promise<number | null>;
  /** SIGTERM to the whole process group, then waits for the exit. */
  stop(): Promise<number | null>;
}

/** `lifetimeMs`: the emulator is killed after this long whatever happens (a test that forgot it). */
export function emulator(args: string[], lifetimeMs = 30_000): EmulatorProcess {
  const p = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  let err = '';
  let done = false;
  const group = (signal: NodeJS.Signals) => {
    try {
      if (!done) process.kill(-p.pid!, signal);
    } catch {
      // the group is gone already
    }
  };
  const killer = setTimeout(() => group('SIGKILL'), lifetimeMs);
  const exited = new Promise<number | null>((resolve) =>
    p.on('exit', (code) => {
      done = true;
      clearTimeout(killer);
      resolve(code);
    }),
  );
  p.stdout.on('data', (d) => (out += d));
  p.stderr.on('data', (d) => (err += d));
  return {
    out: () => out,
    err: () => err,
    exited,
    async waitFor(re, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const m = re.exec(out);
        if (m) return m;
        if (done) throw new Error(`emulator exited before printing ${re}:\n${out}${err}`);
        if (Date.now() > deadline) throw new Error(`emulator did not print ${re} within ${timeoutMs} ms:\n${out}${err}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async stop() {
      group('SIGTERM');
      return exited;
    },
  };
}

/** Whether something accepts connections on 127.0.0.1:port. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

/** A server on 127.0.0.1 holding a port; `port` 0 picks a free one. Rejects when the port is taken. */
async function occupy(port = 0): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer((s) => s.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/**
 * Three consecutive ports of which the middle one is held by a server of ours and the two
 * outer ones were free a moment ago: [first, held] (the caller closes `held`). They are taken
 * below Linux's ephemeral range (32768..60999 by default), where no other test's outgoing
 * connection can be given one of the outer two between this check and the emulator's bind
 * (it happened: the emulator then named the first port, not the middle one).
 */
export async function portsWithMiddleTaken(): Promise<{ first: number; held: Awaited<ReturnType<typeof occupy>> }> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = 20_000 + Math.floor(Math.random() * 12_000);
    const held = await occupy(first + 1).catch(() => undefined);
    if (!held) continue;
    const outer = await Promise.all([first, first + 2].map((p) => occupy(p).then((s) => s.close().then(() => true), () => false)));
    if (outer.every(Boolean)) return { first, held };
    await held.close();
  }
  throw new Error('found no three consecutive ports with the outer two free');
}
