import { test, expect } from '@playwright/test';
import pngjs from 'pngjs';
import { drawOutlines, outlinedPng, shrinkRgba, type Outline, type Rgb } from '../../../lib/media/draw.ts';
import type { Raster } from '../../../lib/media/image.ts';

const RED: Rgb = [255, 0, 0];
const BLUE: Rgb = [0, 0, 255];
const GRAY = 50;

const blank = (width: number, height: number): Raster => ({ width, height, data: new Uint8Array(width * height).fill(GRAY) });

/** The picture as text: `.` untouched gray, `r` red, `b` blue, `?` anything else. */
function ascii(img: Raster): string {
  const rows: string[] = [];
  for (let y = 0; y < img.height; y++) {
    let row = '';
    for (let x = 0; x < img.width; x++) {
      const i = (y * img.width + x) * 4;
      const px = [...img.data.subarray(i, i + 4)].join(',');
      row += px === `${GRAY},${GRAY},${GRAY},255` ? '.' : px === '255,0,0,255' ? 'r' : px === '0,0,255,255' ? 'b' : '?';
    }
    rows.push(row);
  }
  return rows.join('\n');
}

const picture = (...rows: string[]) => rows.join('\n');

test.describe('drawOutlines', () => {
  test('a one-pixel outline covers exactly the border pixels of the rectangle', () => {
    const img = blank(6, 5);
    const out = drawOutlines(img, [{ x: 1, y: 1, width: 4, height: 3, color: RED }], { thickness: 1 });
    expect(ascii(out)).toBe(picture(
      '......',
      '.rrrr.',
      '.r..r.',
      '.rrrr.',
      '......',
    ));
    expect(img.data.every((v) => v === GRAY), 'the input is not changed').toBe(true);
  });

  test('a thicker outline grows inwards; a rectangle too small for it is filled', () => {
    const out = drawOutlines(blank(10, 7), [
      { x: 1, y: 1, width: 6, height: 5, color: RED },
      { x: 8, y: 2, width: 2, height: 3, color: BLUE },
    ], { thickness: 2 });
    expect(ascii(out)).toBe(picture(
      '..........',
      '.rrrrrr...',
      '.rrrrrr.bb',
      '.rr..rr.bb',
      '.rrrrrr.bb',
      '.rrrrrr...',
      '..........',
    ));
  });

  test('rectangles reaching past the image are clipped at its edges: only the edges inside are drawn', () => {
    const out = drawOutlines(blank(8, 6), [
      { x: -2, y: -1, width: 5, height: 4, color: RED },
      { x: 5, y: 3, width: 6, height: 6, color: BLUE },
    ], { thickness: 1 });
    expect(ascii(out)).toBe(picture(
      '..r.....',
      '..r.....',
      'rrr.....',
      '.....bbb',
      '.....b..',
      '.....b..',
    ));
  });

  test('an RGBA image keeps its pixels outside the outline', () => {
    const rgba: Raster = { width: 3, height: 3, data: Uint8Array.from({ length: 36 }, (_, i) => (i * 7) % 256) };
    const out = drawOutlines(rgba, [{ x: 0, y: 0, width: 3, height: 3, color: BLUE }], { thickness: 1 });
    expect([...out.data.subarray(16, 20)], 'the centre pixel').toEqual([...rgba.data.subarray(16, 20)]);
    expect([...out.data.subarray(0, 4)], 'a corner').toEqual([0, 0, 255, 255]);
  });

  test('bad rectangles, colours and thickness get a clear error naming what was wrong', () => {
    const img = blank(8, 6);
    const bad: [Outline[], number | undefined, RegExp][] = [
      [[{ x: 1.5, y: 0, width: 2, height: 2, color: RED }], undefined, /rectangle 1.5,0 2x2 needs integer x, y and a width and height of at least 1/],
      [[{ x: 0, y: 0, width: 0, height: 2, color: RED }], undefined, /rectangle 0,0 0x2 needs integer/],
      [[{ x: 0, y: 0, width: 3, height: -1, color: RED }], undefined, /rectangle 0,0 3x-1 needs integer/],
      [[{ x: NaN, y: 0, width: 3, height: 1, color: RED }], undefined, /rectangle NaN,0 3x1 needs integer/],
      [[{ x: 8, y: 0, width: 3, height: 3, color: RED }], undefined, /rectangle 8,0 3x3 lies wholly outside the 8x6 image/],
      [[{ x: -4, y: -4, width: 4, height: 9, color: RED }], undefined, /rectangle -4,-4 4x9 lies wholly outside/],
      [[{ x: 0, y: 0, width: 2, height: 2, color: [256, 0, 0] }], undefined, /colour of rectangle 0,0 2x2 must be \[r, g, b\] with integers 0..255 \(got \[256,0,0\]\)/],
      [[{ x: 0, y: 0, width: 2, height: 2, color: [1, 2] as unknown as Rgb }], undefined, /must be \[r, g, b\]/],
      [[{ x: 0, y: 0, width: 2, height: 2, color: RED }], 0, /thickness must be an integer >= 1 \(got 0\)/],
    ];
    for (const [outlines, thickness, message] of bad) {
      expect(() => drawOutlines(img, outlines, { thickness }), JSON.stringify(outlines)).toThrow(message);
    }
    // A good rectangle before a bad one: nothing is drawn, the input is untouched.
    expect(() => drawOutlines(img, [{ x: 0, y: 0, width: 2, height: 2, color: RED }, { x: 0, y: 0, width: 0, height: 2, color: RED }])).toThrow(/0x2/);
    expect(img.data.every((v) => v === GRAY)).toBe(true);
    expect(() => drawOutlines({ width: 4, height: 4, data: new Uint8Array(5) }, [])).toThrow(/drawOutlines: image: 5 bytes is neither gray/);
  });
});

