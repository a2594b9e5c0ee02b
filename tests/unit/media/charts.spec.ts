// The report's charts: well-formed, self-contained SVG with the marks where the numbers put
// them, text escaped, and a clear error for input that cannot be drawn.
import { test, expect } from '@playwright/test';
import { intervalSeriesSvg, spectrumSvg, timelineSvg, type TimelineEvent } from '../../../lib/media/charts.ts';
import { intervalHistogramSvg } from '../../../lib/media/frame-timing.ts';
import { escapeXml, spreadLabels, ticks } from '../../../lib/media/svg.ts';
import { sineTone, spectrumBetween } from '../../../lib/media/tone.ts';
import { checkWellFormedSvg, elements } from './svg-check.ts';

const n = (s: string | undefined) => Number(s);

test.describe('the SVG checker itself', () => {
  test('refuses what a string-built chart gets wrong', () => {
    expect(() => checkWellFormedSvg('<svg a="1"><text>ok &#60; &amp;</text></svg>')).not.toThrow();
    expect(() => checkWellFormedSvg('<svg a="1"><text>a < b</text></svg>')).toThrow(/< inside the tag|not a tag/);
    expect(() => checkWellFormedSvg('<svg a="1"><text>R&D</text></svg>')).toThrow(/bare &/);
    expect(() => checkWellFormedSvg('<svg a="1"><g><text>x</g></text></svg>')).toThrow(/closes <text>/);
    expect(() => checkWellFormedSvg('<svg a="x"y"></svg>')).toThrow(/cannot read/);
    expect(() => checkWellFormedSvg('<svg a="1"><g></svg>')).toThrow(/closes <g>/);
    expect(() => checkWellFormedSvg('<svg a="1"><image href="http://x/y.png"/></svg>')).toThrow(/outside itself/);
  });
});

