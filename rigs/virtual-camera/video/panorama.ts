// The world the virtual camera looks at: one procedural equirectangular panorama covering
// pan -180..+180 degrees (seamless across the wrap) and tilt +35..-115 degrees (the PTZ
// range -90..+10 plus half the widest vertical field of view), 16 px per degree. It is
// textured everywhere — value noise at seven octaves, a few thousand shapes, a 10-degree
// grid with labels — so an image shift can be measured wherever the camera points.
//
// Built once per process on first use (~0.5-1 s, ~70 MB) and shared by every camera
// instance: it is deterministic (fixed seed) and never written after it is built. Other
// processes read the first one's copy from the temp folder (panorama-cache.ts).
import { fillEllipse, fillRect, type Canvas } from './draw.ts';
import { drawText, textWidth } from './font.ts';
import { mulberry32 as prng } from '../random.ts';
import { loadOrBuild } from './panorama-cache.ts';

export const PX_PER_DEG = 16;
export const TILT_TOP = 35;
const TILT_BOTTOM = -115;
export const PANORAMA_WIDTH = 360 * PX_PER_DEG;
export const PANORAMA_HEIGHT = (TILT_TOP - TILT_BOTTOM) * PX_PER_DEG;

export interface Panorama {
  width: number;
  height: number;
  /** One pixel per element, r | g << 8 | b << 16; row 0 = tilt TILT_TOP, column 0 = pan -180. */
  pixels: Uint32Array;
  /** Luma of the same pixels (what a monochrome sensor or motion detector sees). */
  gray: Uint8Array;
}

export const PANORAMA_SEED = 0x5eed;
let shared: Panorama | undefined;

/** The process-wide panorama, built on first call. */
export function panorama(): Panorama {
  shared ??= {
    width: PANORAMA_WIDTH,
    height: PANORAMA_HEIGHT,
    ...loadOrBuild(PANORAMA_WIDTH, PANORAMA_HEIGHT, PANORAMA_SEED, () => buildPanorama(PANORAMA_WIDTH, PANORAMA_HEIGHT, PANORAMA_SEED)),
  };
  return shared;
}


/** Octaves of value noise: lattice cell size in px (each divides the width, so it wraps) and weight. */
/** Octaves with cells at least this large shade; smaller ones are grain. */
const COARSE_CELL = 40;
const OCTAVES: readonly [cell: number, weight: number][] = [
  [320, 1],
  [160, 0.75],
  [80, 0.55],
  [40, 0.45],
  [20, 0.4],
  [10, 0.35],
  [5, 0.3],
];

export function buildPanorama(width: number, height: number, seed: number): Panorama {
  const rnd = prng(seed);
  // RGBX bytes: on a little-endian machine each pixel reads as one word r | g << 8 | b << 16.
  const pixels = new Uint32Array(width * height);
  const rgbx = new Uint8Array(pixels.buffer);
  const canvas: Canvas = { data: rgbx, width, height, channels: 4 };
  paintBaseColours(canvas, rnd);
  drawShapes(canvas, rnd);
  // Shading after the shapes: the noise then textures their insides too, so even a view
  // filled by one shape (20x zoom) has detail to measure a shift on.
  shadeWithNoise(canvas, rnd);
  drawGrid(canvas);
  if (!LITTLE_ENDIAN) for (let i = 0; i < pixels.length; i++) pixels[i] = rgbx[4 * i] | (rgbx[4 * i + 1] << 8) | (rgbx[4 * i + 2] << 16);
  return { width, height, pixels, gray: lumaOf(rgbx) };
}

/** Sky above tilt 0, earth below, hues drifting with a low-frequency noise. */
function paintBaseColours(c: Canvas, rnd: () => number): void {
  const { width, height, data } = c;
  const hueLattice = lattice(width / 360, Math.ceil(height / 360) + 1, rnd);
  const hue = new Float32Array(width);
  const horizonRow = TILT_TOP * PX_PER_DEG;
  for (let y = 0; y < height; y++) {
    hue.fill(0);
    addNoiseRow(hue, hueLattice, width / 360, 360, y, 1);
    const sky = y < horizonRow;
    let o = y * width * 4;
    for (let x = 0; x < width; x++, o += 4) {
      const h = hue[x];
      data[o] = sky ? 140 + 50 * h : 140 + 115 * h;
      data[o + 1] = sky ? 190 : 215 - 50 * h;
      data[o + 2] = sky ? 255 : 90 + 60 * (1 - h);
    }
  }
}

/**
 * Multiplies every pixel by value noise: the coarse octaves give light and shade (softly
 * limited, never clipped flat), the fine octaves a grain of about +-30 % on top, so even the
 * darkest, smoothest region keeps detail to match a shift on.
 */
