// Charts for the report, where a picture says more than a table: the I/O timeline (what the
// harness did and when the camera or the rig answered, latencies marked), frame intervals
// over time against the nominal interval and the profile's limits, and the spectrum around
// the audio test tone. Self-contained SVG built on svg.ts; bad input is an error naming
// what was wrong, never an empty or misleading picture.

import type { SpectrumPoint } from './tone.ts';
import { axes, escapeXml, fmt, frame, hMarker, px, requireFinite, scale, spreadLabels, svgDocument, textWidth, ticks, vMarker } from './svg.ts';

export interface TimelineEvent {
  /** The row it is drawn on, e.g. "relay", "input seen"; rows appear in order of first use. */
  lane: string;
  /** When it happened, ms on any clock (performance.now()); drawn relative to the earliest. */
  atMs: number;
  label: string;
  /** When it ended (e.g. the relay board's acknowledgement): drawn as a bar from atMs. */
  endMs?: number;
}

export interface TimelineLatency {
  /** Indices into the events: from the one that caused it to the one that showed it. */
  from: number;
  to: number;
  /** Shown beside the bracket; default: the time between the two events, "12.3 ms". */
  label?: string;
}

const LANE_COLOURS = ['#4a7bb7', '#27ae60', '#8e44ad', '#e67e22', '#16a085', '#c0392b'];

/**
 * Events on lanes over time, and brackets under the lanes from cause to effect, each labelled
 * with its latency. Latency brackets go on as many rows as they need not to overlap.
 */
export function timelineSvg(events: readonly TimelineEvent[], latencies: readonly TimelineLatency[] = [], title = 'timeline'): string {
  if (!events.length) throw new Error('timelineSvg: no events to draw');
  events.forEach((e, i) => {
    if (typeof e.lane !== 'string' || !e.lane) throw new Error(`timelineSvg: event ${i} has no lane`);
    requireFinite([e.atMs, ...(e.endMs === undefined ? [] : [e.endMs])], `timelineSvg: event ${i} (${e.label})`);
    if (e.endMs !== undefined && e.endMs < e.atMs) throw new Error(`timelineSvg: event ${i} (${e.label}) ends before it starts`);
  });
  latencies.forEach((l, i) => {
    for (const k of [l.from, l.to]) if (!Number.isInteger(k) || !events[k]) throw new Error(`timelineSvg: latency ${i} refers to event ${k}, but there are ${events.length} events`);
  });
  const lanes = [...new Set(events.map((e) => e.lane))];
  const laneH = 34;
  const rows = latencyRows(events, latencies);
  const rowCount = Math.max(0, ...rows) + (latencies.length ? 1 : 0);
  // The plot holds the lanes, then the rows of latency brackets; the time axis is below both.
  const plotH = lanes.length * laneH + rowCount * 22 + (rowCount ? 6 : 0);
  const f = frame(560, 24 + plotH + 34, { left: 90, right: 20, top: 24, bottom: 34 });
  const t0 = Math.min(...events.map((e) => e.atMs));
  const t1 = Math.max(...events.map((e) => e.endMs ?? e.atMs));
  const x = scale(0, Math.max(t1 - t0, 1e-9), f.left, f.left + f.plotW);
  const at = (ms: number) => x(ms - t0);
  const laneY = (lane: string) => f.top + lanes.indexOf(lane) * laneH + laneH / 2;
  const colour = (lane: string) => LANE_COLOURS[lanes.indexOf(lane) % LANE_COLOURS.length];

  const laneLines = lanes.flatMap((lane) => [
    `<line x1="${f.left}" y1="${px(laneY(lane))}" x2="${f.left + f.plotW}" y2="${px(laneY(lane))}" stroke="#ddd"/>`,
    `<text x="${f.left - 6}" y="${px(laneY(lane) + 3)}" text-anchor="end">${escapeXml(lane)}</text>`,
  ]);
  const right = f.left + f.plotW;
  const marks = events.flatMap((e) => {
    const cx = at(e.atMs), cy = laneY(e.lane), c = colour(e.lane);
    const when = `${escapeXml(e.label)} at ${fmt(e.atMs - t0)} ms`;
    // A label at either end of the axis runs inwards, not off the picture.
    const half = textWidth(e.label) / 2;
    const anchor = cx - half < f.left - 10 ? ['start', cx - 4] as const : cx + half > right + 10 ? ['end', cx + 4] as const : ['middle', cx] as const;
    return [
      e.endMs === undefined ? '' : `<rect x="${px(cx)}" y="${px(cy - 3)}" width="${px(Math.max(1, at(e.endMs) - cx))}" height="6" fill="${c}" opacity="0.5"><title>${escapeXml(e.label)}: ${fmt(e.endMs - e.atMs)} ms</title></rect>`,
      `<circle class="event" cx="${px(cx)}" cy="${px(cy)}" r="4" fill="${c}"><title>${when}</title></circle>`,
      `<text x="${px(anchor[1])}" y="${px(cy - 8)}" text-anchor="${anchor[0]}" fill="${c}">${escapeXml(e.label)}</text>`,
    ];
  });
  const bandTop = f.top + lanes.length * laneH;
  const brackets = latencies.flatMap((l, i) => {
    const a = events[l.from], b = events[l.to];
    const xa = at(a.atMs), xb = at(b.atMs), y = bandTop + 16 + rows[i] * 22;
    const label = l.label ?? `${fmt(b.atMs - a.atMs)} ms`;
    // Centred on the bracket, moved in where a wide label on a short bracket would leave the plot.
    const half = textWidth(label) / 2;
    const lx = Math.min(Math.max((xa + xb) / 2, f.left + half), right - half);
    return [
      `<line x1="${px(xa)}" y1="${px(laneY(a.lane))}" x2="${px(xa)}" y2="${px(y)}" stroke="#999" stroke-dasharray="2 2"/>`,
      `<line x1="${px(xb)}" y1="${px(laneY(b.lane))}" x2="${px(xb)}" y2="${px(y)}" stroke="#999" stroke-dasharray="2 2"/>`,
      `<line class="latency" x1="${px(xa)}" y1="${px(y)}" x2="${px(xb)}" y2="${px(y)}" stroke="#c0392b" stroke-width="2"><title>${escapeXml(`${a.label} → ${b.label}: ${label}`)}</title></line>`,
      `<text x="${px(lx)}" y="${px(y - 4)}" text-anchor="middle" fill="#c0392b">${escapeXml(label)}</text>`,
    ];
  });
  const tv = ticks(0, t1 - t0, 6);
  return svgDocument(f, title, [
    ...laneLines,
    ...brackets,
    ...marks,
    ...axes(f, { xTicks: tv.map((v) => ({ at: x(v), label: fmt(v) })), xLabel: 'ms from the first event' }),
  ]);
}