test.describe('svg helpers', () => {
  test('escapeXml leaves no markup character; ticks are round', () => {
    expect(escapeXml(`<a href="x">&'`)).toBe('&#60;a href=&#34;x&#34;&#62;&#38;&#39;');
    expect(ticks(0, 110, 6)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(ticks(800, 1200, 6)).toEqual([800, 900, 1000, 1100, 1200]);
    expect(ticks(0.1, 0.3, 2)).toEqual([0.1, 0.2, 0.3]);
  });

  test('spreadLabels moves labels apart upwards, leaving lone ones where they are', () => {
    expect(spreadLabels([100, 50])).toEqual([100, 50]);
    expect(spreadLabels([100, 96, 95])).toEqual([100, 89, 78]);
    expect(spreadLabels([95, 100], 10)).toEqual([90, 100]);
  });
});

test.describe('timelineSvg', () => {
  // The input test's picture: relay commands (with the board's acknowledgement) and the
  // monitor parts that showed them.
  const events: TimelineEvent[] = [
    { lane: 'relay', atMs: 1000, endMs: 1002, label: 'relay on' },
    { lane: 'input seen', atMs: 1012.5, label: 'IO1 active' },
    { lane: 'relay', atMs: 1100, endMs: 1102, label: 'relay off' },
    { lane: 'input seen', atMs: 1110, label: 'IO1 inactive' },
  ];
  // Plot: x from 90 to 540 (560 wide, margins 90 and 20) over the 110 ms from the first event.
  const x = (ms: number) => 90 + ((ms - 1000) / 110) * 450;

  test('events on their lanes, latencies bracketed and labelled where they happened', () => {
    const svg = timelineSvg(events, [{ from: 0, to: 1 }, { from: 2, to: 3 }], 'IO1 & relay 0');
    checkWellFormedSvg(svg);
    const dots = elements(svg, 'circle', 'event');
    expect(dots.map((d) => n(d.cx))).toEqual(events.map((e) => Number(x(e.atMs).toFixed(1))));
    // Two lanes in order of first use: relay above input seen.
    expect(dots[0].cy).toBe(dots[2].cy);
    expect(n(dots[1].cy)).toBeGreaterThan(n(dots[0].cy));
    const brackets = elements(svg, 'line', 'latency');
    expect(brackets.map((b) => [n(b.x1), n(b.x2)])).toEqual([[90, Number(x(1012.5).toFixed(1))], [Number(x(1100).toFixed(1)), 540]]);
    // Both brackets lie below the lanes.
    for (const b of brackets) expect(n(b.y1)).toBeGreaterThan(n(dots[1].cy));
    expect(svg).toContain('>12.5 ms</text>');
    expect(svg).toContain('>10.0 ms</text>');
    expect(svg).toContain('<title>IO1 &#38; relay 0</title>');
    // The relay's command-to-acknowledgement bar: 2 ms wide, 1 px at least.
    expect(svg).toContain('<title>relay on: 2.0 ms</title>');
  });

  test('latencies that would overlap go on separate rows; a custom label is used as given', () => {
    const svg = timelineSvg(events, [{ from: 0, to: 1 }, { from: 0, to: 3, label: 'whole <cycle>' }]);
    checkWellFormedSvg(svg);
    const [a, b] = elements(svg, 'line', 'latency');
    expect(a.y1).not.toBe(b.y1);
    expect(svg).toContain('>whole &#60;cycle&#62;</text>');
    expect(svg).not.toContain('<cycle>');
  });

  test('labels and lanes are escaped', () => {
    const svg = timelineSvg([{ lane: 'sense "A" <1>', atMs: 0, label: 'x & y' }]);
    checkWellFormedSvg(svg);
    expect(svg).toContain('sense &#34;A&#34; &#60;1&#62;');
    expect(svg).toContain('x &#38; y');
  });

  test('what cannot be drawn is a clear error', () => {
    expect(() => timelineSvg([])).toThrow('timelineSvg: no events to draw');
    expect(() => timelineSvg(events, [{ from: 0, to: 4 }])).toThrow('timelineSvg: latency 0 refers to event 4, but there are 4 events');
    expect(() => timelineSvg([{ lane: 'relay', atMs: NaN, label: 'on' }])).toThrow('timelineSvg: event 0 (on): value 0 is not a finite number (got NaN)');
    expect(() => timelineSvg([{ lane: 'relay', atMs: 5, endMs: 4, label: 'on' }])).toThrow(/ends before it starts/);
    expect(() => timelineSvg([{ lane: '', atMs: 5, label: 'on' }])).toThrow(/event 0 has no lane/);
  });
});

test.describe('intervalSeriesSvg', () => {
  const intervals = [33, 34, 33, 80, 33];
  // Plot: x 44…548 over indices 0…4; y from 188 (0 ms) up to 24 (80 × 1.08 = 86.4 ms).
  const y = (ms: number) => Number((188 - (ms / 86.4) * 164).toFixed(1));

  test('one point per interval, nominal and limits as lines at their values, breaches marked', () => {
    const svg = intervalSeriesSvg(intervals, 1000 / 30, [{ ms: 40, label: 'p99 limit' }, { ms: 35.5, label: 'p99 marginal', kind: 'marginal' }]);
    checkWellFormedSvg(svg);
    const points = elements(svg, 'polyline', 'series')[0].points.split(' ').map((p) => p.split(',').map(Number));
    expect(points).toEqual(intervals.map((v, i) => [Number((44 + i * 126).toFixed(1)), y(v)]));
    const nominal = elements(svg, 'line', 'nominal');
    expect(nominal.map((l) => [n(l.y1), n(l.y2)])).toEqual([[y(1000 / 30), y(1000 / 30)]]);
    expect(elements(svg, 'line', 'limit').map((l) => n(l.y1))).toEqual([y(40)]);
    expect(elements(svg, 'line', 'marginal').map((l) => n(l.y1))).toEqual([y(35.5)]);
    expect(elements(svg, 'circle', 'over').map((c) => [n(c.cx), n(c.cy)])).toEqual([[422, y(80)]]);
    expect(svg).toContain('>p99 limit 40.0 ms</text>');
    expect(svg).toContain('>nominal 33.3 ms</text>');
    expect(svg).toContain('5 intervals over time, longest 80.0 ms');
    // Lines 2-5 ms apart: their labels are kept at least a line of text apart.
    const labelYs = [...svg.matchAll(/<text x="[^"]+" y="([^"]+)" text-anchor="end" fill="[^"]+"[^>]*>(nominal|p99)/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
    expect(labelYs).toHaveLength(3);
    for (let i = 1; i < labelYs.length; i++) expect(labelYs[i] - labelYs[i - 1]).toBeGreaterThanOrEqual(11 - 0.1);
  });

  test('a limit above every interval is still drawn inside the plot', () => {
    const svg = intervalSeriesSvg([33, 34], 33.3, [{ ms: 100, label: 'max limit' }]);
    const [limit] = elements(svg, 'line', 'limit');
    expect(n(limit.y1)).toBeGreaterThanOrEqual(24);
    expect(elements(svg, 'circle', 'over')).toEqual([]);
  });

  test('what cannot be drawn is a clear error', () => {
    expect(() => intervalSeriesSvg([], 33.3)).toThrow('intervalSeriesSvg: no intervals to draw');
    expect(() => intervalSeriesSvg([33, NaN], 33.3)).toThrow('intervalSeriesSvg: intervals: value 1 is not a finite number (got NaN)');
    expect(() => intervalSeriesSvg([-1], 33.3)).toThrow(/must not be negative/);
    expect(() => intervalSeriesSvg([33], 0)).toThrow(/nominalMs must be a positive number \(got 0\)/);
    expect(() => intervalSeriesSvg([33], 33.3, [{ ms: Infinity, label: 'max' }])).toThrow(/limit 0 \(max\)/);
  });
});

test.describe('spectrumSvg', () => {
  const pcm = sineTone(1000, -12, 16000, 8000, 0.3);
  const spectrum = spectrumBetween(pcm, 8000, 750, 1250);

  test('spectrumBetween: a sine reads its level at its frequency, and little elsewhere', () => {
    const peak = spectrum.reduce((a, b) => (b.dbfs > a.dbfs ? b : a));
    expect(Math.abs(peak.hz - 1000)).toBeLessThan(0.5);
    // Hann scalloping between bins is at most 1.42 dB.
    expect(peak.dbfs).toBeLessThan(-12 + 0.1);
    expect(peak.dbfs).toBeGreaterThan(-12 - 1.5);
    expect(Math.max(...spectrum.filter((p) => Math.abs(p.hz - 1000) > 20).map((p) => p.dbfs))).toBeLessThan(-80);
    expect(spectrum[0].hz).toBeGreaterThanOrEqual(750);
    expect(spectrum.at(-1)!.hz).toBeLessThanOrEqual(1250);
    expect(() => spectrumBetween(pcm, 8000, 1200, 800)).toThrow('spectrumBetween: 1200…800 Hz is not a band between 0 and 4000 Hz');
    expect(() => spectrumBetween(pcm.subarray(0, 10), 8000, 0, 100)).toThrow(/10 samples are too few/);
  });

  test('magnitude against frequency, the tone and the measured frequency marked where they are', () => {
    const svg = spectrumSvg(spectrum, 1000, { measuredHz: 1000.02 });
    checkWellFormedSvg(svg);
    const lo = spectrum[0].hz, hi = spectrum.at(-1)!.hz;
    const x = (hz: number) => Number((44 + ((hz - lo) / (hi - lo)) * 504).toFixed(1));
    expect(elements(svg, 'line', 'tone').map((l) => [n(l.x1), n(l.x2)])).toEqual([[x(1000), x(1000)]]);
    expect(elements(svg, 'line', 'measured').map((l) => n(l.x1))).toEqual([x(1000.02)]);
    expect(svg).toContain('>tone 1000 Hz</text>');
    expect(svg).toContain('>measured 1000.02 Hz</text>');
    // 1000+ bins reduced to one per pixel column, the peak kept: the highest point is the tone.
    const points = elements(svg, 'polyline', 'series')[0].points.split(' ').map((p) => p.split(',').map(Number));
    expect(spectrum.length).toBeGreaterThan(points.length);
    expect(points.length).toBeLessThanOrEqual(505);
    const top = points.reduce((a, b) => (b[1] < a[1] ? b : a));
    expect(Math.abs(top[0] - x(1000))).toBeLessThanOrEqual(1);
    expect(svg).toMatch(/peak -1[23]\.\d dBFS at 100\d\.\d Hz \(tone 1000 Hz\)/);
  });

  test('a tone outside the band draws no marker; text is escaped', () => {
    const svg = spectrumSvg(spectrum, 3000, { title: 'fromserver.cgi <multipart> & more' });
    checkWellFormedSvg(svg);
    expect(elements(svg, 'line', 'tone')).toEqual([]);
    expect(svg).toContain('fromserver.cgi &#60;multipart&#62; &#38; more');
  });

  test('what cannot be drawn is a clear error', () => {
    expect(() => spectrumSvg([], 1000)).toThrow('spectrumSvg: need at least two points, got 0');
    expect(() => spectrumSvg([{ hz: 2, dbfs: 0 }, { hz: 1, dbfs: 0 }], 1000)).toThrow('spectrumSvg: frequencies must increase');
    expect(() => spectrumSvg([{ hz: 1, dbfs: 0 }, { hz: 2, dbfs: NaN }], 1000)).toThrow('spectrumSvg: point 1: value 1 is not a finite number (got NaN)');
    expect(() => spectrumSvg(spectrum, 0)).toThrow(/toneHz must be a positive number \(got 0\)/);
  });
});

test('the interval histogram is well-formed too (it shares the helpers)', () => {
  const svg = intervalHistogramSvg([33, 34, 33, 80, 500], 1000 / 30);
  checkWellFormedSvg(svg);
  expect(elements(svg, 'line', 'marker')).toHaveLength(2);
});
