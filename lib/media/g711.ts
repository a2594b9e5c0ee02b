// G.711 mu-law for the harness: decoding what a camera sends, encoding what it plays.
// Written apart from the virtual camera's codec (rigs/virtual-camera/audio/mulaw.ts) so a
// shared mistake cannot cancel out; the unit tests check this one against ffmpeg.
//
// G.711 defines 8 segments of 16 steps each; in segment s the step is 2^(s+1) (in 14-bit
// units) and the reconstruction level of step m is the middle of its interval:
//   magnitude14 = (2m + 33) * 2^s - 33
// The 16-bit value is that times 4. Bytes go on the wire bit-inverted.

/** Decoded 16-bit value of each of the 256 codes. */
const LEVELS: Int16Array = (() => {
  const t = new Int16Array(256);
  for (let code = 0; code < 256; code++) {
    const bits = code ^ 0xff;
    const negative = bits >= 0x80;
    const segment = (bits >> 4) & 7;
    const step = bits & 15;
    const magnitude = ((2 * step + 33) * 2 ** segment - 33) * 4;
    t[code] = negative ? -magnitude : magnitude;
  }
  return t;
})();

/** Mu-law bytes to 16-bit linear PCM. */
export function mulawToPcm(bytes: Uint8Array): Int16Array {
  const out = new Int16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = LEVELS[bytes[i]];
  return out;
}

/** The decoded value of one code. */
export function mulawLevel(code: number): number {
  if (!Number.isInteger(code) || code < 0 || code > 255) throw new RangeError(`mu-law code ${code} is not a byte`);
  return LEVELS[code];
}

// For encoding: every level with the code that produces it, ascending. Codes 0x7f and 0xff
// both decode to 0; 0xff (positive zero) is the one encoders send.
const SORTED: { level: number; code: number }[] = [...LEVELS]
  .map((level, code) => ({ level, code }))
  .filter((e) => e.code !== 0x7f)
  .sort((a, b) => a.level - b.level);

/**
 * One 16-bit sample to the code whose level is nearest (ties go to the smaller magnitude),
 * by binary search over the 255 distinct levels: nothing shared with a bit-twiddling
 * encoder except the standard's levels themselves.
 */
export function pcmSampleToMulaw(sample: number): number {
  const x = Math.max(-32768, Math.min(32767, sample));
  let lo = 0;
  let hi = SORTED.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (SORTED[mid].level <= x) lo = mid;
    else hi = mid;
  }
  const a = SORTED[lo];
  const b = SORTED[hi];
  const da = Math.abs(x - a.level);
  const db = Math.abs(b.level - x);
  if (da !== db) return da < db ? a.code : b.code;
  return Math.abs(a.level) <= Math.abs(b.level) ? a.code : b.code;
}

/** 16-bit linear samples (floats are fine; out-of-range values clip) to mu-law bytes. */
export function pcmToMulaw(samples: ArrayLike<number>): Buffer {
  const out = Buffer.allocUnsafe(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = pcmSampleToMulaw(samples[i]);
  return out;
}
