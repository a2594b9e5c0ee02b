// How did the picture move between two frames? PTZ checks ask this after a pan/tilt (a
// translation) or a zoom (a scale about the centre). Both estimators work on gray images
// normalised to zero mean and unit spread, so a change of exposure between the frames does
// not pull the match, and search coarse-to-fine over a box-filtered pyramid, so a VGA pair
// costs milliseconds instead of the seconds an exhaustive full-resolution search takes.
//
// Also here: pixelmatch comparison and PNG encoding for report attachments.

import pixelmatch from 'pixelmatch';
import pngjs from 'pngjs';
import { channelsOf, downscaleGray, toGray, toRgba, type GrayImage, type Raster } from './image.ts';

export interface ShiftEstimate {
  /** Full-resolution pixels; positive when content moved right (dx) or down (dy) from a to b. */
  dx: number;
  dy: number;
  /** Mean absolute gray difference (0..255) over the overlap at the chosen shift. */
  score: number;
  /** 1 - best / second-best normalised SAD at the coarse level (second best at least 3 coarse px away): near 0 is ambiguous. */
  confidence: number;
  /** Overlap of the two frames at the chosen shift, as a fraction of the frame area. */
  overlapFraction: number;
}

export interface ShiftOptions {
  /** Largest shift searched, as a fraction of width and of height (default 0.3). */
  maxShiftFraction?: number;
}

interface Level { w: number; h: number; v: Float32Array }

/** Coarsest pyramid level is the first at most this wide. */
const COARSE_WIDTH = 100;

/** Gray levels, halved until the coarse width, each normalised to zero mean / unit mean-abs-deviation. */
function pyramid(img: GrayImage, what: string): Level[] {
  const levels: Level[] = [];
  let g = img;
  for (;;) {
    levels.push(normalise(g, what));
    if (g.width <= COARSE_WIDTH || g.width < 32 || g.height < 32) break;
    g = downscaleGray(g, 2);
  }
  return levels;
}

function normalise(g: GrayImage, what: string): Level {
  const n = g.data.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += g.data[i];
  const mean = sum / n;
  let dev = 0;
  for (let i = 0; i < n; i++) dev += Math.abs(g.data[i] - mean);
  dev /= n;
  if (dev < 0.5) throw new Error(`${what} is flat (no texture to match against)`);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = (g.data[i] - mean) / dev;
  return { w: g.width, h: g.height, v };
}

/**
 * Mean |b(x, y) - a(x - dx, y - dy)| over the overlap (Infinity when there is none). Called
 * only with Float32Array so V8 keeps the inner loop monomorphic (mixing in Uint8Array made
 * the whole search ~4x slower); grayScore wraps the 8-bit case.
 */
function sad(a: Float32Array, b: Float32Array, w: number, h: number, dx: number, dy: number): number {
  const x0 = Math.max(0, dx), x1 = Math.min(w, w + dx);
  const y0 = Math.max(0, dy), y1 = Math.min(h, h + dy);
  if (x1 <= x0 || y1 <= y0) return Infinity;
  let s = 0;
  for (let y = y0; y < y1; y++) {
    const rb = y * w;
    const ra = (y - dy) * w - dx;
    // Math.abs, not a ternary: on noisy data the branch mispredicts and costs ~4x.
    for (let x = x0; x < x1; x++) s += Math.abs(b[rb + x] - a[ra + x]);
  }
  return s / ((x1 - x0) * (y1 - y0));
}

/** sad() in gray levels at one shift: the score reported to the caller. */
function grayScore(a: GrayImage, b: GrayImage, dx: number, dy: number): number {
  return sad(Float32Array.from(a.data), Float32Array.from(b.data), a.width, a.height, dx, dy);
}

function sameSizeGray(a: Raster, b: Raster, fn: string): [GrayImage, GrayImage] {
  channelsOf(a, `${fn}: first image`);
  channelsOf(b, `${fn}: second image`);
  if (a.width !== b.width || a.height !== b.height) {
    throw new Error(`${fn}: images differ in size (${a.width}x${a.height} vs ${b.width}x${b.height})`);
  }
  if (a.width < 16 || a.height < 16) throw new Error(`${fn}: ${a.width}x${a.height} is too small (16x16 at least)`);
  return [toGray(a), toGray(b)];
}

