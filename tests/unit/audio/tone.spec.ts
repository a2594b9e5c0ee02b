// The tone analyser on synthetic signals whose truth is known.
import { test, expect } from '@playwright/test';
import { mulawToPcm, pcmToMulaw } from '../../../lib/media/g711.ts';
import {
  analyseTone,
  arrivalGaps,
  dominantFrequency,
  FLOOR_DBFS,
  levelDropouts,
  rmsDbfs,
  sineTone,
  toneLevelAt,
  windowLevels,
} from '../../../lib/media/tone.ts';

/** Seeded so a failure can be reproduced. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const add = (a: Float64Array, b: Float64Array) => a.map((v, i) => v + b[i]);

function withNoise(x: Float64Array, dbfs: number, rnd: () => number): Float64Array {
  const amp = 32768 * 10 ** (dbfs / 20) * Math.sqrt(1.5); // uniform noise with that RMS re full-scale sine
  return x.map((v) => v + amp * (2 * rnd() - 1));
}

test('dominant frequency to a few milli-hertz on 2 s tones, anywhere in the band', () => {
  const rnd = prng(7);
  for (let i = 0; i < 20; i++) {
    const f = 100 + rnd() * 3400;
    const got = dominantFrequency(sineTone(f, -12, 16000, 8000, rnd() * 6), 8000);
    expect(Math.abs(got - f), `tone at ${f} Hz read as ${got}`).toBeLessThan(0.01);
  }
});

test('dominant frequency through noise, mu-law and a short window', () => {
  const rnd = prng(11);
  const noisy = withNoise(sineTone(1234.5, -20, 16000), -50, rnd);
  expect(Math.abs(dominantFrequency(noisy, 8000) - 1234.5)).toBeLessThan(0.05);
  const coded = mulawToPcm(pcmToMulaw(sineTone(997.3, -12, 16000)));
  expect(Math.abs(dominantFrequency(coded, 8000) - 997.3)).toBeLessThan(0.02);
  // 0.25 s: FFT bins of 4 Hz before padding; still well under one.
  expect(Math.abs(dominantFrequency(sineTone(440.7, -6, 2000), 8000) - 440.7)).toBeLessThan(0.2);
  // The strongest of two tones wins; a hum below minHz is ignored.
  const two = add(sineTone(700, -10, 16000), sineTone(1900, -20, 16000));
  expect(Math.round(dominantFrequency(two, 8000))).toBe(700);
  const hum = add(sineTone(15, -3, 16000), sineTone(1000, -30, 16000));
  expect(Math.round(dominantFrequency(hum, 8000, { minHz: 50 }))).toBe(1000);
  expect(() => dominantFrequency(new Float64Array(10), 8000)).toThrow(/too few/);
});

test('levels are RMS re full-scale sine', () => {
  expect(rmsDbfs(sineTone(1000, -12, 8000))).toBeCloseTo(-12, 2);
  expect(rmsDbfs(sineTone(1000, 0, 8000))).toBeCloseTo(0, 2);
  expect(rmsDbfs(new Float64Array(100))).toBe(FLOOR_DBFS);
  // A full-scale square wave is +3 dB re full-scale sine.
  expect(rmsDbfs(Float64Array.from({ length: 800 }, (_, i) => (i % 8 < 4 ? 32768 : -32768)))).toBeCloseTo(3.01, 1);
  // Mu-law quantisation barely moves the level of a -12 dBFS tone.
  expect(Math.abs(rmsDbfs(mulawToPcm(pcmToMulaw(sineTone(1000, -12, 16000)))) + 12)).toBeLessThan(0.1);
});

test('the level of one tone is found under a louder one', () => {
  const mix = add(sineTone(1000, -12, 16000), sineTone(440, -30, 16000));
  expect(toneLevelAt(mix, 8000, 440)).toBeCloseTo(-30, 0);
  expect(toneLevelAt(mix, 8000, 1000)).toBeCloseTo(-12, 0);
  expect(toneLevelAt(mix, 8000, 2500)).toBeLessThan(-80);
});

test('dropouts: a gap of silence is found where it is, a clean tone has none', () => {
  const clean = withNoise(sineTone(1000, -12, 16000), -66, prng(3));
  expect(levelDropouts(windowLevels(clean, 8000), 20)).toEqual([]);
  const broken = clean.slice();
  broken.fill(0, 8000, 8000 + 480); // 60 ms of nothing at 1 s
  const d = levelDropouts(windowLevels(broken, 8000), 20);
  expect(d).toHaveLength(1);
  expect(d[0].startMs).toBe(1000);
  expect(d[0].durationMs).toBe(60);
  expect(d[0].minDbfs).toBe(FLOOR_DBFS);
  // A dip of 6 dB is not a dropout at the default 12 dB, it is at 3 dB.
  const dip = clean.map((v, i) => (i >= 4000 && i < 4160 ? v / 2 : v));
  expect(levelDropouts(windowLevels(dip, 8000), 20)).toEqual([]);
  expect(levelDropouts(windowLevels(dip, 8000), 20, 3)).toHaveLength(1);
});

test('arrival gaps on the wire', () => {
  const arrivals = Array.from({ length: 100 }, (_, i) => ({ atMs: i * 20 + (i >= 50 ? 280 : 0), bytes: 160 }));
  expect(arrivalGaps(arrivals, 8000)).toEqual([{ afterAudioMs: 1000, gapMs: 300 }]);
  expect(arrivalGaps(arrivals, 8000, 1, 400)).toEqual([]);
});

test('analyseTone puts it together', () => {
  const a = analyseTone(mulawToPcm(pcmToMulaw(withNoise(sineTone(1000, -12, 16000), -66, prng(5)))));
  expect(Math.abs(a.frequency - 1000)).toBeLessThan(0.01);
  expect(Math.abs(a.levelDbfs + 12)).toBeLessThan(0.1);
  expect(Math.abs(a.toneDbfs + 12)).toBeLessThan(0.1);
  expect(Math.abs(a.medianWindowDbfs + 12)).toBeLessThan(0.1);
  expect(a.dropouts).toEqual([]);
  expect(a.durationMs).toBe(2000);
});
