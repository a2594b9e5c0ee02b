// Waiting for a camera to go away and come back (reboot, firmware upgrade, factory
// default). "Answering" means any HTTP status below 500 — a 401 counts, since after a
// factory default the harness's credentials may be refused while the camera is up.
// Probes go out without credentials (no nonce churn) and stay out of the transcript;
// one note records the outcome instead.

import { CameraUnreachableError, isUnreachable } from './errors.ts';
import type { CameraClient } from './http.ts';

export interface PollOptions {
  /** Cheap GET to poll (default /videostatus.cgi?status=1). */
  path?: string;
  /** Pause between probes, ms (default 250). */
  intervalMs?: number;
  /** Deadline of one probe, ms (default 2000, never beyond the overall deadline). */
  probeTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

/** Resolves with the ms waited once the camera is (un)reachable; throws when the deadline passes. */
export async function waitUntil(client: CameraClient, reachable: boolean, timeoutMs: number, opts: PollOptions = {}): Promise<number> {
  if (!(timeoutMs > 0)) throw new Error(`wait timeout must be positive, got ${timeoutMs}`);
  const path = opts.path ?? '/videostatus.cgi?status=1';
  const start = Date.now();
  const left = () => timeoutMs - (Date.now() - start);
  let probes = 0;
  let last = 'none';
  while (left() > 0) {
    probes++;
    let answering: boolean;
    try {
      const res = await client.get(path, undefined, {
        auth: 'none',
        expectStatus: 'any',
        record: false,
        timeoutMs: Math.max(1, Math.min(opts.probeTimeoutMs ?? 2000, left())),
      });
      answering = res.status < 500;
      last = `HTTP ${res.status}`;
    } catch (err) {
      if (!isUnreachable(err)) throw err;
      answering = false;
      last = (err as Error).message;
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
  if (reachable) throw new CameraUnreachableError(undefined, `still no answer ${summary}`);
  throw new Error(`camera still answering ${summary}`);
}
