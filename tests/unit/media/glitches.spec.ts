// lib/media/glitches.ts on synthetic frame sequences: a damaged frame in a still scene is found,
// and what a real camera's frames do anyway — noise, motion, a step like the OSD clock
// ticking — is not taken for one.
import { test, expect } from '@playwright/test';
import { findGlitches, glitchLimit, stillView } from '../../../lib/media/glitches.ts';
import { crop, type GrayImage } from '../../../lib/media/image.ts';
import { proceduralTexture, prng } from '../../../fixtures/synthetic-media.ts';

const W = 160;
const H = 90;
const scene = proceduralTexture(W + 40, H, 11);
const still = (): GrayImage => crop(scene, 0, 0, W, H);

/** Every pixel changed by f(x, y, value), clamped to 0..255. */
function map(img: GrayImage, f: (x: number, y: number, v: number) => number): GrayImage {
  const data = new Uint8Array(img.data.length);
  for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) data[y * img.width + x] = Math.max(0, Math.min(255, Math.round(f(x, y, img.data[y * img.width + x]))));
  return { width: img.width, height: img.height, data };
}

/** Sensor noise: each pixel off by up to ±amp, a new draw per frame. */
function noisy(img: GrayImage, amp: number, seed: number): GrayImage {
  const rand = prng(seed);
  return map(img, (_x, _y, v) => v + (rand() * 2 - 1) * amp);
}

/** What a bit flip does: from some block on, the rest of the scan shifted in brightness. */
function damaged(img: GrayImage, fromRow: number, shift: number): GrayImage {
  return map(img, (_x, y, v) => (y >= fromRow ? v + shift : v));
}

test.describe('findGlitches', () => {
  test('one damaged frame among identical ones is the one glitch', () => {
    const frames = Array.from({ length: 8 }, (_, i) => (i === 4 ? damaged(still(), 40, 12) : still()));
    const scan = findGlitches(frames);
    expect(scan.judged.map((j) => j.index)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(scan.glitches.map((g) => g.index)).toEqual([4]);
    const g = scan.glitches[0];
    expect(g.neighbours).toBe(0);
    expect(g.toPrevious).toBeGreaterThan(5);
    expect(g.ratio).toBeCloseTo(Math.min(g.toPrevious, g.toNext) / glitchLimit(0), 10);
  });

  test('noisy frames of a still scene: no glitch; a damaged one among them is still found', () => {
    const frames = Array.from({ length: 12 }, (_, i) => noisy(still(), 6, 100 + i));
    expect(findGlitches(frames).glitches).toEqual([]);
    frames[7] = damaged(frames[7], 30, 25);
    expect(findGlitches(frames).glitches.map((g) => g.index)).toEqual([7]);
  });

  test('a step (the clock ticks, a light goes on) is no glitch: the frame equals one neighbour', () => {
    const frames = Array.from({ length: 8 }, (_, i) => (i >= 4 ? map(still(), (x, y, v) => (y < 12 && x < 60 ? 255 - v : v + 20)) : still()));
    const scan = findGlitches(frames);
    expect(scan.glitches).toEqual([]);
    expect(scan.judged.find((j) => j.index === 4)!.toNext).toBe(0);
  });

  test('motion (the scene pans two pixels per frame) is no glitch', () => {
    const frames = Array.from({ length: 10 }, (_, i) => crop(scene, i * 2, 0, W, H));
    const scan = findGlitches(frames);
    expect(Math.min(...scan.consecutive), 'the frames do differ').toBeGreaterThan(1);
    expect(scan.glitches).toEqual([]);
  });

  test('glitches are listed worst first; the ends of the sequence are never judged', () => {
    const frames = Array.from({ length: 9 }, () => still());
    frames[0] = damaged(still(), 0, 50);
    frames[2] = damaged(still(), 40, 6);
    frames[6] = damaged(still(), 10, 30);
    frames[8] = damaged(still(), 0, 50);
    expect(findGlitches(frames).glitches.map((g) => g.index)).toEqual([6, 2]);
  });

  test('too few frames to judge, or a bad rule', () => {
    expect(findGlitches([still(), still()]).judged).toEqual([]);
    expect(() => findGlitches([still()], { factor: 0.5, floor: 0.5 })).toThrow(/factor/);
    expect(() => findGlitches([still()], { factor: 3, floor: 0 })).toThrow(/floor/);
  });
});

test.describe('stillView', () => {
  test('gray, shrunk to about 160 across, the top and bottom eighth left out', () => {
    const rgba = { width: 320, height: 240, data: new Uint8Array(320 * 240 * 4).fill(200) };
    const v = stillView(rgba);
    expect([v.width, v.height]).toEqual([160, 120 - 2 * 15]);
    expect(v.data.length).toBe(v.width * v.height);
  });

  test('what changes in the OSD bands does not reach the comparison', () => {
    const frame = { width: 320, height: 240, data: Uint8Array.from(proceduralTexture(320, 240, 5).data) };
    const osdTicked = { ...frame, data: Uint8Array.from(frame.data) };
    for (let i = 0; i < 320 * 11; i++) osdTicked.data[i] = 255 - osdTicked.data[i];
    expect(Array.from(stillView(osdTicked).data)).toEqual(Array.from(stillView(frame).data));
  });
});
