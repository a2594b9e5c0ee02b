// The test host's own lag during a timing measurement, and the rule that decides whether it
// explains a breach. A timing value is the camera's only if the harness noticed the events
// when they happened: when the harness's event loop was stalled (a busy CI host, another
// engineer's build), frames and edges are timestamped late and a breach may be the host's.
//
//   const mon = startLagMonitor({ periodMs: 1000 / fps });   // before the window
//   ...measurement window...
//   measure('mjpeg.interval.p99', p99, { unit: 'ms', lag: mon.stop() });
//
// The measure fixture records the lag beside the value; when the rule below says the lag
// explains a breach, the failure is a LabProblem ("re-run on a quiet host"), and the sign-off
// (verdict.ts) files it under ERROR, not FAIL.

import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fmt, type Limits } from './limits.ts';

/** What the host did during one measurement window. */
export interface HostLag {
  /** 99th percentile of the harness's event-loop delay over the window, ms. */
  p99Ms: number;
  /** Longest event-loop stall over the window, ms. */
  maxMs: number;
  /** How long the monitor ran, ms. */
  windowMs: number;
  /** 1-minute load average at the end of the window (0 on Windows). */
  load1: number;
  cores: number;
  /**
   * How long the harness must stall to add one to a count measured in this window: one frame
   * interval for dropped frames, the gap threshold for audio dropouts. Absent: the window
   * measured no count.
   */
  periodMs?: number;
}

export interface LagMonitor {
  /** Ends the window (idempotent: later calls return the same figures). */
  stop(): HostLag;
}

/**
 * The sampler fires every RESOLUTION_MS and records the time since its previous firing, so a
 * quiet loop reads RESOLUTION_MS: the delay is what exceeds it.
 */
const RESOLUTION_MS = 10;

/**
 * A stall shorter than this is what any test host shows (timer jitter, a garbage collection):
 * re-running on a quieter host would not remove it, so it never excuses a breach — otherwise a
 * camera just over its limit would be sent back to the lab forever instead of failing.
 */
export const QUIET_HOST_LAG_MS = RESOLUTION_MS;

export function startLagMonitor(opts: { periodMs?: number } = {}): LagMonitor {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  const started = performance.now();
  histogram.enable();
  let result: HostLag | undefined;
  return {
    stop() {
      if (result) return result;
      histogram.disable();
      const delay = (ns: number) => (histogram.count > 0 && Number.isFinite(ns) ? round(Math.max(0, ns / 1e6 - RESOLUTION_MS)) : 0);
      result = {
        p99Ms: delay(histogram.percentile(99)),
        maxMs: delay(histogram.max),
        windowMs: round(performance.now() - started),
        load1: round(os.loadavg()[0]),
        cores: os.availableParallelism(),
        ...(opts.periodMs !== undefined ? { periodMs: opts.periodMs } : {}),
      };
      return result;
    },
  };
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

/**
 * How many ms of harness stall can move a measurement by one of its units, or undefined when
 * no stall of the harness can (the lag never explains such a breach):
 *   ms, s     a duration between two events the harness timestamps: each timestamp is late
 *             by at most the longest stall, so a stall of N ms moves it by at most N ms;
 *   %         the relative error of a rate counted over the window (mjpeg.fps.error): a stall
 *             at the window's edge moves its duration, so windowMs/100 ms move it by 1 %;
 *   frames, count   events counted over the window: a stall of one period makes one event
 *             late or missing (needs the monitor's periodMs).
 */
export function msPerUnit(unit: string | undefined, lag: HostLag): number | undefined {
  switch (unit) {
    case 'ms': return 1;
    case 's': return 1000;
    case '%': return lag.windowMs > 0 ? lag.windowMs / 100 : undefined;
    case 'frames':
    case 'count': return lag.periodMs && lag.periodMs > 0 ? lag.periodMs : undefined;
    default: return undefined;
  }
}

/** The crossed limit and how far beyond it the value is (positive), for a value out of its limits. */
export function breachOf(value: number, limits: Limits | undefined): { limit: number; excess: number } | undefined {
  if (!Number.isFinite(value) || !limits) return undefined;
  if (limits.max !== undefined && value > limits.max) return { limit: limits.max, excess: value - limits.max };
  if (limits.min !== undefined && value < limits.min) return { limit: limits.min, excess: limits.min - value };
  return undefined;
}

/**
 * The lab-vs-camera rule. A measurement out of its limits is the test host's problem, not the
 * camera's, when both hold:
 *   1. the host really stalled: its longest event-loop stall is at least QUIET_HOST_LAG_MS;
 *   2. that stall is enough to carry the value across the limit: maxMs >= excess × msPerUnit.
 * A non-finite value, a unit no stall can move, or a value inside its limits is never explained.
 * Returns the sentence that says so (for the LabProblem and the sign-off), or undefined.
 */
export function lagExplanation(m: { name: string; value: number; unit?: string; limits?: Limits }, lag: HostLag | undefined): string | undefined {
  if (!lag) return undefined;
  const breach = breachOf(m.value, m.limits);
  const scale = msPerUnit(m.unit, lag);
  if (!breach || scale === undefined) return undefined;
  if (lag.maxMs < QUIET_HOST_LAG_MS || lag.maxMs < breach.excess * scale) return undefined;
  const u = m.unit ? ` ${m.unit}` : '';
  return `${m.name} = ${fmt(m.value)}${u} breaches ${fmt(breach.limit)}${u}, but the test host itself lagged ${fmt(lag.maxMs)} ms (event-loop delay max) with load ${fmt(lag.load1)} on ${lag.cores} cores: a lab problem, re-run on a quiet host`;
}

/** Short form for tables: `max 52 ms, p99 12 ms, load 3.1/2 cores`. */
export function describeLag(lag: HostLag | undefined): string {
  if (!lag) return '';
  return `max ${fmt(lag.maxMs)} ms, p99 ${fmt(lag.p99Ms)} ms, load ${fmt(lag.load1)}/${lag.cores} cores`;
}

/** Reads a HostLag back from JSON; undefined when absent, an Error naming the problem when malformed. */
export function parseHostLag(raw: unknown, where: string): HostLag | undefined {
  if (raw === undefined || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const num = (k: string) => {
    if (typeof r[k] !== 'number' || !Number.isFinite(r[k])) throw new Error(`${where}: host lag field ${k} is not a number`);
    return r[k] as number;
  };
  if (typeof raw !== 'object') throw new Error(`${where}: host lag is not an object`);
  const lag: HostLag = { p99Ms: num('p99Ms'), maxMs: num('maxMs'), windowMs: num('windowMs'), load1: num('load1'), cores: num('cores') };
  if (r.periodMs !== undefined) lag.periodMs = num('periodMs');
  return lag;
}
