// What the report's SVG charts share (frame-timing.ts's histogram, charts.ts): text escaped
// for XML, the page with its title, a plot area with linear scales, axes with tick labels
// and dashed marker lines. Charts are self-contained (no scripts, links or external fonts):
// the report must render them offline and months later.

/** Text and attribute values for XML: markup characters become character references. */
export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A value for a label: whole numbers from 100 up, one decimal below. */
export function fmt(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1);
}

/** A coordinate: one decimal is finer than a screen pixel. */
export const px = (v: number): string => v.toFixed(1);

export interface Margins {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The drawing: its size, and the plot inside the margins. */
export interface Frame extends Margins {
  width: number;
  height: number;
  plotW: number;
  plotH: number;
}

export function frame(width: number, height: number, m: Margins): Frame {
  return { width, height, ...m, plotW: width - m.left - m.right, plotH: height - m.top - m.bottom };
}

/** Maps [d0, d1] onto [r0, r1]; a degenerate domain maps to the middle of the range. */
export function scale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  if (!(d1 > d0)) return () => (r0 + r1) / 2;
  return (v) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);
}

/** About `count` round tick values (1, 2 or 5 × 10^k apart) inside [min, max]. */
export function ticks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((k) => k * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  // A hair of tolerance, so 0.1 + 0.2 style sums do not drop the last tick.
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/** The whole document: root element, a <title> for tooltips and the page's heading. */
export function svgDocument(f: Frame, title: string, body: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${f.width}" height="${f.height}" viewBox="0 0 ${f.width} ${f.height}" font-family="sans-serif" font-size="10">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${f.width}" height="${f.height}" fill="#fff"/>`,
    `<text x="${f.left}" y="14">${escapeXml(title)}</text>`,
    ...body.filter(Boolean),
    '</svg>',
  ].join('\n');
}

export interface AxisOptions {
  /** Tick values on x and their positions; labels are fmt(value) unless given. */
  xTicks?: { at: number; label: string }[];
  yTicks?: { at: number; label: string }[];
  xLabel?: string;
  yLabel?: string;
}

/** The two axis lines along the plot's left and bottom edges, tick labels and axis titles. */
export function axes(f: Frame, o: AxisOptions = {}): string[] {
  const bottom = f.top + f.plotH;
  return [
    `<line x1="${f.left}" y1="${bottom}" x2="${f.left + f.plotW}" y2="${bottom}" stroke="#333"/>`,
    `<line x1="${f.left}" y1="${f.top}" x2="${f.left}" y2="${bottom}" stroke="#333"/>`,
    ...(o.xTicks ?? []).map((t) => `<text x="${px(t.at)}" y="${bottom + 14}" text-anchor="middle">${escapeXml(t.label)}</text>`),
    ...(o.yTicks ?? []).map((t) => `<text x="${f.left - 4}" y="${px(t.at + 3)}" text-anchor="end">${escapeXml(t.label)}</text>`),
    o.xLabel ? `<text x="${px(f.left + f.plotW / 2)}" y="${f.height - 4}" text-anchor="middle">${escapeXml(o.xLabel)}</text>` : '',
    o.yLabel ? `<text x="12" y="${px(f.top + f.plotH / 2)}" text-anchor="middle" transform="rotate(-90 12 ${px(f.top + f.plotH / 2)})">${escapeXml(o.yLabel)}</text>` : '',
  ].filter(Boolean);
}

/** A white outline under a marker's label, so it stays readable over the data. */
const HALO = ' stroke="#fff" stroke-width="3" paint-order="stroke"';

/** A dashed vertical marker across the plot at x, labelled at its top (on line `labelLine` from there). */
export function vMarker(f: Frame, x: number, colour: string, label: string, className = 'marker', labelLine = 0): string {
  return (
    `<line class="${className}" x1="${px(x)}" y1="${f.top}" x2="${px(x)}" y2="${f.top + f.plotH}" stroke="${colour}" stroke-dasharray="4 3"/>` +
    `<text x="${px(x + 3)}" y="${f.top + 10 + 12 * labelLine}" fill="${colour}"${HALO}>${escapeXml(label)}</text>`
  );
}

/** A dashed horizontal marker across the plot at y, labelled at its right end (just above y unless labelY says where). */
export function hMarker(f: Frame, y: number, colour: string, label: string, className = 'marker', labelY = y - 3): string {
  return (
    `<line class="${className}" x1="${f.left}" y1="${px(y)}" x2="${f.left + f.plotW}" y2="${px(y)}" stroke="${colour}" stroke-dasharray="4 3"/>` +
    `<text x="${f.left + f.plotW - 2}" y="${px(labelY)}" text-anchor="end" fill="${colour}"${HALO}>${escapeXml(label)}</text>`
  );
}

/** Rough width of a label in the charts' 10 px sans-serif, for keeping labels apart and inside. */
export const textWidth = (label: string): number => label.length * 5.5;

/**
 * Baselines for labels that belong at `ys` (in any order), moved apart so that no two are
 * closer than `gap` px: each is moved up from the one below it as far as needed.
 */
export function spreadLabels(ys: readonly number[], gap = 11): number[] {
  const order = ys.map((y, i) => [y, i] as const).sort((a, b) => b[0] - a[0]);
  const out = [...ys];
  let below = Infinity;
  for (const [y, i] of order) {
    out[i] = Math.min(y, below - gap);
    below = out[i];
  }
  return out;
}

/** Throws a clear error unless every value is a finite number. */
export function requireFinite(values: readonly number[], what: string): void {
  const i = values.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
  if (i >= 0) throw new Error(`${what}: value ${i} is not a finite number (got ${String(values[i])})`);
}
