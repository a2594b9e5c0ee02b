// Frame timing statistics for a received stream: rate, inter-arrival distribution, gaps,
// stalls, and (when the frames carry the virtual camera's stamp) dropped, repeated and
// reordered frames. Pure functions over plain records, so suites can feed them parts from
// the multipart parser and unit tests can feed them synthetic timelines.

import { createHash } from 'node:crypto';
import { axes, fmt, frame, px, svgDocument, vMarker } from './svg.ts';

export interface TimedFrame {
  /** Receive time in ms (the multipart parser's arrivedAt); must not decrease. */
  arrivedAt: number;
  /** Sequence number from the frame stamp, when the camera writes one. */
  seq?: number;
  /** Capture time from the frame stamp, Unix ms. */
  captureMs?: number;
  /** A digest of the body (see bodyHash) to spot a frame sent twice under a new number. */
  bodyHash?: string;
}

export interface TimingOptions {
  /** Expected interval (1000 / requested fps); the median interval when omitted. */
  nominalIntervalMs?: number;
  /** An interval above gapFactor × nominal is a gap (default 1.5). */
  gapFactor?: number;
  /** An interval above this is a stall (default 1000 ms). */
  stallThresholdMs?: number;
  /** Adds to arrivedAt to put it on the Unix clock of captureMs (e.g. performance.timeOrigin); enables latency. */
  epochOffsetMs?: number;
}

export interface Distribution {
  count: number;
  min: number;
  max: number;
  mean: number;
  stddev: number;
  p50: number;
  p90: number;
  p99: number;
}

export interface IntervalEvent {
  /** Index of the frame that ended the interval. */
  index: number;
  /** arrivedAt of the frame before it. */
  startMs: number;
  intervalMs: number;
}

export interface FrameTiming {
  count: number;
  /** First to last arrival. */
  durationMs: number;
  /** (count - 1) over the first-to-last span; undefined with fewer than two distinct arrival times. */
  fps: number | undefined;
  nominalIntervalMs: number | undefined;
  intervals: Distribution | undefined;
  gaps: { thresholdMs: number | undefined; count: number; list: IntervalEvent[] };
  stalls: { thresholdMs: number; count: number; totalMs: number; list: IntervalEvent[] };
  /** Only when every frame has a seq. */
  sequence?: { dropped: number; droppedRanges: [number, number][]; duplicated: number; outOfOrder: number };
  /** Consecutive frames with the same bodyHash; only when every frame has one. */
  repeatedBodies?: number;
  /** Capture-to-capture intervals (camera side), when every frame has captureMs. */
  captureIntervals?: Distribution;
  /** arrivedAt + epochOffsetMs - captureMs, when both are known. */
  latency?: Distribution;
}

const LIST_CAP = 200;

/** SHA-1 of a body, for TimedFrame.bodyHash. */
export function bodyHash(body: Uint8Array): string {
  return createHash('sha1').update(body).digest('hex');
}

