// JPEG checks for frames off the wire: a cheap structural walk (every frame of a stream can
// afford it), a full decode with jpeg-js when pixels are needed, and the frame stamp the
// virtual camera writes into a COM segment.
//
// Neither check proves the picture is right: flipped bits in the entropy-coded data usually
// decode without any error into a smeared image. Content is checked by comparison instead
// (meanAbsDiff in image.ts, estimateShift / compareImages in shift.ts).

import jpeg from 'jpeg-js';
import type { RgbaImage } from './image.ts';

export interface JpegStructure {
  /** From the SOF segment; 0 when there is none. */
  width: number;
  height: number;
  components: number;
  progressive: boolean;
  /** Text of every COM segment, in order. */
  comments: string[];
  /** Structural problems, empty for a well-formed file. */
  errors: string[];
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const DQT = 0xdb;
const DHT = 0xc4;
const COM = 0xfe;
const DRI = 0xdd;
const isRst = (m: number) => m >= 0xd0 && m <= 0xd7;
/** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== DHT && m !== 0xc8 && m !== 0xcc;
const hex = (n: number) => `0x${n.toString(16).toUpperCase().padStart(2, '0')}`;

/**
 * Walks the marker segments of a JPEG without decoding it: SOI first, every segment's length
 * inside the buffer, a SOF0/1/2 frame header with non-zero size, DQT and DHT present, each
 * SOS followed by entropy data (stuffed 0xFF00 and RSTn skipped) up to the next marker, EOI
 * last with nothing after it. A trailing CRLF from a multipart stream counts as trailing
 * bytes: strip transport framing before calling.
 */
export function inspectJpeg(buf: Uint8Array): JpegStructure {
  const result: JpegStructure = { width: 0, height: 0, components: 0, progressive: false, comments: [], errors: [] };
  const errors = result.errors;
  if (!(buf instanceof Uint8Array)) throw new Error('inspectJpeg: input must be a Buffer or Uint8Array');
  if (buf.length < 4 || buf[0] !== 0xff || buf[1] !== SOI) {
    errors.push(`does not start with SOI (FF D8): first bytes ${hexBytes(buf, 0, 4)}`);
    return result;
  }
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  let pos = 2;
  let sawSof = false;
  let sawDqt = false;
  let sawDht = false;
  let scans = 0;
  for (;;) {
    if (pos >= b.length) {
      errors.push(`truncated: no EOI after ${b.length} bytes`);
      break;
    }
    if (b[pos] !== 0xff) {
      errors.push(`expected a marker at offset ${pos}, found ${hex(b[pos])}`);
      break;
    }
    while (pos < b.length && b[pos] === 0xff) pos++; // fill bytes before a marker are legal
    if (pos >= b.length) continue;
    const marker = b[pos++];
    const at = pos - 2;
    if (marker === EOI) {
      if (pos < b.length) errors.push(`${b.length - pos} trailing byte(s) after EOI at offset ${at}`);
      break;
    }
    if (marker === SOI) { errors.push(`second SOI at offset ${at}`); break; }
    if (marker === 0x01 || isRst(marker)) { errors.push(`stray marker ${hex(marker)} outside entropy data at offset ${at}`); continue; }
    if (pos + 2 > b.length) { errors.push(`truncated: segment ${hex(marker)} at offset ${at} has no length`); break; }
    const length = b.readUInt16BE(pos);
    if (length < 2 || pos + length > b.length) {
      errors.push(`segment ${hex(marker)} at offset ${at} declares length ${length}, beyond the ${b.length}-byte buffer`);
      break;
    }
    const body = b.subarray(pos + 2, pos + length);
    pos += length;
    if (isSof(marker)) {
      if (sawSof) errors.push(`second frame header ${hex(marker)} at offset ${at}`);
      sawSof = true;
      readFrameHeader(marker, body, result);
    } else if (marker === DQT) sawDqt = true;
    else if (marker === DHT) sawDht = true;
    else if (marker === COM) result.comments.push(body.toString('latin1'));
    else if (marker === DRI && body.length !== 2) errors.push(`DRI at offset ${at} has length ${length}, not 4`);
    else if (marker === SOS) {
      scans++;
      if (!sawSof) errors.push(`SOS at offset ${at} comes before any frame header`);
      if (body.length < 6 || body[0] < 1 || body.length !== 4 + 2 * body[0]) errors.push(`SOS at offset ${at} has a malformed header`);
      const end = entropyEnd(b, pos);
      if (end === pos) errors.push(`SOS at offset ${at} is followed by no entropy-coded data`);
      if (end >= b.length) {
        errors.push(`truncated: entropy data of scan ${scans} runs to the end of the buffer without EOI`);
        break;
      }
      pos = end;
    }
  }
  if (!sawSof) errors.push('no frame header (SOF0/1/2)');
  if (!sawDqt) errors.push('no quantisation table (DQT)');
  if (!sawDht) errors.push('no Huffman table (DHT): a stand-alone JPEG must carry its tables');
  if (scans === 0) errors.push('no scan (SOS)');
  return result;
}

function readFrameHeader(marker: number, body: Buffer, out: JpegStructure): void {
  if (body.length < 6) { out.errors.push(`frame header ${hex(marker)} is too short`); return; }
  out.height = body.readUInt16BE(1);
  out.width = body.readUInt16BE(3);
  out.components = body[5];
  out.progressive = marker === 0xc2 || marker === 0xc6 || marker === 0xca || marker === 0xce;
  if (marker > 0xc2) out.errors.push(`frame type ${hex(marker)} is not baseline, extended or progressive Huffman (SOF0/1/2)`);
  if (body[0] !== 8) out.errors.push(`sample precision ${body[0]} bits, expected 8`);
  if (out.width === 0 || out.height === 0) out.errors.push(`frame size ${out.width}x${out.height} has a zero dimension`);
  if (out.components !== 1 && out.components !== 3) out.errors.push(`${out.components} colour components, expected 1 or 3`);
  if (body.length !== 6 + 3 * out.components) out.errors.push(`frame header length does not match ${out.components} components`);
}

/** Offset of the first marker after entropy-coded data starting at pos (or buf.length). */
function entropyEnd(buf: Buffer, pos: number): number {
  let i = pos;
  for (;;) {
    i = buf.indexOf(0xff, i);
    if (i < 0 || i + 1 >= buf.length) return buf.length;
    const next = buf[i + 1];
    if (next === 0x00 || isRst(next)) { i += 2; continue; } // stuffed byte or restart marker
    if (next === 0xff) { i += 1; continue; } // fill byte: the marker starts at the last 0xFF
    return i;
  }
}

function hexBytes(buf: Uint8Array, from: number, n: number): string {
  return Array.from(buf.subarray(from, from + n), (v) => v.toString(16).padStart(2, '0')).join(' ') || '(none)';
}

export interface DecodedJpeg extends RgbaImage {
  comments: string[];
}

/**
 * Full decode to RGBA with jpeg-js, strict mode (a truncated scan is an error rather than a
 * grey bottom half). Limits keep a bogus header from allocating gigabytes.
 */
export function decodeJpeg(buf: Uint8Array, limits: { maxMegapixels?: number; maxMemoryMB?: number } = {}): DecodedJpeg {
  if (!(buf instanceof Uint8Array)) throw new Error('decodeJpeg: input must be a Buffer or Uint8Array');
  try {
    const img = jpeg.decode(buf, {
      useTArray: true,
      formatAsRGBA: true,
      tolerantDecoding: false,
      maxResolutionInMP: limits.maxMegapixels ?? 50,
      maxMemoryUsageInMB: limits.maxMemoryMB ?? 512,
    });
    if (!img.width || !img.height) throw new Error('no image data');
    return { width: img.width, height: img.height, data: img.data, comments: img.comments ?? [] };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`JPEG decode failed (${buf.length} bytes): ${reason}`);
  }
}

export interface FrameStamp {
  seq: number;
  /** Capture time, Unix milliseconds (may have a fraction). */
  captureMs: number;
}

const STAMP = /^camera-hil seq=(\d+) capture=(\d+(?:\.\d+)?)\s*\0?$/;

/**
 * The virtual camera's stamp, `camera-hil seq=<integer> capture=<unix ms>`, from a frame's
 * COM texts; undefined when the frame has none (every real camera). A comment that starts
 * like a stamp but does not parse is an emulator bug and is reported, not ignored.
 */
export function parseFrameStamp(comments: readonly string[]): FrameStamp | undefined {
  for (const text of comments) {
    if (!text.startsWith('camera-hil ')) continue;
    const m = STAMP.exec(text);
    if (!m) throw new Error(`malformed frame stamp ${JSON.stringify(text.slice(0, 100))}`);
    const seq = Number(m[1]);
    if (!Number.isSafeInteger(seq)) throw new Error(`frame stamp seq ${m[1]} is not a safe integer`);
    return { seq, captureMs: Number(m[2]) };
  }
  return undefined;
}