/** The row of each latency bracket: the first whose last label ends left of this one's. */
function latencyRows(events: readonly TimelineEvent[], latencies: readonly TimelineLatency[]): number[] {
  if (!latencies.length) return [];
  const t0 = Math.min(...events.map((e) => e.atMs));
  const span = Math.max(1e-9, Math.max(...events.map((e) => e.endMs ?? e.atMs)) - t0);
  const plotW = 450; // 560 wide less the margins: rows are decided in pixels, as drawn
  const ends: number[] = [];
  return latencies.map((l) => {
    const a = events[l.from].atMs, b = events[l.to].atMs;
    const label = l.label ?? `${fmt(b - a)} ms`;
    const mid = (((a + b) / 2 - t0) / span) * plotW;
    const half = Math.max((Math.abs(b - a) / span) * plotW, textWidth(label)) / 2 + 4;
    let row = ends.findIndex((end) => end < mid - half);
    if (row < 0) row = ends.push(0) - 1;
    ends[row] = mid + half;
    return row;
  });
}

export interface LimitLine {
  ms: number;
  label: string;
  /** 'limit' red, 'marginal' orange. */
  kind?: 'limit' | 'marginal';
}

/**
 * Each interval between consecutive frames over the stream (x: the interval's index, y: ms),
 * with the nominal interval and the profile's limits as horizontal lines; intervals above
 * the highest limit are marked red.
 */
