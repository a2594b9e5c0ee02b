// Damaged JPEGs for the frame faults, the two kinds a camera really sends:
//  - truncated: the file ends inside the entropy-coded data (no EOI), as when a
//    camera's encoder buffer overflows; the multipart framing around it stays honest;
//  - bit flips in the entropy-coded data that still decode: every header and marker is
//    intact, so a structural check passes and a decoder succeeds, and only comparing the
//    picture shows the damage (a smeared block run). The flip is tried until one both
//    decodes (jpeg-js, strict) and visibly changes the picture's luma, so the fault is what its
//    name says; when no attempt qualifies the frame is left as it was (and logged so).
import jpeg from 'jpeg-js';

const ATTEMPTS = 12;
/** Mean luma difference (0..255) that counts as visible damage. */
const VISIBLE = 1.0;

/** Start and end (offset of the EOI marker) of the first scan's entropy-coded data. */
function entropyRange(j: Buffer): { start: number; end: number } | undefined {
  let pos = 2;
  while (pos + 4 <= j.length && j[pos] === 0xff) {
    const marker = j[pos + 1];
    const length = j.readUInt16BE(pos + 2);
    if (marker === 0xda) {
      const start = pos + 2 + length;
      const end = j.lastIndexOf(Buffer.of(0xff, 0xd9));
      return end > start + 16 ? { start, end } : undefined;
    }
    pos += 2 + length;
  }
  return undefined;
}

/** The JPEG cut at a point between 30 % and 70 % of its entropy-coded data. */
export function truncateJpeg(j: Buffer, random: () => number): Buffer {
  const r = entropyRange(j);
  if (!r) return j.subarray(0, Math.max(2, Math.floor(j.length / 2)));
  const cut = r.start + Math.floor((0.3 + 0.4 * random()) * (r.end - r.start));
  return Buffer.from(j.subarray(0, cut));
}

function decode(j: Buffer): Uint8Array | undefined {
  try {
    return jpeg.decode(j, { useTArray: true, formatAsRGBA: true, tolerantDecoding: false, maxResolutionInMP: 50, maxMemoryUsageInMB: 256 }).data;
  } catch {
    return undefined;
  }
}

/**
 * Mean luma difference over every 3rd pixel of two RGBA rasters. Luma, because a flip in a
 * chroma block changes colours only, and picture checks compare gray images.
 */
function lumaDiff(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i + 2 < a.length; i += 12, n++) {
    const ya = 77 * a[i] + 150 * a[i + 1] + 29 * a[i + 2];
    const yb = 77 * b[i] + 150 * b[i + 1] + 29 * b[i + 2];
    sum += Math.abs(ya - yb) / 256;
  }
  return n ? sum / n : 0;
}

/**
 * One bit flipped in the first 40 % of the entropy data (damage early in the scan spreads
 * over more blocks), never in or next to a 0xFF byte (that would make or break a marker).
 * Returns undefined when no attempt both decodes and shows.
 */
export function flipEntropyBit(j: Buffer, random: () => number): Buffer | undefined {
  const r = entropyRange(j);
  if (!r) return undefined;
  const original = decode(j);
  if (!original) return undefined;
  const span = Math.max(1, Math.floor((r.end - r.start) * 0.4));
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const pos = r.start + Math.floor(random() * span);
    const bit = 1 << Math.floor(random() * 8);
    if (j[pos] === 0xff || j[pos - 1] === 0xff || (j[pos] ^ bit) === 0xff) continue;
    const copy = Buffer.from(j);
    copy[pos] ^= bit;
    const pixels = decode(copy);
    if (pixels && pixels.length === original.length && lumaDiff(original, pixels) >= VISIBLE) return copy;
  }
  return undefined;
}
