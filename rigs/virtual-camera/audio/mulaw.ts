// The camera's G.711 mu-law codec (ITU-T G.711, 8-bit code, 14-bit magnitude).
// The harness decodes with its own code in lib/media/g711.ts; the two are written apart
// on purpose so that one bug cannot hide itself on both sides of the wire.

const BIAS = 0x84; // 132: shifts every segment so its first step starts at a power of two
const CLIP = 32635; // largest magnitude that still fits segment 7 after adding BIAS

/** One 16-bit linear sample (clamped) to its mu-law code. */
export function encodeSample(linear: number): number {
  let x = Math.round(linear);
  let sign = 0;
  if (x < 0) {
    sign = 0x80;
    x = -x;
  }
  if (x > CLIP) x = CLIP;
  x += BIAS;
  // The segment (exponent) is the position of the highest set bit above bit 7.
  let exponent = 7;
  for (let mask = 0x4000; (x & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (x >> (exponent + 3)) & 0x0f;
  // Codes are sent inverted so that silence is not a run of zero bytes (line coding).
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** Samples in [-32768, 32767] (floats are rounded) to mu-law bytes. */
export function encode(samples: ArrayLike<number>): Buffer {
  const out = Buffer.allocUnsafe(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = encodeSample(samples[i]);
  return out;
}

/** What the speaker's amplifier gets from one received code (16-bit linear). */
function decodeSample(code: number): number {
  const c = ~code & 0xff;
  const exponent = (c >> 4) & 0x07;
  const magnitude = ((((c & 0x0f) << 3) + BIAS) << exponent) - BIAS;
  return c & 0x80 ? -magnitude : magnitude;
}

/** Mu-law bytes to linear samples for the room mix. */
export function decode(bytes: Uint8Array): Float32Array {
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = decodeSample(bytes[i]);
  return out;
}