/**
 * Translation from a to b: exhaustive SAD search at the coarse level (~100 px wide), then
 * a small refinement at every finer level down to full resolution.
 */
export function estimateShift(a: Raster, b: Raster, options: ShiftOptions = {}): ShiftEstimate {
  const fraction = options.maxShiftFraction ?? 0.3;
  if (!(fraction > 0 && fraction < 0.9)) throw new Error(`estimateShift: maxShiftFraction must be in (0, 0.9) (got ${fraction})`);
  const [ga, gb] = sameSizeGray(a, b, 'estimateShift');
  const pa = pyramid(ga, 'estimateShift: first image');
  const pb = pyramid(gb, 'estimateShift: second image');
  const top = pa.length - 1;
  const { w, h } = pa[top];
  const rx = Math.max(1, Math.ceil(w * fraction));
  const ry = Math.max(1, Math.ceil(h * fraction));
  const scores = new Float64Array((2 * rx + 1) * (2 * ry + 1));
  let best = Infinity, bx = 0, by = 0;
  for (let dy = -ry; dy <= ry; dy++) {
    for (let dx = -rx; dx <= rx; dx++) {
      const s = sad(pa[top].v, pb[top].v, w, h, dx, dy);
      scores[(dy + ry) * (2 * rx + 1) + dx + rx] = s;
      if (s < best) { best = s; bx = dx; by = dy; }
    }
  }
  let second = Infinity;
  for (let dy = -ry; dy <= ry; dy++) {
    for (let dx = -rx; dx <= rx; dx++) {
      if (Math.max(Math.abs(dx - bx), Math.abs(dy - by)) < 3) continue;
      second = Math.min(second, scores[(dy + ry) * (2 * rx + 1) + dx + rx]);
    }
  }
  for (let level = top - 1; level >= 0; level--) {
    const { w: lw, h: lh } = pa[level];
    const cx = bx * 2, cy = by * 2;
    // A shift of t at this level is t/2 one level up, so 2 × that estimate is within 1 px
    // of t; ±2 on the cheap levels also absorbs a coarse pick that was one off, and ±1 at
    // full resolution (9 SADs instead of 25) keeps a VGA pair inside the time budget.
    const r = level === 0 ? 1 : 2;
    let lbest = Infinity;
    for (let dy = cy - r; dy <= cy + r; dy++) {
      for (let dx = cx - r; dx <= cx + r; dx++) {
        const s = sad(pa[level].v, pb[level].v, lw, lh, dx, dy);
        if (s < lbest) { lbest = s; bx = dx; by = dy; }
      }
    }
  }
  return {
    dx: bx,
    dy: by,
    score: grayScore(ga, gb, bx, by),
    confidence: second === Infinity || second === 0 ? 0 : Math.max(0, 1 - best / second),
    overlapFraction: ((ga.width - Math.abs(bx)) * (ga.height - Math.abs(by))) / (ga.width * ga.height),
  };
}

export interface ScaleEstimate {
  /** b's magnification of a about the centre: > 1 means b is zoomed in. */
  scale: number;
  /** Mean |b - a resampled| over the compared region, in normalised units (≈ 0 for a perfect match). */
  score: number;
  /** 1 - best / worst normalised difference over the searched scales (0 when nothing stands out). */
  confidence: number;
}

/** Mean |b(p) - a(c + (p - c) / s)| over b's pixels whose source lies inside a. */
function scaleDiff(a: Level, b: Level, s: number): number {
  const { w, h } = a;
  const cx = (w - 1) / 2, cy = (h - 1) / 2;
  let sum = 0, n = 0;
  for (let y = 0; y < h; y++) {
    const sy = cy + (y - cy) / s;
    if (sy < 0 || sy > h - 1) continue;
    const y0 = Math.min(h - 2, Math.floor(sy)), fy = sy - y0;
    for (let x = 0; x < w; x++) {
      const sx = cx + (x - cx) / s;
      if (sx < 0 || sx > w - 1) continue;
      const x0 = Math.min(w - 2, Math.floor(sx)), fx = sx - x0;
      const i = y0 * w + x0;
      const top = a.v[i] + (a.v[i + 1] - a.v[i]) * fx;
      const bottom = a.v[i + w] + (a.v[i + w + 1] - a.v[i + w]) * fx;
      sum += Math.abs(b.v[y * w + x] - (top + (bottom - top) * fy));
      n++;
    }
  }
  return n > 0 ? sum / n : Infinity;
}