function shadeWithNoise(c: Canvas, rnd: () => number): void {
  const { width, height, data } = c;
  const lattices = OCTAVES.map(([cell]) => lattice(width / cell, Math.ceil(height / cell) + 1, rnd));
  const coarse = OCTAVES.map(([cell]) => cell >= COARSE_CELL);
  const weightOf = (isCoarse: boolean) => OCTAVES.reduce((s, [, w], i) => s + (coarse[i] === isCoarse ? w : 0), 0);
  const coarseWeight = weightOf(true);
  const fineWeight = weightOf(false);
  const shade = new Float32Array(width);
  const grain = new Float32Array(width);
  for (let y = 0; y < height; y++) {
    shade.fill(0);
    grain.fill(0);
    OCTAVES.forEach(([cell, weight], i) =>
      addNoiseRow(coarse[i] ? shade : grain, lattices[i], width / cell, cell, y, weight / (coarse[i] ? coarseWeight : fineWeight)),
    );
    let o = y * width * 4;
    for (let x = 0; x < width; x++, o += 4) {
      const t = (shade[x] - 0.5) * 6;
      const k = (0.66 + 0.34 * (t / (1 + Math.abs(t)))) * (0.7 + 1.2 * (grain[x] - 0.5));
      data[o] = Math.min(255, data[o] * k);
      data[o + 1] = Math.min(255, data[o + 1] * k);
      data[o + 2] = Math.min(255, data[o + 2] * k);
    }
  }
}

/** Random values on a lattice `cols` wide (wrapping) and `rows` high. */
function lattice(cols: number, rows: number, rnd: () => number): Float32Array {
  const a = new Float32Array(cols * rows);
  for (let i = 0; i < a.length; i++) a[i] = rnd();
  return a;
}

/** Adds one row of smoothly interpolated lattice noise (smoothstep in both directions). */
function addNoiseRow(out: Float32Array, lat: Float32Array, cols: number, cell: number, y: number, weight: number): void {
  const ly = Math.floor(y / cell);
  const fy = smooth((y % cell) / cell);
  const r0 = ly * cols;
  const r1 = r0 + cols;
  const line = new Float32Array(cols + 1);
  for (let i = 0; i < cols; i++) line[i] = lat[r0 + i] + (lat[r1 + i] - lat[r0 + i]) * fy;
  line[cols] = line[0]; // seamless across pan +-180
  const fx = new Float32Array(cell);
  for (let j = 0; j < cell; j++) fx[j] = smooth(j / cell);
  let x = 0;
  for (let i = 0; i < cols; i++) {
    const a = line[i];
    const d = line[i + 1] - a;
    for (let j = 0; j < cell; j++, x++) out[x] += (a + d * fx[j]) * weight;
  }
}

function smooth(t: number): number {
  return t * t * (3 - 2 * t);
}

/** Rectangles, discs and rings of random colours and sizes: sharp edges at every scale. */
function drawShapes(c: Canvas, rnd: () => number): void {
  const count = Math.round((c.width * c.height) / 5000);
  for (let i = 0; i < count; i++) {
    const size = 4 + Math.pow(rnd(), 2.5) * 90;
    const w = size * (0.5 + rnd());
    const h = size * (0.5 + rnd());
    const x = rnd() * c.width;
    const y = rnd() * c.height;
    const color = [80 + rnd() * 175, 80 + rnd() * 175, 80 + rnd() * 175]; // never near black: the shading must show
    const kind = Math.floor(rnd() * 3);
    // Draw at x and x - width so shapes crossing the pan wrap stay whole.
    for (const xx of [x, x - c.width]) {
      if (kind === 0) fillRect(c, xx, y, w, h, color);
      else fillEllipse(c, xx, y, w, h, color);
      if (kind === 2) fillEllipse(c, xx + w / 4, y + h / 4, w / 2, h / 2, [335 - color[0], 335 - color[1], 335 - color[2]]);
    }
  }
}

/** Dark lines every 10 degrees of pan and tilt, labelled every 30 degrees of pan and 20 of tilt. */
function drawGrid(c: Canvas): void {
  const dark = [20, 20, 20];
  for (let pan = -180; pan < 180; pan += 10) fillRect(c, (pan + 180) * PX_PER_DEG - 1, 0, 2, c.height, dark);
  for (let tilt = TILT_TOP - 5; tilt > TILT_BOTTOM; tilt -= 10) fillRect(c, 0, (TILT_TOP - tilt) * PX_PER_DEG - 1, c.width, 2, dark);
  for (let pan = -180; pan < 180; pan += 30) {
    for (let tilt = 20; tilt > TILT_BOTTOM; tilt -= 20) {
      const label = `P${signed(pan)} T${signed(tilt)}`;
      const x = (pan + 180) * PX_PER_DEG + 6;
      const y = (TILT_TOP - tilt) * PX_PER_DEG + 6;
      fillRect(c, x - 3, y - 3, textWidth(label, 2) + 6, 14 + 6, dark);
      drawText(c, label, x, y, 2, [255, 255, 255]);
    }
  }
}

function signed(n: number): string {
  return (n < 0 ? '-' : '+') + String(Math.abs(n)).padStart(3, '0');
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function lumaOf(rgbx: Uint8Array): Uint8Array {
  const gray = new Uint8Array(rgbx.length / 4);
  for (let i = 0, o = 0; i < gray.length; i++, o += 4) gray[i] = (77 * rgbx[o] + 150 * rgbx[o + 1] + 29 * rgbx[o + 2]) >> 8;
  return gray;
}
