import { test, expect } from '@playwright/test';
import pngjs from 'pngjs';
import { compareImages, estimateScale, estimateShift, toPng } from '../../../lib/media/shift.ts';
import { crop, downscaleGray, meanAbsDiff, toGray, toRgba, type Raster } from '../../../lib/media/image.ts';
import { prng, proceduralTexture, randomInt, zoomAboutCentre } from '../../../fixtures/synthetic-media.ts';

// A 1024x768 scene; frames are VGA windows of it, the reference one at (192, 144), so a
// window shifted by up to ±192 x ±144 (more than 25 % of the frame) stays inside.
const scene = proceduralTexture(1024, 768, 21);
const X0 = 192, Y0 = 144;
/** The frame seen after the content moved by (dx, dy): the window moved by (-dx, -dy). */
const frame = (dx = 0, dy = 0) => crop(scene, X0 - dx, Y0 - dy, 640, 480);

function addNoise(img: Raster, seed: number, amplitude: number, gain = 1, offset = 0): Raster {
  const rand = prng(seed);
  const data = Uint8Array.from(img.data, (v) => Math.max(0, Math.min(255, Math.round(v * gain + offset + (rand() - 0.5) * 2 * amplitude))));
  return { width: img.width, height: img.height, data };
}

test.describe('estimateShift', () => {
  test('known shifts, both signs, up to 25 % of the frame, are found to the pixel', () => {
    const reference = frame();
    const cases: [number, number][] = [[0, 0], [1, 0], [0, -1], [17, 9], [-37, 22], [160, 0], [-160, 0], [0, 120], [0, -120], [160, -120], [-160, 120], [-3, -101]];
    for (const [dx, dy] of cases) {
      const r = estimateShift(reference, frame(dx, dy));
      expect([r.dx, r.dy], `shift ${dx},${dy}`).toEqual([dx, dy]);
      expect(r.score).toBe(0); // exact crops: identical where they overlap
      expect(r.overlapFraction).toBeCloseTo(((640 - Math.abs(dx)) * (480 - Math.abs(dy))) / (640 * 480), 10);
      expect(r.confidence).toBeGreaterThan(0.5);
    }
  });

  test('random shifts under sensor noise and an exposure change stay within 1 px', () => {
    const rand = prng(8);
    const reference = frame();
    for (let i = 0; i < 12; i++) {
      const dx = randomInt(rand, -160, 160), dy = randomInt(rand, -120, 120);
      const r = estimateShift(reference, addNoise(frame(dx, dy), i, 12, 0.85, 25));
      expect(Math.abs(r.dx - dx), `dx for ${dx},${dy}`).toBeLessThanOrEqual(1);
      expect(Math.abs(r.dy - dy), `dy for ${dx},${dy}`).toBeLessThanOrEqual(1);
      expect(r.confidence).toBeGreaterThan(0.3);
    }
  });

  test('RGBA input works like gray', () => {
    const r = estimateShift(toRgba(frame()), toRgba(frame(-25, 40)));
    expect([r.dx, r.dy]).toEqual([-25, 40]);
  });

  test('unrelated pictures give a low confidence', () => {
    const other = crop(proceduralTexture(1024, 768, 99), X0, Y0, 640, 480);
    const unrelated = estimateShift(frame(), other);
    const related = estimateShift(frame(), frame(30, 30));
    expect(unrelated.confidence).toBeLessThan(0.2);
    expect(unrelated.confidence).toBeLessThan(related.confidence / 3);
    expect(unrelated.score).toBeGreaterThan(20);
  });

  test('bad input is a clear error', () => {
    const flat = { width: 640, height: 480, data: new Uint8Array(640 * 480).fill(128) };
    expect(() => estimateShift(flat, frame())).toThrow(/first image is flat/);
    expect(() => estimateShift(frame(), crop(scene, 0, 0, 320, 240))).toThrow(/differ in size \(640x480 vs 320x240\)/);
    expect(() => estimateShift(frame(), { width: 640, height: 480, data: new Uint8Array(10) })).toThrow(/second image: 10 bytes is neither gray/);
    expect(() => estimateShift(frame(), frame(), { maxShiftFraction: 1 })).toThrow(/maxShiftFraction/);
  });
});

