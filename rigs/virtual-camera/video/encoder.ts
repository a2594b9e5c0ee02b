// JPEG encoding of rendered frames. sharp (libjpeg-turbo) runs in libuv's thread pool, so
// an encode never blocks the event loop; ~8 ms for 1080p RGB here versus ~100 ms for a
// pure-JS encoder (bench/encode.ts).
//
// Every frame carries a COM segment right after SOI, `camera-hil seq=<n> capture=<unix ms>`:
// the harness counts dropped and duplicated frames from seq and measures latency from
// capture (host wall clock, 3 decimals). Real cameras have no such stamp.
import sharp from 'sharp';
import type { RawFrame } from './scene.ts';

/** Image.I0.Appearance.Compression 0..100 -> JPEG quality: higher compression, smaller file. */
export function qualityFor(compression: number): number {
  return Math.min(95, Math.max(5, Math.round(100 - compression)));
}

export async function encodeJpeg(frame: RawFrame, compression: number): Promise<Buffer> {
  const img = sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: frame.channels } });
  // One channel in: keep it one component out (sharp would widen it to sRGB otherwise).
  if (frame.channels === 1) img.toColourspace('b-w');
  return img.jpeg({ quality: qualityFor(compression), optimiseCoding: false }).toBuffer();
}

export function frameStamp(seq: number, captureMs: number): string {
  return `camera-hil seq=${seq} capture=${captureMs.toFixed(3)}`;
}

/** A COM segment holding `text` (Latin-1, < 64 KiB). */
function commentSegment(text: string): Buffer {
  const body = Buffer.from(text, 'latin1');
  if (body.length > 65533) throw new Error('JPEG comment too long');
  const seg = Buffer.allocUnsafe(4 + body.length);
  seg[0] = 0xff;
  seg[1] = 0xfe;
  seg.writeUInt16BE(body.length + 2, 2);
  body.copy(seg, 4);
  return seg;
}

/** The pieces of the JPEG with `text` in a COM segment after SOI, for one Buffer.concat. */
export function commentedPieces(jpeg: Buffer, text: string): Buffer[] {
  if (jpeg.length < 2 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('encoder produced no JPEG (no SOI)');
  return [jpeg.subarray(0, 2), commentSegment(text), jpeg.subarray(2)];
}

/** The JPEG with a COM segment holding `text` inserted after SOI. */
export function withComment(jpeg: Buffer, text: string): Buffer {
  return Buffer.concat(commentedPieces(jpeg, text));
}

/** Wall-clock now in unix ms with sub-millisecond precision (performance clock based). */
export function unixNowMs(perfNow = performance.now()): number {
  return performance.timeOrigin + perfNow;
}