export function intervalSeriesSvg(intervals: readonly number[], nominalMs: number, limits: readonly LimitLine[] = [], title?: string): string {
  if (!intervals.length) throw new Error('intervalSeriesSvg: no intervals to draw');
  requireFinite(intervals, 'intervalSeriesSvg: intervals');
  if (intervals.some((v) => v < 0)) throw new Error('intervalSeriesSvg: intervals must not be negative');
  if (!Number.isFinite(nominalMs) || nominalMs <= 0) throw new Error(`intervalSeriesSvg: nominalMs must be a positive number (got ${nominalMs})`);
  limits.forEach((l, i) => requireFinite([l.ms], `intervalSeriesSvg: limit ${i} (${l.label})`));
  const f = frame(560, 220, { left: 44, right: 12, top: 24, bottom: 32 });
  const top = Math.max(...intervals, nominalMs, ...limits.map((l) => l.ms)) * 1.08;
  const x = scale(0, Math.max(1, intervals.length - 1), f.left, f.left + f.plotW);
  const y = scale(0, top, f.top + f.plotH, f.top);
  const worst = Math.max(...intervals);
  const highest = limits.length ? Math.max(...limits.map((l) => l.ms)) : undefined;
  const points = intervals.map((v, i) => `${px(x(i))},${px(y(v))}`).join(' ');
  const over = highest === undefined ? [] : intervals.flatMap((v, i) => (v > highest ? [`<circle class="over" cx="${px(x(i))}" cy="${px(y(v))}" r="2.5" fill="#c0392b"><title>interval ${i}: ${fmt(v)} ms</title></circle>`] : []));
  // Lines a few ms apart would put their labels on top of each other: they are spread.
  const marked = [{ ms: nominalMs, label: 'nominal', kind: 'nominal' as const, colour: '#27ae60' }, ...limits.map((l) => ({ ...l, kind: l.kind ?? 'limit', colour: l.kind === 'marginal' ? '#e67e22' : '#c0392b' }))];
  const labelYs = spreadLabels(marked.map((l) => y(l.ms) - 3));
  const lines = marked.map((l, i) => hMarker(f, y(l.ms), l.colour, `${l.label} ${fmt(l.ms)} ms`, l.kind, labelYs[i]));
  return svgDocument(f, title ?? `${intervals.length} intervals over time, longest ${fmt(worst)} ms (nominal ${fmt(nominalMs)} ms)`, [
    `<polyline class="series" points="${points}" fill="none" stroke="#4a7bb7" stroke-width="1"/>`,
    ...over,
    ...lines,
    ...axes(f, {
      xTicks: ticks(0, intervals.length - 1, 6).filter(Number.isInteger).map((i) => ({ at: x(i), label: String(i) })),
      yTicks: ticks(0, top, 5).map((v) => ({ at: y(v), label: fmt(v) })),
      xLabel: 'interval (frame index)',
      yLabel: 'ms',
    }),
  ]);
}

/**
 * Magnitude (dBFS) against frequency around the test tone, the nominal tone marked and,
 * when given, the frequency measured. More points than pixel columns are reduced to the
 * loudest of each column, so a narrow peak is never lost.
 */
export function spectrumSvg(spectrum: readonly SpectrumPoint[], toneHz: number, o: { measuredHz?: number; floorDb?: number; title?: string } = {}): string {
  if (spectrum.length < 2) throw new Error(`spectrumSvg: need at least two points, got ${spectrum.length}`);
  spectrum.forEach((p, i) => requireFinite([p.hz, p.dbfs], `spectrumSvg: point ${i}`));
  if (spectrum.some((p, i) => i > 0 && p.hz <= spectrum[i - 1].hz)) throw new Error('spectrumSvg: frequencies must increase');
  if (!Number.isFinite(toneHz) || toneHz <= 0) throw new Error(`spectrumSvg: toneHz must be a positive number (got ${toneHz})`);
  const f = frame(560, 220, { left: 44, right: 12, top: 24, bottom: 32 });
  const lo = spectrum[0].hz, hi = spectrum[spectrum.length - 1].hz;
  const x = scale(lo, hi, f.left, f.left + f.plotW);
  const peak = spectrum.reduce((a, b) => (b.dbfs > a.dbfs ? b : a));
  const dbTop = Math.ceil((peak.dbfs + 5) / 10) * 10;
  const dbBottom = Math.max(Math.floor(Math.min(...spectrum.map((p) => p.dbfs)) / 10) * 10, dbTop - (o.floorDb ?? 100));
  const y = scale(dbBottom, dbTop, f.top + f.plotH, f.top);
  const columns = new Map<number, SpectrumPoint>();
  for (const p of spectrum) {
    const col = Math.round(x(p.hz));
    const had = columns.get(col);
    if (!had || p.dbfs > had.dbfs) columns.set(col, p);
  }
  const points = [...columns.values()].map((p) => `${px(x(p.hz))},${px(y(Math.max(dbBottom, p.dbfs)))}`).join(' ');
  const inRange = (hz: number) => hz >= lo && hz <= hi;
  const title = o.title ?? `spectrum ${fmt(lo)}–${fmt(hi)} Hz: peak ${fmt(peak.dbfs)} dBFS at ${peak.hz.toFixed(1)} Hz (tone ${fmt(toneHz)} Hz)`;
  return svgDocument(f, title, [
    `<polyline class="series" points="${points}" fill="none" stroke="#4a7bb7" stroke-width="1"/>`,
    inRange(toneHz) ? vMarker(f, x(toneHz), '#27ae60', `tone ${fmt(toneHz)} Hz`, 'tone') : '',
    o.measuredHz !== undefined && inRange(o.measuredHz) ? vMarker(f, x(o.measuredHz), '#c0392b', `measured ${o.measuredHz.toFixed(2)} Hz`, 'measured', 1) : '',
    ...axes(f, {
      xTicks: ticks(lo, hi, 6).map((v) => ({ at: x(v), label: fmt(v) })),
      yTicks: ticks(dbBottom, dbTop, 5).map((v) => ({ at: y(v), label: fmt(v) })),
      xLabel: 'Hz',
      yLabel: 'dBFS',
    }),
  ]);
}