test.describe('estimateScale', () => {
  const reference = crop(scene, X0, Y0, 640, 480);
  const zoomed = (s: number) => crop(zoomAboutCentre(crop(scene, 0, 0, 1024, 768), s), X0, Y0, 640, 480);

  test('known zoom in, zoom out and no zoom', () => {
    for (const s of [1, 1.25, 1.8, 0.75]) {
      const r = estimateScale(reference, zoomed(s));
      expect(Math.abs(r.scale - s), `scale ${s} -> ${r.scale}`).toBeLessThan(0.01);
      expect(r.confidence).toBeGreaterThan(0.5);
    }
  });

  test('range and size checks', () => {
    expect(() => estimateScale(reference, reference, { minScale: 2, maxScale: 1 })).toThrow(/minScale < maxScale/);
    expect(() => estimateScale(reference, crop(reference, 0, 0, 100, 100))).toThrow(/differ in size/);
  });
});

test.describe('compareImages and toPng', () => {
  test('identical images: no difference', () => {
    const r = compareImages(frame(), frame());
    expect(r.diffPixels).toBe(0);
    expect(r.diffFraction).toBe(0);
  });

  test('a changed rectangle is counted and drawn in the diff PNG', () => {
    const a = frame();
    const b = { ...a, data: Uint8Array.from(a.data) };
    for (let y = 100; y < 150; y++) for (let x = 200; x < 280; x++) b.data[y * 640 + x] = 255 - b.data[y * 640 + x];
    const r = compareImages(a, b, { threshold: 0.05 });
    expect(r.diffPixels).toBeGreaterThan(50 * 80 * 0.8);
    expect(r.diffPixels).toBeLessThanOrEqual(50 * 80);
    expect(r.diffFraction).toBeCloseTo(r.diffPixels / (640 * 480), 12);
    const png = pngjs.PNG.sync.read(r.diffPng);
    expect([png.width, png.height]).toEqual([640, 480]);
    const at = (x: number, y: number) => Array.from(png.data.subarray((y * 640 + x) * 4, (y * 640 + x) * 4 + 3));
    expect(at(240, 125)).toEqual([255, 0, 0]); // pixelmatch paints differences red
    expect(() => compareImages(a, crop(a, 0, 0, 10, 10))).toThrow(/differ in size/);
    expect(() => compareImages(a, b, { threshold: 2 })).toThrow(/threshold must be in \[0, 1\]/);
  });

  test('toPng round-trips gray and RGBA pixels', () => {
    const gray = crop(scene, 0, 0, 64, 48);
    const back = pngjs.PNG.sync.read(toPng(gray.data, 64, 48));
    expect(meanAbsDiff(toGray({ width: 64, height: 48, data: back.data }), gray)).toBe(0);
    const rgba = toRgba(gray);
    expect(pngjs.PNG.sync.read(toPng(rgba.data, 64, 48)).data.equals(Buffer.from(rgba.data))).toBe(true);
    expect(() => toPng(new Uint8Array(5), 64, 48)).toThrow(/neither gray/);
  });
});

test.describe('image helpers', () => {
  test('downscaleGray averages blocks; crop checks its rectangle', () => {
    const img = { width: 4, height: 2, data: Uint8Array.from([0, 2, 10, 20, 4, 6, 30, 40]) };
    expect(Array.from(downscaleGray(img, 2).data)).toEqual([3, 25]);
    expect(() => crop(img, 3, 0, 2, 1)).toThrow(/not inside the 4x2 image/);
    expect(() => downscaleGray(img, 3)).toThrow(/too small for factor 3/);
    expect(() => meanAbsDiff(img, toRgba(img))).toThrow(/must be gray/);
  });
});
