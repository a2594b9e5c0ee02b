// Deterministic test data for the media unit tests and benches: a seeded PRNG, a
// procedural texture (noise + shapes) to crop shifted windows from, and JPEG-like bodies.
import { mulberry32 as prng } from '../../../rigs/virtual-camera/random.ts';
export { prng };


export function randomInt(rand: () => number, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1));
}

/** Random bytes from a seeded PRNG. */
export function randomBytes(rand: () => number, n: number): Buffer {
  const out = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) out[i] = (rand() * 256) | 0;
  return out;
}

/**
 * A gray texture with structure at several scales, like a real scene: smoothed value noise
 * (coarse and fine), plus random filled rectangles and discs. Unique enough everywhere that
 * a shift search has one clear minimum.
 */
export function proceduralTexture(width: number, height: number, seed: number): { width: number; height: number; data: Uint8Array } {
  const rand = prng(seed);
  const field = new Float32Array(width * height);
  for (const cell of [64, 16, 4]) {
    const gw = Math.ceil(width / cell) + 2;
    const gh = Math.ceil(height / cell) + 2;
    const grid = Float32Array.from({ length: gw * gh }, () => rand());
    const amp = cell / 64 + 0.4;
    for (let y = 0; y < height; y++) {
      const gy = y / cell;
      const y0 = Math.floor(gy);
      const fy = gy - y0;
      for (let x = 0; x < width; x++) {
        const gx = x / cell;
        const x0 = Math.floor(gx);
        const fx = gx - x0;
        const a = grid[y0 * gw + x0] * (1 - fx) + grid[y0 * gw + x0 + 1] * fx;
        const b = grid[(y0 + 1) * gw + x0] * (1 - fx) + grid[(y0 + 1) * gw + x0 + 1] * fx;
        field[y * width + x] += amp * (a * (1 - fy) + b * fy);
      }
    }
  }
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = Math.max(0, Math.min(255, Math.round(field[i] * 70)));
  const shapes = Math.round((width * height) / 4000);
  for (let s = 0; s < shapes; s++) {
    const cx = rand() * width;
    const cy = rand() * height;
    const r = 3 + rand() * 25;
    const value = Math.round(rand() * 255);
    const disc = rand() < 0.5;
    for (let y = Math.max(0, Math.floor(cy - r)); y < Math.min(height, Math.ceil(cy + r)); y++) {
      for (let x = Math.max(0, Math.floor(cx - r)); x < Math.min(width, Math.ceil(cx + r)); x++) {
        if (!disc || (x - cx) ** 2 + (y - cy) ** 2 <= r * r) data[y * width + x] = value;
      }
    }
  }
  return { width, height, data };
}

/** A JPEG-shaped body (SOI, a COM with the sequence number, random filler, EOI) of `size` bytes. */
export function jpegLikeBody(rand: () => number, seq: number, size: number): Buffer {
  const text = Buffer.from(`seq=${seq}`, 'latin1');
  const head = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xfe, 0, text.length + 2]), text]);
  const fillerLength = Math.max(0, size - head.length - 2);
  return Buffer.concat([head, randomBytes(rand, fillerLength), Buffer.from([0xff, 0xd9])]);
}

/** The sequence number a jpegLikeBody carries, or -1. */
export function seqOfJpegLikeBody(body: Buffer): number {
  if (body.length < 6 || body[2] !== 0xff || body[3] !== 0xfe) return -1;
  const m = /^seq=(\d+)$/.exec(body.subarray(6, 4 + body[5]).toString('latin1'));
  return m ? Number(m[1]) : -1;
}

/** img magnified by s about its centre (bilinear): what a zoom-in by s would show. */
export function zoomAboutCentre(img: { width: number; height: number; data: Uint8Array }, s: number): { width: number; height: number; data: Uint8Array } {
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(w * h);
  const cx = (w - 1) / 2, cy = (h - 1) / 2;
  for (let y = 0; y < h; y++) {
    const sy = Math.max(0, Math.min(h - 1.001, cy + (y - cy) / s));
    const y0 = Math.floor(sy), fy = sy - y0;
    for (let x = 0; x < w; x++) {
      const sx = Math.max(0, Math.min(w - 1.001, cx + (x - cx) / s));
      const x0 = Math.floor(sx), fx = sx - x0;
      const i = y0 * w + x0;
      const top = data[i] + (data[i + 1] - data[i]) * fx;
      const bottom = data[i + w] + (data[i + w + 1] - data[i + w]) * fx;
      out[y * w + x] = Math.round(top + (bottom - top) * fy);
    }
  }
  return { width: w, height: h, data: out };
}
