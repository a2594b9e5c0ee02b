// Pictures for the report: rectangle outlines drawn onto a decoded frame (a motion window
// over the scene it watches), shrunk to attachment size and encoded as PNG. Pure functions
// on the {width, height, data} records of image.ts; the input is never changed.

import pngjs from 'pngjs';
import { channelsOf, toRgba, type Raster, type RgbaImage } from './image.ts';

/** Pixels; x, y is the top-left pixel inside the rectangle, width and height count pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Red, green, blue, each 0..255 (the outline is opaque). */
export type Rgb = readonly [number, number, number];

export interface Outline extends Rect {
  color: Rgb;
}

const describeRect = (r: Rect) => `${r.x},${r.y} ${r.width}x${r.height}`;

function checkRect(r: Rect, img: Raster): void {
  const ok = [r.x, r.y, r.width, r.height].every(Number.isInteger) && r.width > 0 && r.height > 0;
  if (!ok) throw new Error(`drawOutlines: rectangle ${describeRect(r)} needs integer x, y and a width and height of at least 1`);
  // Partly outside is clipped; wholly outside is a caller's mix-up of coordinates (the
  // picture would silently show nothing).
  if (r.x >= img.width || r.y >= img.height || r.x + r.width <= 0 || r.y + r.height <= 0) {
    throw new Error(`drawOutlines: rectangle ${describeRect(r)} lies wholly outside the ${img.width}x${img.height} image`);
  }
}

function checkColor(c: Rgb, r: Rect): void {
  if (!Array.isArray(c) || c.length !== 3 || !c.every((v) => Number.isInteger(v) && v >= 0 && v <= 255)) {
    throw new Error(`drawOutlines: colour of rectangle ${describeRect(r)} must be [r, g, b] with integers 0..255 (got ${JSON.stringify(c)})`);
  }
}

/** Throws a clear error on a bad image, rectangle, colour or thickness; returns the thickness. */
function checkOutlines(img: Raster, outlines: readonly Outline[], thickness = 2): number {
  channelsOf(img, 'drawOutlines: image');
  if (!Number.isInteger(thickness) || thickness < 1) throw new Error(`drawOutlines: thickness must be an integer >= 1 (got ${thickness})`);
  if (!Array.isArray(outlines)) throw new Error('drawOutlines: outlines must be an array');
  for (const o of outlines) {
    checkRect(o, img);
    checkColor(o.color, o);
  }
  return thickness;
}

/**
 * A copy of `img` (gray or RGBA) as RGBA with each rectangle's outline drawn `thickness`
 * pixels wide on the inside of its edges, so the outline covers exactly the rectangle's
 * border pixels. Rectangles reaching past the image are clipped at its edges. All
 * arguments are checked before anything is drawn.
 */
export function drawOutlines(img: Raster, outlines: readonly Outline[], options: { thickness?: number } = {}): RgbaImage {
  const thickness = checkOutlines(img, outlines, options.thickness);
  const out = toRgba(img);
  const { width, height, data } = out;
  for (const o of outlines) {
    const x0 = Math.max(0, o.x), x1 = Math.min(width, o.x + o.width);
    const y0 = Math.max(0, o.y), y1 = Math.min(height, o.y + o.height);
    // Border pixels: within `thickness` of one of the rectangle's own edges (not the clipped ones).
    const t = Math.min(thickness, Math.ceil(o.width / 2), Math.ceil(o.height / 2));
    for (let y = y0; y < y1; y++) {
      const rowBorder = y < o.y + t || y >= o.y + o.height - t;
      for (let x = x0; x < x1; x++) {
        if (!rowBorder && x >= o.x + t && x < o.x + o.width - t) {
          x = o.x + o.width - t - 1; // skip the inside of the row
          continue;
        }
        const i = (y * width + x) * 4;
        data[i] = o.color[0];
        data[i + 1] = o.color[1];
        data[i + 2] = o.color[2];
        data[i + 3] = 255;
      }
    }
  }
  return out;
}

/**
 * The smallest integer factor that brings `width` to at most `maxWidth`: a report picture
 * need not carry every pixel of a 1080p frame.
 */
function shrinkFactor(width: number, maxWidth: number): number {
  if (!Number.isInteger(maxWidth) || maxWidth < 1) throw new Error(`shrinkFactor: maxWidth must be an integer >= 1 (got ${maxWidth})`);
  return Math.max(1, Math.ceil(width / maxWidth));
}

/** RGBA shrunk by an integer factor, each factor×factor block averaged; edge pixels that fill no whole block are dropped. */
export function shrinkRgba(img: Raster, factor: number): RgbaImage {
  const rgba = toRgba(img);
  if (!Number.isInteger(factor) || factor < 1) throw new Error(`shrinkRgba: factor must be an integer >= 1 (got ${factor})`);
  if (factor === 1) return rgba;
  const width = Math.floor(rgba.width / factor);
  const height = Math.floor(rgba.height / factor);
  if (width < 1 || height < 1) throw new Error(`shrinkRgba: ${rgba.width}x${rgba.height} is too small for factor ${factor}`);
  const out = new Uint8Array(width * height * 4);
  const area = factor * factor;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 4; c++) {
        let s = 0;
        for (let r = 0; r < factor; r++) {
          let p = ((y * factor + r) * rgba.width + x * factor) * 4 + c;
          for (let k = 0; k < factor; k++, p += 4) s += rgba.data[p];
        }
        out[(y * width + x) * 4 + c] = Math.round(s / area);
      }
    }
  }
  return { width, height, data: out };
}

/** A rectangle in the pixels of an image shrunk by `factor`: it still covers what it covered. */
function shrinkRect(r: Rect, factor: number): Rect {
  const x = Math.floor(r.x / factor), y = Math.floor(r.y / factor);
  return { x, y, width: Math.ceil((r.x + r.width) / factor) - x, height: Math.ceil((r.y + r.height) / factor) - y };
}

/**
 * PNG bytes (8-bit RGB: the outlines are opaque and a frame has no alpha worth a fourth
 * channel) of a gray or RGBA raster.
 */
function rgbPng(img: Raster): Buffer {
  const rgba = toRgba(img);
  const png = new pngjs.PNG({ width: rgba.width, height: rgba.height });
  png.data = Buffer.from(rgba.data.buffer, rgba.data.byteOffset, rgba.data.byteLength);
  return pngjs.PNG.sync.write(png, { colorType: 2 });
}

/**
 * A frame for the report: shrunk to at most `maxWidth` pixels wide (default 400), the
 * outlines (given in the frame's own pixels) drawn on it, as PNG.
 */
export function outlinedPng(img: Raster, outlines: readonly Outline[], options: { maxWidth?: number; thickness?: number } = {}): Buffer {
  // Checked at full size, so an error names the rectangle the caller passed.
  checkOutlines(img, outlines, options.thickness);
  const factor = shrinkFactor(img.width, options.maxWidth ?? 400);
  const small = shrinkRgba(img, factor);
  // A rectangle only in the edge pixels the shrink dropped is pinned to the last row or column.
  const scaled = outlines.map((o) => {
    const r = shrinkRect(o, factor);
    const x = Math.min(r.x, small.width - 1), y = Math.min(r.y, small.height - 1);
    return { x, y, width: Math.max(1, r.x + r.width - x), height: Math.max(1, r.y + r.height - y), color: o.color };
  });
  return rgbPng(drawOutlines(small, scaled, { thickness: options.thickness }));
}
