// Minimal raster primitives on interleaved 8-bit pixel buffers: the panorama's shapes,
// the lamp and the OSD band are drawn with these. Everything clips at the canvas edges.

/**
 * A pixel buffer, rows top to bottom: 1 channel (gray), 3 (RGB) or 4 (RGB and an unused
 * byte, so each pixel is one 32-bit word: the panorama's layout).
 */
export interface Canvas {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 3 | 4;
}

/** Fills a rectangle with one colour (one value per channel; a gray canvas uses the first). */
export function fillRect(c: Canvas, x: number, y: number, w: number, h: number, color: readonly number[]): void {
  const x0 = Math.max(0, Math.floor(x));
  const y0 = Math.max(0, Math.floor(y));
  const x1 = Math.min(c.width, Math.floor(x + w));
  const y1 = Math.min(c.height, Math.floor(y + h));
  for (let yy = y0; yy < y1; yy++) fillSpan(c, yy, x0, x1, color);
}

/** Fills the ellipse inscribed in the rectangle (x, y, w, h). */
export function fillEllipse(c: Canvas, x: number, y: number, w: number, h: number, color: readonly number[]): void {
  const cx = x + w / 2;
  const cy = y + h / 2;
  const rx = w / 2;
  const ry = h / 2;
  if (rx <= 0 || ry <= 0) return;
  const y0 = Math.max(0, Math.floor(y));
  const y1 = Math.min(c.height, Math.ceil(y + h));
  for (let yy = y0; yy < y1; yy++) {
    const dy = (yy + 0.5 - cy) / ry;
    if (dy * dy >= 1) continue;
    const half = rx * Math.sqrt(1 - dy * dy);
    fillSpan(c, yy, Math.max(0, Math.round(cx - half)), Math.min(c.width, Math.round(cx + half)), color);
  }
}

function fillSpan(c: Canvas, y: number, x0: number, x1: number, color: readonly number[]): void {
  const ch = c.channels;
  const d = c.data;
  let o = (y * c.width + x0) * ch;
  if (ch === 1) {
    if (x1 > x0) d.fill(color[0], o, o + (x1 - x0));
    return;
  }
  for (let x = x0; x < x1; x++, o += ch) {
    d[o] = color[0];
    d[o + 1] = color[1];
    d[o + 2] = color[2];
  }
}