/** Summary of a sample; percentiles interpolate linearly between order statistics. */
export function distribution(values: readonly number[]): Distribution | undefined {
  if (values.length === 0) return undefined;
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  let sum = 0;
  for (const v of sorted) sum += v;
  const mean = sum / n;
  let sq = 0;
  for (const v of sorted) sq += (v - mean) ** 2;
  const pct = (p: number) => {
    const rank = (p / 100) * (n - 1);
    const lo = Math.floor(rank);
    const hi = Math.min(n - 1, lo + 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
  };
  return { count: n, min: sorted[0], max: sorted[n - 1], mean, stddev: Math.sqrt(sq / n), p50: pct(50), p90: pct(90), p99: pct(99) };
}

export function frameTiming(frames: readonly TimedFrame[], options: TimingOptions = {}): FrameTiming {
  const gapFactor = positive(options.gapFactor ?? 1.5, 'gapFactor');
  const stallThresholdMs = positive(options.stallThresholdMs ?? 1000, 'stallThresholdMs');
  if (options.nominalIntervalMs !== undefined) positive(options.nominalIntervalMs, 'nominalIntervalMs');
  if (!Array.isArray(frames)) throw new Error('frameTiming: frames must be an array');
  frames.forEach((f, i) => {
    if (!f || !Number.isFinite(f.arrivedAt)) throw new Error(`frameTiming: frame ${i} has no finite arrivedAt`);
    if (i > 0 && f.arrivedAt < frames[i - 1].arrivedAt) {
      throw new Error(`frameTiming: arrivedAt goes backwards at frame ${i} (${frames[i - 1].arrivedAt} then ${f.arrivedAt})`);
    }
  });

  const intervals = frames.slice(1).map((f, i) => f.arrivedAt - frames[i].arrivedAt);
  const dist = distribution(intervals);
  const nominal = options.nominalIntervalMs ?? dist?.p50;
  const durationMs = frames.length > 0 ? frames[frames.length - 1].arrivedAt - frames[0].arrivedAt : 0;
  const gapThreshold = nominal !== undefined && nominal > 0 ? nominal * gapFactor : undefined;
  const gaps = eventsAbove(frames, intervals, gapThreshold);
  const stalls = eventsAbove(frames, intervals, stallThresholdMs);

  const result: FrameTiming = {
    count: frames.length,
    durationMs,
    fps: frames.length >= 2 && durationMs > 0 ? ((frames.length - 1) * 1000) / durationMs : undefined,
    nominalIntervalMs: nominal,
    intervals: dist,
    gaps: { thresholdMs: gapThreshold, count: gaps.count, list: gaps.list },
    stalls: { thresholdMs: stallThresholdMs, ...stalls },
  };

  const withSeq = frames.filter((f) => f.seq !== undefined).length;
  if (withSeq > 0 && withSeq < frames.length) {
    throw new Error(`frameTiming: ${withSeq} of ${frames.length} frames have a seq; give it for all or none`);
  }
  if (withSeq > 0) result.sequence = sequenceStats(frames.map((f) => f.seq as number));
  if (frames.length > 0 && frames.every((f) => typeof f.bodyHash === 'string')) {
    result.repeatedBodies = frames.filter((f, i) => i > 0 && f.bodyHash === frames[i - 1].bodyHash).length;
  }
  if (frames.length > 0 && frames.every((f) => Number.isFinite(f.captureMs))) {
    const captures = frames.map((f) => f.captureMs as number);
    result.captureIntervals = distribution(captures.slice(1).map((c, i) => c - captures[i]));
    if (options.epochOffsetMs !== undefined) {
      result.latency = distribution(frames.map((f) => f.arrivedAt + (options.epochOffsetMs as number) - (f.captureMs as number)));
    }
  }
  return result;
}

/** Intervals longer than threshold: exact count and total, the first LIST_CAP listed. */
function eventsAbove(frames: readonly TimedFrame[], intervals: number[], threshold: number | undefined) {
  const list: IntervalEvent[] = [];
  let count = 0;
  let totalMs = 0;
  if (threshold !== undefined) {
    intervals.forEach((intervalMs, i) => {
      if (intervalMs <= threshold) return;
      count++;
      totalMs += intervalMs;
      if (list.length < LIST_CAP) list.push({ index: i + 1, startMs: frames[i].arrivedAt, intervalMs });
    });
  }
  return { count, totalMs, list };
}

/** Dropped = numbers missing between the lowest and highest seen; late frames are not drops. */
function sequenceStats(seqs: number[]): NonNullable<FrameTiming['sequence']> {
  seqs.forEach((s, i) => {
    if (!Number.isSafeInteger(s) || s < 0) throw new Error(`frameTiming: frame ${i} has seq ${s}, not a non-negative integer`);
  });
  const seen = new Set<number>();
  let duplicated = 0;
  let outOfOrder = 0;
  let highest = -1;
  for (const s of seqs) {
    if (seen.has(s)) duplicated++;
    else if (s < highest) outOfOrder++;
    seen.add(s);
    highest = Math.max(highest, s);
  }
  const unique = Float64Array.from(seen).sort();
  const droppedRanges: [number, number][] = [];
  let dropped = 0;
  for (let i = 1; i < unique.length; i++) {
    const missing = unique[i] - unique[i - 1] - 1;
    if (missing <= 0) continue;
    dropped += missing;
    if (droppedRanges.length < LIST_CAP) droppedRanges.push([unique[i - 1] + 1, unique[i] - 1]);
  }
  return { dropped, droppedRanges, duplicated, outOfOrder };
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`frameTiming: ${name} must be a positive number (got ${value})`);
  return value;
}

