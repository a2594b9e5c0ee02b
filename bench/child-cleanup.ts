// The child processes a bench starts (emulator, reader processes) must not outlive it: not
// after a normal end, not after an error, not after Ctrl-C. Every child is tracked here and
// killed when the bench process exits for any reason Node lets it run code for (exit,
// uncaught error, SIGINT, SIGTERM, SIGHUP). For a bench killed with SIGKILL the children see
// to it themselves: a reader exits when its IPC channel closes (stream-reader.ts), the
// emulator when its stdin ends (exit-with-parent.ts).
import type { ChildProcess } from 'node:child_process';

const live = new Set<ChildProcess>();
let installed = false;

function killAll(signal: NodeJS.Signals): void {
  for (const child of live) if (child.exitCode === null && child.signalCode === null) child.kill(signal);
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', () => killAll('SIGKILL'));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping the bench's child processes`);
      killAll('SIGTERM');
      // 128 + signal number, as a shell reports a process ended by that signal.
      process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const)[signal]);
    });
  }
}

/** Kills `child` when this process ends, unless it has exited before. */
export function killOnExit<T extends ChildProcess>(child: T): T {
  install();
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** SIGTERM, then SIGKILL if the child has not exited within `graceMs`; resolves once it has exited (or 2 s after the SIGKILL). */
export function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    // A child that never spawned may never emit 'exit': do not wait for it for ever.
    const giveUp = setTimeout(done, graceMs + 2000);
    function done() {
      clearTimeout(force);
      clearTimeout(giveUp);
      resolve();
    }
    child.once('exit', done);
    child.kill('SIGTERM');
  });
}
