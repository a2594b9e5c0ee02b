// Safe state for the rig: whatever the harness switched on is switched off again, on
// restore(), and when the run dies of SIGINT, SIGTERM or an uncaught error (an unhandled
// rejection becomes one). A camera input left active or a lamp left burning would skew
// the next run's results without anyone noticing. process.exit() allows no serial I/O:
// callers restore() in a finally block; a forgotten one is reported at exit.
//
// The process handlers are installed once, at the first guardBoard(). They never swallow
// the event: when ours is the only handler, a signal is re-raised after cleanup (the
// process dies of it, exit status 128+n) and an uncaught error is printed and exits 1, as
// Node would have done; when other handlers exist (a test runner), they decide the rest.

import type { RelayBoard, RelayChannel, SenseInput } from './protocol.ts';
import { RelayError } from './errors.ts';

export interface GuardedBoard extends RelayBoard {
  /** Switches off every channel switched on through this board; resolves with their numbers. */
  restore(): Promise<number[]>;
}

const RESTORE_DEADLINE_MS = 5000;
const live = new Set<SafeBoard>();
let installed = false;
let restoring: Promise<void> | undefined;

class SafeBoard implements GuardedBoard {
  private readonly switchedOn = new Set<number>();

  constructor(private readonly board: RelayBoard) {}

  channel(n: number): RelayChannel {
    const inner = this.board.channel(n);
    return {
      set: async (on) => {
        // Noted before the command: a reply lost after the board acted still needs undoing.
        if (on) this.switchedOn.add(n);
        await inner.set(on);
      },
      get: () => inner.get(),
    };
  }

  sense(n: number): SenseInput | undefined {
    return this.board.sense(n);
  }

  describe(): string {
    return this.board.describe();
  }

  async restore(): Promise<number[]> {
    const done: number[] = [];
    const failed: string[] = [];
    for (const n of [...this.switchedOn].sort((a, b) => a - b)) {
      try {
        await this.board.channel(n).set(false);
        this.switchedOn.delete(n);
        done.push(n);
      } catch (err) {
        failed.push(`channel ${n}: ${(err as Error).message}`);
      }
    }
    if (failed.length) throw new RelayError('io', `${this.describe()}: could not switch off ${failed.join('; ')}`);
    return done;
  }

  pending(): boolean {
    return this.switchedOn.size > 0;
  }

  async close(): Promise<void> {
    live.delete(this);
    await this.board.close();
  }
}

/** Wraps a board so that its switched-on channels are switched off again (see above). */
export function guardBoard(board: RelayBoard): GuardedBoard {
  const guarded = new SafeBoard(board);
  live.add(guarded);
  install();
  return guarded;
}

/** Restores every guarded board still open, within a deadline; reports on stderr. */
function restoreAll(reason: string): Promise<void> {
  restoring ??= (async () => {
    const work = Promise.allSettled([...live].filter((b) => b.pending()).map(async (b) => {
      try {
        const off = await b.restore();
        if (off.length) console.error(`safe state (${reason}): switched off channel ${off.join(', ')} of ${b.describe()}`);
      } catch (err) {
        console.error(`safe state (${reason}): ${(err as Error).message}`);
      }
    }));
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => { timer = setTimeout(resolve, RESTORE_DEADLINE_MS); });
    await Promise.race([work, deadline]);
    clearTimeout(timer);
  })().finally(() => { restoring = undefined; });
  return restoring;
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const onSignal = () => {
      void restoreAll(signal).then(() => {
        process.removeListener(signal, onSignal);
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
    };
    process.on(signal, onSignal);
  }
  const onUncaught = (err: unknown) => {
    if (process.listenerCount('uncaughtException') === 1) console.error(err);
    void restoreAll('uncaught error').then(() => {
      if (process.listenerCount('uncaughtException') === 1) process.exit(1);
    });
  };
  process.on('uncaughtException', onUncaught);
  // process.exit() leaves no time for serial I/O (exit handlers are synchronous): the
  // least we can do is say which relays a caller forgot to restore before exiting.
  process.on('exit', () => {
    for (const b of live) if (b.pending()) console.error(`safe state: exiting with channels still on at ${b.describe()} (restore() was not called)`);
  });
}
