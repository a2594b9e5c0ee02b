// Rasterises what the lens sees into a pixel buffer: the panorama through the viewport,
// then the lamp. Pure (no camera state) so it can be unit-tested and benchmarked alone.
// Nearest-neighbour sampling with precomputed row/column tables keeps a 1080p RGB frame
// at a few milliseconds: panorama pixels are whole 32-bit words, four output pixels are
// written as three words, and output rows that sample the same panorama row are memcpy'd.
import { fillRect, type Canvas } from './draw.ts';
import { drawText, GLYPH_HEIGHT, textWidth } from './font.ts';
import { drawLamp } from './lamp.ts';
import { panorama } from './panorama.ts';
import { samplingTables, type View } from './viewport.ts';

export interface SceneOptions {
  view: View;
  mirror: boolean;
  rotate180: boolean;
  lampOn: boolean;
  /** False when the video source has no signal: a "NO VIDEO" card instead of the scene. */
  live: boolean;
}

/** What frames are rendered into: gray (1 channel) or RGB (3 channels). */
export type FrameCanvas = Canvas & { channels: 1 | 3 };

export function renderScene(c: FrameCanvas, o: SceneOptions): void {
  if (!o.live) return drawNoVideo(c);
  const pano = panorama();
  const { columns, rows } = samplingTables(o.view, c.width, c.height, o.mirror, o.rotate180);
  const d = c.data;
  const rowBytes = c.width * c.channels;
  // Four RGB pixels are three 32-bit words when every row starts on a word boundary.
  const words = c.channels === 3 && LITTLE_ENDIAN && c.width % 4 === 0 && d.byteOffset % 4 === 0 ? new Uint32Array(d.buffer, d.byteOffset, d.byteLength >> 2) : undefined;
  for (let y = 0; y < c.height; y++) {
    const start = y * rowBytes;
    if (y > 0 && rows[y] === rows[y - 1]) {
      d.copyWithin(start, start - rowBytes, start);
      continue;
    }
    if (c.channels === 1) sampleGrayRow(d, start, pano.gray, rows[y] * pano.width, columns);
    else if (words) sampleRgbRowWords(words, start >> 2, pano.pixels, rows[y] * pano.width, columns);
    else sampleRgbRow(d, start, pano.pixels, rows[y] * pano.width, columns);
  }
  drawLamp(c, o.lampOn);
}

function sampleRgbRow(d: Uint8Array, o: number, src: Uint32Array, base: number, columns: Int32Array): void {
  for (let x = 0; x < columns.length; x++) {
    const p = src[base + columns[x]];
    d[o++] = p & 0xff;
    d[o++] = (p >>> 8) & 0xff;
    d[o++] = (p >>> 16) & 0xff;
  }
}

/** Bytes r0 g0 b0 r1 | g1 b1 r2 g2 | b2 r3 g3 b3 as three little-endian words. */
function sampleRgbRowWords(d: Uint32Array, o: number, src: Uint32Array, base: number, columns: Int32Array): void {
  for (let x = 0; x < columns.length; x += 4) {
    const p0 = src[base + columns[x]];
    const p1 = src[base + columns[x + 1]];
    const p2 = src[base + columns[x + 2]];
    const p3 = src[base + columns[x + 3]];
    d[o++] = p0 | (p1 << 24);
    d[o++] = (p1 >>> 8) | (p2 << 16);
    d[o++] = (p2 >>> 16) | (p3 << 8);
  }
}

function sampleGrayRow(d: Uint8Array, o: number, src: Uint8Array, base: number, columns: Int32Array): void {
  for (let x = 0; x < columns.length; x++) d[o++] = src[base + columns[x]];
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const CARD = [16, 32, 96];

function drawNoVideo(c: Canvas): void {
  fillRect(c, 0, 0, c.width, c.height, c.channels === 1 ? [32] : CARD);
  const text = 'NO VIDEO';
  const scale = Math.max(1, Math.floor(c.width / 160));
  drawText(c, text, (c.width - textWidth(text, scale)) / 2, (c.height - GLYPH_HEIGHT * scale) / 2, scale, [255, 255, 255]);
}
