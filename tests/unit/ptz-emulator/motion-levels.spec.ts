// The motion detector on synthetic frames: a change raises the level of the windows it
// lies in and of no other, Sensitivity / ObjectSize / History / exclude behave as
// documented in rigs/virtual-camera/motion/levels.ts.
import { expect, test } from '@playwright/test';
import { MotionDetector, windowRect } from '../../../rigs/virtual-camera/motion/levels.ts';
import type { MotionWindow } from '../../../rigs/virtual-camera/motion/windows.ts';

const W = 100;
const H = 50;

function frame(fill = 100, square?: { x0: number; y0: number; x1: number; y1: number; value: number }): Uint8Array {
  const f = new Uint8Array(W * H).fill(fill);
  if (square) for (let y = square.y0; y < square.y1; y++) f.fill(square.value, y * W + square.x0, y * W + square.x1);
  return f;
}

function win(group: number, over: Partial<MotionWindow> = {}): MotionWindow {
  return { group, top: 0, bottom: 9999, left: 0, right: 9999, sensitivity: 90, threshold: 10, history: 0, objectSize: 15, exclude: false, ...over };
}

// A 10x10 px bright square in the left half: 2% of the frame, 4% of the left half.
const square = { x0: 10, y0: 20, x1: 20, y1: 30, value: 250 };
const left = win(1, { right: 4999 });
const right = win(2, { left: 5000 });
const onSquare = win(3, { left: 1000, right: 1999, top: 4000, bottom: 5999 });

test('window coordinates 0..9999 map onto pixels, inclusive of the right/bottom edge', () => {
  expect(windowRect({ left: 0, right: 9999, top: 0, bottom: 9999 }, W, H)).toEqual({ x0: 0, y0: 0, x1: 100, y1: 50 });
  expect(windowRect(onSquare, W, H)).toEqual({ x0: 10, y0: 20, x1: 20, y1: 30 });
  expect(windowRect({ left: 9999, right: 9999, top: 9999, bottom: 9999 }, W, H)).toEqual({ x0: 99, y0: 49, x1: 100, y1: 50 });
});

test('a change raises the level only in the windows that contain it', () => {
  const d = new MotionDetector();
  const windows = [win(0), left, right, onSquare];
  expect(d.sample(frame(), W, H, windows, 0).map((l) => l.level)).toEqual([0, 0, 0, 0]); // no previous frame yet
  const levels = d.sample(frame(100, square), W, H, windows, 200);
  expect(levels.map((l) => l.group)).toEqual([0, 1, 2, 3]);
  // whole frame: 2% changed / 15% object size; left half: 4% / 15%; the square itself: 100%.
  expect(levels.map((l) => l.level)).toEqual([13, 27, 0, 100]);
  expect(levels[0].threshold).toBe(10);
  // Nothing changes any more: without History the levels drop at once.
  expect(d.sample(frame(100, square), W, H, windows, 400).map((l) => l.level)).toEqual([0, 0, 0, 0]);
});

test('Sensitivity sets how large a gray change counts; noise below it is ignored', () => {
  const d = new MotionDetector();
  const faint = { ...square, value: 125 }; // +25 gray levels
  const keen = win(1, { sensitivity: 100, objectSize: 0 });
  const dull = win(2, { sensitivity: 50, objectSize: 0 });
  d.sample(frame(), W, H, [keen, dull], 0);
  const [a, b] = d.sample(frame(100, faint), W, H, [keen, dull], 200);
  expect(a.level).toBe(100); // threshold 4: 2% of the frame >= 1% counts as full
  expect(b.level).toBe(0); // threshold 64
});

test('History keeps a level up and lets it decay with a half-life of History x 10 ms', () => {
  const d = new MotionDetector();
  const w = [win(3, { ...onSquare, history: 50 })];
  d.sample(frame(), W, H, w, 0);
  expect(d.sample(frame(100, square), W, H, w, 200)[0].level).toBe(100);
  expect(d.sample(frame(100, square), W, H, w, 700)[0].level).toBe(50);
  expect(d.sample(frame(100, square), W, H, w, 1200)[0].level).toBe(25);
});

test('exclude windows mask their pixels from the others and report 0', () => {
  const d = new MotionDetector();
  const mask = win(4, { ...onSquare, exclude: true });
  d.sample(frame(), W, H, [left, mask], 0);
  expect(d.sample(frame(100, square), W, H, [left, mask], 200).map((l) => l.level)).toEqual([0, 0]);
});

test('a change of frame size (new resolution) starts over instead of comparing unlike frames', () => {
  const d = new MotionDetector();
  d.sample(frame(), W, H, [win(0)], 0);
  expect(d.sample(new Uint8Array(40 * 30).fill(7), 40, 30, [win(0)], 200)[0].level).toBe(0);
  expect(() => d.sample(new Uint8Array(10), 40, 30, [win(0)], 400)).toThrow(/not 40x30/);
});
