import { test, expect } from '@playwright/test';
import jpeg from 'jpeg-js';
import sharp from 'sharp';
import { decodeJpeg, inspectJpeg, parseFrameStamp } from '../../../lib/media/jpeg.ts';
import { meanAbsDiff, toGray, toRgba } from '../../../lib/media/image.ts';
import { proceduralTexture } from '../../../fixtures/synthetic-media.ts';

const texture = proceduralTexture(160, 120, 5);
const rgba = toRgba(texture);
const encode = (comments?: string[]) => jpeg.encode({ width: 160, height: 120, data: Buffer.from(rgba.data), comments }, 85).data;

/** Offsets of every marker segment (FF xx with a length) before the first SOS. */
function segments(buf: Buffer): { marker: number; at: number; length: number }[] {
  const out = [];
  let pos = 2;
  while (pos < buf.length && buf[pos + 1] !== 0xda) {
    const length = buf.readUInt16BE(pos + 2);
    out.push({ marker: buf[pos + 1], at: pos, length });
    pos += 2 + length;
  }
  return out;
}

function withoutMarker(buf: Buffer, marker: number): Buffer {
  const drop = segments(buf).filter((s) => s.marker === marker);
  const keep: Buffer[] = [];
  let from = 0;
  for (const s of drop) { keep.push(buf.subarray(from, s.at)); from = s.at + 2 + s.length; }
  keep.push(buf.subarray(from));
  return Buffer.concat(keep);
}

test.describe('inspectJpeg', () => {
  test('a well-formed baseline JPEG: size, components, comments, no errors', () => {
    const info = inspectJpeg(encode(['camera-hil seq=7 capture=1700000000123.5', 'other']));
    expect(info).toEqual({ width: 160, height: 120, components: 3, progressive: false, comments: ['camera-hil seq=7 capture=1700000000123.5', 'other'], errors: [] });
  });

  test('a progressive JPEG with several scans', async () => {
    const buf = await sharp(Buffer.from(rgba.data), { raw: { width: 160, height: 120, channels: 4 } }).jpeg({ progressive: true }).toBuffer();
    const info = inspectJpeg(buf);
    expect(info.errors).toEqual([]);
    expect(info.progressive).toBe(true);
    expect([info.width, info.height]).toEqual([160, 120]);
  });

  test('stuffed bytes and restart markers inside entropy data are skipped', () => {
    const seg = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 255, ...body];
    const buf = Buffer.from([
      0xff, 0xd8,
      ...seg(0xdb, [0, ...new Array(64).fill(1)]),
      ...seg(0xc0, [8, 0, 16, 0, 16, 1, 1, 0x11, 0]),
      ...seg(0xc4, [0, ...new Array(16).fill(0)]),
      ...seg(0xdd, [0, 4]),
      ...seg(0xda, [1, 1, 0, 0, 63, 0]),
      0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0xd1, 0x78, 0xff, 0xff, 0xd9,
    ]);
    const info = inspectJpeg(buf);
    expect(info.errors).toEqual([]);
    expect([info.width, info.height, info.components]).toEqual([16, 16, 1]);
  });

  test('names each structural problem', () => {
    const good = encode();
    const problems: [string, Buffer, RegExp][] = [
      ['no SOI', good.subarray(2), /does not start with SOI/],
      ['truncated scan', good.subarray(0, good.length - 200), /truncated: entropy data of scan 1 runs to the end/],
      ['trailing CRLF', Buffer.concat([good, Buffer.from('\r\n')]), /2 trailing byte\(s\) after EOI/],
      ['no DHT', withoutMarker(good, 0xc4), /no Huffman table \(DHT\)/],
      ['no DQT', withoutMarker(good, 0xdb), /no quantisation table \(DQT\)/],
      ['a length beyond the buffer', Buffer.concat([good.subarray(0, 4), Buffer.from([0xff, 0xff])]), /declares length 65535, beyond/],
      ['headers only', good.subarray(0, segments(good).at(-1)!.at), /truncated: no EOI/],
    ];
    for (const [name, buf, pattern] of problems) {
      const errors = inspectJpeg(buf).errors;
      expect(errors.join('\n'), name).toMatch(pattern);
    }
    expect(() => inspectJpeg('not a buffer' as unknown as Buffer)).toThrow(/must be a Buffer/);
  });
});

test.describe('decodeJpeg', () => {
  test('decodes to RGBA close to the source picture', () => {
    const img = decodeJpeg(encode(['hello']));
    expect([img.width, img.height, img.data.length]).toEqual([160, 120, 160 * 120 * 4]);
    expect(img.comments).toEqual(['hello']);
    expect(meanAbsDiff(toGray(img), texture)).toBeLessThan(4);
  });

  test('garbage and truncation become clear errors', () => {
    expect(() => decodeJpeg(Buffer.from('definitely not a jpeg'))).toThrow(/^JPEG decode failed \(21 bytes\): /);
    const good = encode();
    expect(() => decodeJpeg(good.subarray(0, 300))).toThrow(/JPEG decode failed/);
    expect(() => decodeJpeg(good, { maxMegapixels: 0.001 })).toThrow(/JPEG decode failed.*maxResolutionInMP/);
  });

  test('a corrupted scan can decode without error: only comparison tells', () => {
    const good = encode();
    const reference = toGray(decodeJpeg(good));
    const sos = good.indexOf(Buffer.from([0xff, 0xda]));
    let silent = 0;
    for (let offset = sos + 40; offset < good.length - 40; offset += 97) {
      if (good[offset] === 0xff || good[offset - 1] === 0xff) continue;
      const bad = Buffer.from(good);
      bad[offset] ^= 0x10;
      expect(inspectJpeg(bad).errors).toEqual([]); // the structure is intact
      let decoded;
      try { decoded = decodeJpeg(bad); } catch { continue; } // some flips desynchronise the Huffman decoder
      silent++;
      expect(meanAbsDiff(toGray(decoded), reference)).toBeGreaterThan(0);
    }
    expect(silent).toBeGreaterThan(0);
  });
});

test.describe('parseFrameStamp', () => {
  test('reads seq and capture time, undefined when absent', () => {
    expect(parseFrameStamp(['x', 'camera-hil seq=42 capture=1700000000123.25'])).toEqual({ seq: 42, captureMs: 1700000000123.25 });
    expect(parseFrameStamp(['camera-hil seq=0 capture=5\0'])).toEqual({ seq: 0, captureMs: 5 });
    expect(parseFrameStamp([])).toBeUndefined();
    expect(parseFrameStamp(['Created by a real camera'])).toBeUndefined();
  });

  test('a malformed stamp is an error', () => {
    expect(() => parseFrameStamp(['camera-hil seq=x capture=1'])).toThrow(/malformed frame stamp "camera-hil seq=x capture=1"/);
    expect(() => parseFrameStamp(['camera-hil seq=99999999999999999999 capture=1'])).toThrow(/not a safe integer/);
  });
});