/**
 * A small self-contained SVG bar chart of the interval distribution for the report: bins from
 * 0 to a little past 2 × nominal (longer intervals pile into a last "≥" bin), with the nominal
 * interval and the gap threshold marked.
 */
export function intervalHistogramSvg(intervals: readonly number[], nominalMs: number, options: { gapFactor?: number; bins?: number } = {}): string {
  if (!Number.isFinite(nominalMs) || nominalMs <= 0) throw new Error(`intervalHistogramSvg: nominalMs must be a positive number (got ${nominalMs})`);
  if (intervals.some((v) => !Number.isFinite(v) || v < 0)) throw new Error('intervalHistogramSvg: intervals must be finite and non-negative');
  const gapFactor = options.gapFactor ?? 1.5;
  const bins = Math.max(4, Math.min(200, Math.round(options.bins ?? 40)));
  const f = frame(480, 200, { left: 40, right: 10, top: 24, bottom: 30 });
  const xMax = Math.max(2, gapFactor + 0.5) * nominalMs;
  const counts = new Array<number>(bins + 1).fill(0); // last slot: overflow
  for (const v of intervals) counts[v >= xMax ? bins : Math.floor((v / xMax) * bins)]++;
  const peak = Math.max(1, ...counts);
  const barW = f.plotW / (bins + 1);
  const x = (ms: number) => f.left + (Math.min(ms, xMax) / xMax) * bins * barW;
  const d = distribution(intervals);
  const title = d
    ? `${d.count} intervals: p50 ${fmt(d.p50)} ms, p99 ${fmt(d.p99)} ms, max ${fmt(d.max)} ms (nominal ${fmt(nominalMs)} ms)`
    : `no intervals (nominal ${fmt(nominalMs)} ms)`;
  const bars = counts.map((c, i) => {
    if (c === 0) return '';
    const h = (c / peak) * f.plotH;
    const fill = i === bins ? '#c0392b' : '#4a7bb7';
    return `<rect x="${px(f.left + i * barW)}" y="${px(f.top + f.plotH - h)}" width="${px(Math.max(1, barW - 1))}" height="${px(h)}" fill="${fill}"><title>${c}</title></rect>`;
  });
  return svgDocument(f, title, [
    ...bars,
    vMarker(f, x(nominalMs), '#27ae60', 'nominal'),
    vMarker(f, x(gapFactor * nominalMs), '#e67e22', 'gap'),
    ...axes(f, {
      // The last bin's own label stands at xMax.
      xTicks: [0, nominalMs, 2 * nominalMs].filter((ms) => ms < xMax).map((ms) => ({ at: x(ms), label: fmt(ms) })),
      yTicks: [{ at: f.top + 5, label: String(peak) }, { at: f.top + f.plotH - 3, label: '0' }],
      xLabel: 'inter-frame interval (ms)',
    }),
    `<text x="${f.left + f.plotW}" y="${f.top + f.plotH + 14}" text-anchor="end">≥${fmt(xMax)} ms</text>`,
  ]);
}
