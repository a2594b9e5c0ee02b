// Progress of a long wait (a reboot, a factory default, a firmware upgrade, a PTZ head coming
// to rest). A camera may take minutes to come back; someone watching the console must see
// that the harness is alive, what it is waiting for and how long it will wait. The library
// only calls a listener on a timer; what a tick becomes (a console line, a report step) is
// the caller's business: lib/ knows nothing of Playwright (fixtures/progress.ts does that).

export interface WaitProgress {
  /** What is awaited, to read after "waiting for": `the camera to come back after the reboot`. */
  awaiting: string;
  /** ms since this wait began. */
  elapsedMs: number;
  /** ms this wait may last before it gives up. */
  deadlineMs: number;
}

export type ProgressListener = (p: WaitProgress) => void;

export interface ProgressOptions {
  /** Called every progressEveryMs while a wait lasts; a wait shorter than that is never reported. */
  onProgress?: ProgressListener;
  /** Interval of the calls, ms (default DEFAULT_PROGRESS_EVERY_MS). */
  progressEveryMs?: number;
}

/** A line at least every 10 s: long enough to stay quiet on a quick wait, short enough to read as alive. */
export const DEFAULT_PROGRESS_EVERY_MS = 10_000;

/** `20 s`, `1.5 s`, `0.4 s`: whole seconds from 10 s up, tenths below. */
export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${s >= 10 ? Math.round(s) : Number(s.toFixed(1))} s`;
}

/** `waiting for the camera to come back after the reboot: 20 s of 120 s` */
export function formatProgress(p: WaitProgress): string {
  return `waiting for ${p.awaiting}: ${formatSeconds(p.elapsedMs)} of ${formatSeconds(p.deadlineMs)}`;
}

/**
 * Runs `wait`, calling opts.onProgress at progressEveryMs, 2×, 3× ... after the start until it
 * settles (ticks are due at those multiples, not an interval after the previous one, so a
 * late timer does not push every later line back; a tick missed by a stalled event loop is
 * skipped). A listener that throws is a harness defect: the ticks stop and its error is
 * thrown once the wait has settled (a timer cannot throw into the wait); the wait's own
 * failure wins over it.
 */
export async function withProgress<T>(awaiting: string, deadlineMs: number, opts: ProgressOptions | undefined, wait: () => Promise<T>): Promise<T> {
  const listener = opts?.onProgress;
  if (!listener) return wait();
  const every = opts.progressEveryMs ?? DEFAULT_PROGRESS_EVERY_MS;
  if (!(every > 0)) throw new Error(`progress interval must be a positive number of ms, got ${every}`);
  const start = Date.now();
  let ticks = 0;
  let failure: { error: unknown } | undefined;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    timer = setTimeout(tick, Math.max(0, start + (ticks + 1) * every - Date.now()));
  };
  const tick = () => {
    const elapsedMs = Date.now() - start;
    try {
      listener({ awaiting, elapsedMs, deadlineMs });
    } catch (error) {
      failure = { error };
      return;
    }
    ticks = Math.max(ticks + 1, Math.floor(elapsedMs / every));
    arm();
  };
  arm();
  let result: T;
  try {
    result = await wait();
  } finally {
    clearTimeout(timer);
  }
  if (failure) throw failure.error;
  return result;
}
