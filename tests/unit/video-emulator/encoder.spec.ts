// JPEG encoding of rendered frames: quality from compression, the frame stamp in a COM
// segment right after SOI (as the harness reads it), sizes that shrink as compression
// grows, gray frames when colour is off.
import { expect, test } from '@playwright/test';
import { decodeJpeg, inspectJpeg, parseFrameStamp } from '../../../lib/media/jpeg.ts';
import { encodeJpeg, frameStamp, qualityFor, withComment } from '../../../rigs/virtual-camera/video/encoder.ts';
import { renderScene } from '../../../rigs/virtual-camera/video/render.ts';
import type { RawFrame } from '../../../rigs/virtual-camera/video/scene.ts';

function frame(width: number, height: number, channels: 1 | 3 = 3): RawFrame {
  const f: RawFrame = { data: Buffer.alloc(width * height * channels), width, height, channels };
  renderScene(f, { view: { pan: 12, tilt: -3, hfov: 60 }, mirror: false, rotate180: false, lampOn: true, live: true });
  return f;
}

test('quality follows compression (higher compression, lower quality), clamped to 5..95', () => {
  expect(qualityFor(0)).toBe(95);
  expect(qualityFor(30)).toBe(70);
  expect(qualityFor(100)).toBe(5);
});

test('the stamp is a COM segment right after SOI, readable by the harness', async () => {
  const stamped = withComment(await encodeJpeg(frame(320, 240), 30), frameStamp(41, 1700000000123.4567));
  expect([...stamped.subarray(0, 4)]).toEqual([0xff, 0xd8, 0xff, 0xfe]);
  const s = inspectJpeg(stamped);
  expect(s.errors).toEqual([]);
  expect(s.comments[0]).toBe('camera-hil seq=41 capture=1700000000123.457');
  expect(parseFrameStamp(s.comments)).toEqual({ seq: 41, captureMs: 1700000000123.457 });
});

test('file size shrinks as compression grows; dimensions are what was asked', async () => {
  const f = frame(640, 480);
  const sizes: number[] = [];
  for (const c of [0, 25, 50, 75, 100]) {
    const jpeg = await encodeJpeg(f, c);
    sizes.push(jpeg.length);
    const d = decodeJpeg(jpeg);
    expect([d.width, d.height]).toEqual([640, 480]);
  }
  for (let i = 1; i < sizes.length; i++) expect(sizes[i], `sizes ${sizes.join(', ')}`).toBeLessThan(sizes[i - 1]);
});

test('a one-channel frame (colour off) encodes as a gray JPEG', async () => {
  const s = inspectJpeg(await encodeJpeg(frame(160, 120, 1), 30));
  expect(s.errors).toEqual([]);
  expect(s.components).toBe(1);
});

test('something that is not a JPEG gets no comment', () => {
  expect(() => withComment(Buffer.from('not a jpeg'), 'x')).toThrow(/no SOI/);
});