test.describe('shrinkRgba and outlinedPng', () => {
  test('shrinkRgba averages each block', () => {
    const img: Raster = { width: 2, height: 2, data: Uint8Array.from([0, 10, 20, 255, 4, 10, 20, 255, 8, 10, 20, 255, 13, 10, 20, 255]) };
    expect(shrinkRgba(img, 2)).toEqual({ width: 1, height: 1, data: Uint8Array.from([6, 10, 20, 255]) });
    expect(() => shrinkRgba(img, 3)).toThrow(/2x2 is too small for factor 3/);
    expect(() => shrinkRgba(img, 1.5)).toThrow(/factor must be an integer >= 1 \(got 1.5\)/);
  });

  test('a VGA frame becomes a 320x240 RGB PNG with the rectangle drawn at half its coordinates', () => {
    const png = outlinedPng(blank(640, 480), [{ x: 100, y: 50, width: 200, height: 100, color: RED }], { thickness: 2 });
    const decoded = pngjs.PNG.sync.read(png);
    expect([decoded.width, decoded.height]).toEqual([320, 240]);
    expect(decoded.colorType, 'RGB, no alpha channel').toBe(2);
    const at = (x: number, y: number) => [...decoded.data.subarray((y * 320 + x) * 4, (y * 320 + x) * 4 + 3)];
    expect(at(50, 25), 'top-left corner').toEqual([255, 0, 0]);
    expect(at(149, 74), 'bottom-right corner').toEqual([255, 0, 0]);
    expect(at(51, 26), 'second pixel of a 2-pixel outline').toEqual([255, 0, 0]);
    expect(at(52, 27), 'inside').toEqual([GRAY, GRAY, GRAY]);
    expect(at(49, 25), 'outside').toEqual([GRAY, GRAY, GRAY]);
    expect(at(150, 74), 'outside').toEqual([GRAY, GRAY, GRAY]);
  });

  test('a rectangle in the edge pixels the shrink drops is pinned to the last column; a bad one is refused at full size', () => {
    const png = outlinedPng(blank(641, 10), [{ x: 640, y: 0, width: 1, height: 10, color: BLUE }], { thickness: 1 });
    const decoded = pngjs.PNG.sync.read(png);
    expect(decoded.width).toBe(320);
    const i = (2 * 320 + 319) * 4;
    expect([...decoded.data.subarray(i, i + 3)]).toEqual([0, 0, 255]);
    expect(() => outlinedPng(blank(640, 480), [{ x: 700, y: 0, width: 10, height: 10, color: RED }])).toThrow(/rectangle 700,0 10x10 lies wholly outside the 640x480 image/);
    expect(() => outlinedPng(blank(640, 480), [], { maxWidth: 0 })).toThrow(/maxWidth must be an integer >= 1 \(got 0\)/);
  });
});
