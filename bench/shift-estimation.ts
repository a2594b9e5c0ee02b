// Cost and accuracy of estimateShift (lib/media/shift.ts) on VGA frame pairs, against a
// brute-force full-resolution SAD search measured in the same run.
//
// Pairs are 640x480 windows of a seeded 1024x768 procedural scene at random known offsets
// up to ±160 x ±120 px (25 % of the frame), the second one with sensor-like noise and an
// exposure change. The brute force is timed on a ±8 px window (289 shifts) and extrapolated
// per shift to the window estimateShift searches, since running it in full would take
// minutes.
//
//   npx tsx bench/shift-estimation.ts [--pairs 20]

import { estimateShift } from '../lib/media/shift.ts';
import { crop, type GrayImage } from '../lib/media/image.ts';
import { prng, proceduralTexture, randomInt } from '../fixtures/synthetic-media.ts';

const i = process.argv.indexOf('--pairs');
const PAIRS = i >= 0 ? Number(process.argv[i + 1]) : 20;
if (!Number.isInteger(PAIRS) || PAIRS < 1 || PAIRS > 1000) throw new Error('--pairs must be an integer 1..1000');

const W = 640, H = 480, X0 = 192, Y0 = 144;
const MAX_DX = 160, MAX_DY = 120;
const scene = proceduralTexture(1024, 768, 21);
const frame = (dx: number, dy: number) => crop(scene, X0 - dx, Y0 - dy, W, H) as GrayImage;

function noisy(img: GrayImage, seed: number): GrayImage {
  const rand = prng(seed);
  const data = Uint8Array.from(img.data, (v) => Math.max(0, Math.min(255, Math.round(v * 0.9 + 15 + (rand() - 0.5) * 20))));
  return { width: img.width, height: img.height, data };
}

/** The obvious method: mean |b - a shifted| at full resolution for every shift in the window. */
function bruteForce(a: GrayImage, b: GrayImage, radius: number): { dx: number; dy: number } {
  let best = Infinity, bx = 0, by = 0;
  for (let dy = -radius; dy <= radius; dy++) {
    for (let dx = -radius; dx <= radius; dx++) {
      const x0 = Math.max(0, dx), x1 = Math.min(W, W + dx), y0 = Math.max(0, dy), y1 = Math.min(H, H + dy);
      let s = 0;
      for (let y = y0; y < y1; y++) {
        const rb = y * W, ra = (y - dy) * W - dx;
        for (let x = x0; x < x1; x++) s += Math.abs(b.data[rb + x] - a.data[ra + x]);
      }
      const mean = s / ((x1 - x0) * (y1 - y0));
      if (mean < best) { best = mean; bx = dx; by = dy; }
    }
  }
  return { dx: bx, dy: by };
}

const reference = frame(0, 0);
const rand = prng(77);
const pairs = Array.from({ length: PAIRS }, (_, k) => {
  const dx = randomInt(rand, -MAX_DX, MAX_DX), dy = randomInt(rand, -MAX_DY, MAX_DY);
  return { dx, dy, b: noisy(frame(dx, dy), k) };
});

for (let k = 0; k < 3; k++) estimateShift(reference, pairs[k % PAIRS].b); // warm-up (JIT)
const times: number[] = [];
let maxError = 0;
let minConfidence = 1;
for (const p of pairs) {
  const t = performance.now();
  const r = estimateShift(reference, p.b);
  times.push(performance.now() - t);
  maxError = Math.max(maxError, Math.abs(r.dx - p.dx), Math.abs(r.dy - p.dy));
  minConfidence = Math.min(minConfidence, r.confidence);
}
times.sort((a, b) => a - b);
const estimatorMs = times[Math.floor(times.length / 2)];

const RADIUS = 8;
const near = noisy(frame(5, -3), 999);
bruteForce(reference, near, 1); // warm-up
const t = performance.now();
const bf = bruteForce(reference, near, RADIUS);
const bfMs = performance.now() - t;
const perShift = bfMs / (2 * RADIUS + 1) ** 2;
// estimateShift's default window is ±30 % of each dimension.
const fullShifts = (2 * Math.ceil(W * 0.3) + 1) * (2 * Math.ceil(H * 0.3) + 1);
const bfFullMs = perShift * fullShifts;

console.log(`shift estimation bench: ${PAIRS} VGA pairs, known shifts up to ±${MAX_DX} x ±${MAX_DY} px, noise + exposure change`);
console.log(`  estimateShift (pyramid)        ${estimatorMs.toFixed(1).padStart(9)} ms/pair median, ${times[times.length - 1].toFixed(1)} max (goal <= 50)`);
console.log(`  max error                      ${String(maxError).padStart(9)} px (goal <= 1), lowest confidence ${minConfidence.toFixed(2)}`);
console.log(`  brute-force full-res SAD       ${perShift.toFixed(2).padStart(9)} ms/shift measured on ±${RADIUS} px (found ${bf.dx},${bf.dy} for 5,-3)`);
console.log(`    extrapolated to ${fullShifts} shifts ${(bfFullMs / 1000).toFixed(1).padStart(9)} s/pair`);
console.log(`  ratio brute force / estimateShift  ${(bfFullMs / estimatorMs).toFixed(0)}x (estimateShift costs ${((estimatorMs / bfFullMs) * 100).toFixed(3)} % of it)`);
process.exitCode = maxError <= 1 && bf.dx === 5 && bf.dy === -3 ? 0 : 1;
