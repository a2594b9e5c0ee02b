// Waiting for a camera to go away and come back (reboot, firmware upgrade, factory
// default). "Answering" means any HTTP status below 500 — a 401 counts, since after a
// factory default the harness's credentials may be refused while the camera is up. Not
// answering: unreachable, a connection dropped or too slow, an answer that is not HTTP,
// or a 5xx (isNoAnswer in errors.ts). Probes go out without credentials (no nonce churn)
// and stay out of the transcript; one note records the outcome instead. A long wait can
// report its progress (lib/camera/progress.ts): what it awaits, for how long so far, and
// its deadline, on a timer independent of the probes.

import { CameraDefect } from '../errors.ts';
import { CameraUnreachableError, isNoAnswer, isUnreachable } from './errors.ts';
import type { CameraResponse, RequestOptions } from './http-types.ts';
import { withProgress, type ProgressOptions } from './progress.ts';
import type { Query } from './query.ts';
import type { Transcript } from './transcript.ts';

/**
 * What the waits use of a client; CameraClient (http.ts) is one. Named here rather than
 * imported: http.ts imports this module, and the two must not import each other.
 */
export interface ProbingClient {
  readonly transcript?: Pick<Transcript, 'note'> | undefined;
  get(path: string, query?: Query, opts?: RequestOptions): Promise<Pick<CameraResponse, 'status'>>;
  waitUntilReachable(timeoutMs: number, opts?: PollOptions): Promise<number>;
  waitUntilUnreachable(timeoutMs: number, opts?: PollOptions): Promise<number>;
  /** Forgets the auth state (the camera forgot its nonces when it restarted). */
  resetAuth(): void;
}

export interface PollOptions extends ProgressOptions {
  /** Cheap GET to poll (default /videostatus.cgi?status=1). */
  path?: string;
  /** Pause between probes, ms (default 250). */
  intervalMs?: number;
  /** Deadline of one probe, ms (default 2000); the last probe may end up to this much after the overall deadline. */
  probeTimeoutMs?: number;
  /** What the progress calls say is awaited (default: `the camera to answer` / `to stop answering`). */
  awaiting?: string;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

/**
 * Resolves with the ms waited once the camera is (un)reachable. At the deadline:
 * waiting for it to answer, a CameraUnreachableError when the last probe could not reach
 * it at all, else a CameraDefect (it was there, but answered with 5xx, dropped the
 * connection or broke HTTP); waiting for it to stop answering, a CameraDefect (only a
 * restart the camera was asked for is waited out this way).
 */
export async function waitUntil(client: ProbingClient, reachable: boolean, timeoutMs: number, opts: PollOptions = {}): Promise<number> {
  if (!(timeoutMs > 0)) throw new Error(`wait timeout must be positive, got ${timeoutMs}`);
  const awaiting = opts.awaiting ?? `the camera to ${reachable ? 'answer' : 'stop answering'}`;
  return withProgress(awaiting, timeoutMs, opts, () => probeUntil(client, reachable, timeoutMs, opts));
}

async function probeUntil(client: ProbingClient, reachable: boolean, timeoutMs: number, opts: PollOptions): Promise<number> {
  const path = opts.path ?? '/videostatus.cgi?status=1';
  const start = Date.now();
  const left = () => timeoutMs - (Date.now() - start);
  let probes = 0;
  let last = 'none';
  let lastUnreachable = true;
  while (left() > 0) {
    probes++;
    let answering: boolean;
    try {
      // Every probe gets its whole deadline, even past the overall one: a probe cut to the
      // last few ms would time out and pass for "not answering" (or "unreachable").
      const res = await client.get(path, undefined, {
        auth: 'none',
        expectStatus: 'any',
        record: false,
        timeoutMs: opts.probeTimeoutMs ?? 2000,
      });
      answering = res.status < 500;
      last = `HTTP ${res.status}`;
      lastUnreachable = false;
    } catch (err) {
      if (!isNoAnswer(err)) throw err;
      answering = false;
      last = (err as Error).message;
      lastUnreachable = isUnreachable(err);
    }
    if (answering === reachable) {
      const waited = Date.now() - start;
      client.transcript?.note(`camera ${reachable ? 'answering' : 'not answering'} after ${waited} ms (${probes} probes of ${path})`);
      return waited;
    }
    await sleep(Math.min(opts.intervalMs ?? 250, left()));
  }
  const summary = `after ${timeoutMs} ms (${probes} probes of ${path}; last: ${last})`;
  client.transcript?.note(`gave up waiting for the camera to ${reachable ? 'answer' : 'stop answering'} ${summary}`);
  if (!reachable) throw new CameraDefect(`camera still answering ${summary}`);
  if (lastUnreachable) throw new CameraUnreachableError(undefined, `still no answer ${summary}`);
  throw new CameraDefect(`camera not answering properly: still no usable answer ${summary}`);
}

export interface RestartOptions extends Omit<PollOptions, 'intervalMs'> {
  /** How long the camera may keep answering after accepting the restart, ms. */
  downWithinMs: number;
  /** How long it may stay away once it went down, ms. */
  backWithinMs: number;
  /** Pause between probes (default 50 ms: a quick restart must not slip between two). */
  intervalMs?: number;
  /** What the camera accepted, for the progress calls: `reboot`, `factory default` (default `restart`). */
  restart?: string;
}

export interface RestartTimes {
  /** ms from the call until the camera stopped answering. */
  downAfterMs: number;
  /** ms from the call until it answered again. */
  backAfterMs: number;
}

/**
 * After the camera accepted a restart (reboot, factory default, firmware upgrade,
 * restore): waits for it to go down and come back, then forgets the auth state (the
 * camera forgot its nonces). Either failing is the camera's fault — it said yes — so both
 * throw a CameraDefect: "accepted a restart and never went down" / "never came back".
 * Call it right after the request that was answered: a restart shorter than intervalMs
 * could be missed.
 */
export async function awaitRestart(client: ProbingClient, opts: RestartOptions): Promise<RestartTimes> {
  const poll: PollOptions = { intervalMs: opts.intervalMs ?? 50, probeTimeoutMs: opts.probeTimeoutMs, onProgress: opts.onProgress, progressEveryMs: opts.progressEveryMs };
  if (opts.path !== undefined) poll.path = opts.path; // else the client's probePath
  const what = opts.restart ?? 'restart';
  const start = Date.now();
  try {
    await client.waitUntilUnreachable(opts.downWithinMs, { ...poll, awaiting: `the camera to go down for the ${what}` });
  } catch (err) {
    if (!(err instanceof CameraDefect)) throw err;
    throw new CameraDefect(`camera accepted a restart and never went down: ${err.message}`, { cause: err });
  }
  const downAfterMs = Date.now() - start;
  try {
    await client.waitUntilReachable(opts.backWithinMs, { ...poll, intervalMs: opts.intervalMs ?? 100, awaiting: `the camera to come back after the ${what}` });
  } catch (err) {
    if (!isUnreachable(err) && !(err instanceof CameraDefect)) throw err;
    const seconds = Math.round(opts.backWithinMs / 100) / 10;
    throw new CameraDefect(`camera went down for a restart and never came back within ${seconds} s: ${(err as Error).message}`, { cause: err });
  }
  client.resetAuth();
  return { downAfterMs, backAfterMs: Date.now() - start };
}