/**
 * Zoom factor from a to b about the image centre: a log-spaced search over
 * [minScale, maxScale] at the coarse level, refined on finer levels (to about 0.1 %).
 * Assumes the optical centre stays put; pre-align with estimateShift if it does not.
 */
export function estimateScale(a: Raster, b: Raster, options: { minScale?: number; maxScale?: number } = {}): ScaleEstimate {
  const min = options.minScale ?? 0.5;
  const max = options.maxScale ?? 2;
  if (!(min > 0 && max > min && max <= 8)) throw new Error(`estimateScale: need 0 < minScale < maxScale <= 8 (got ${min}, ${max})`);
  const [ga, gb] = sameSizeGray(a, b, 'estimateScale');
  const pa = pyramid(ga, 'estimateScale: first image');
  const pb = pyramid(gb, 'estimateScale: second image');
  // Coarse: 2 % steps; then 0.5 % and 0.1 % on the next two finer levels.
  const steps = [0.02, 0.005, 0.001];
  let best = 1, bestScore = Infinity, worst = 0;
  let lo = Math.log(min), hi = Math.log(max);
  for (let k = 0; k < steps.length; k++) {
    const level = Math.max(0, pa.length - 1 - k);
    bestScore = Infinity; // scores of different levels are not comparable
    for (let t = lo; t <= hi + 1e-12; t += steps[k]) {
      const s = Math.exp(t);
      const d = scaleDiff(pa[level], pb[level], s);
      if (k === 0 && d !== Infinity) worst = Math.max(worst, d);
      if (d < bestScore) { bestScore = d; best = s; }
    }
    lo = Math.max(Math.log(min), Math.log(best) - 2 * steps[k]);
    hi = Math.min(Math.log(max), Math.log(best) + 2 * steps[k]);
  }
  return { scale: best, score: bestScore, confidence: worst > 0 ? Math.max(0, 1 - bestScore / worst) : 0 };
}

export interface ImageComparison {
  diffPixels: number;
  diffFraction: number;
  /** pixelmatch's diff image as PNG, for a report attachment. */
  diffPng: Buffer;
}

/** pixelmatch of two same-size images (gray or RGBA); threshold 0..1, smaller is stricter (default 0.1). */
export function compareImages(a: Raster, b: Raster, options: { threshold?: number; includeAA?: boolean } = {}): ImageComparison {
  channelsOf(a, 'compareImages: first image');
  channelsOf(b, 'compareImages: second image');
  if (a.width !== b.width || a.height !== b.height) {
    throw new Error(`compareImages: images differ in size (${a.width}x${a.height} vs ${b.width}x${b.height})`);
  }
  const threshold = options.threshold ?? 0.1;
  if (!(threshold >= 0 && threshold <= 1)) throw new Error(`compareImages: threshold must be in [0, 1] (got ${threshold})`);
  const ra = toRgba(a), rb = toRgba(b);
  const out = new Uint8Array(ra.data.length);
  const diffPixels = pixelmatch(ra.data, rb.data, out, a.width, a.height, { threshold, includeAA: options.includeAA ?? false });
  return { diffPixels, diffFraction: diffPixels / (a.width * a.height), diffPng: toPng(out, a.width, a.height) };
}

/** PNG bytes of an RGBA (or gray) raster. */
export function toPng(data: Uint8Array, width: number, height: number): Buffer {
  const rgba = toRgba({ width, height, data });
  const png = new pngjs.PNG({ width, height });
  png.data = Buffer.from(rgba.data.buffer, rgba.data.byteOffset, rgba.data.byteLength);
  return pngjs.PNG.sync.write(png);
}
