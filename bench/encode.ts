// JPEG encode cost per frame of the virtual camera's rendered scene: sharp (libjpeg-turbo,
// in libuv's thread pool) versus jpeg-js (pure JavaScript, on the event loop), at 640x480
// and 1920x1080, same quality. Prints ms per frame and the jpeg-js / sharp ratio; the
// render time is printed beside them for scale. `npx tsx bench/encode.ts [--frames N]`
import { parseArgs } from 'node:util';
import jpeg from 'jpeg-js';
import { encodeJpeg, qualityFor } from '../rigs/virtual-camera/video/encoder.ts';
import { panorama } from '../rigs/virtual-camera/video/panorama.ts';
import { renderScene } from '../rigs/virtual-camera/video/render.ts';
import type { RawFrame } from '../rigs/virtual-camera/video/scene.ts';

const { values } = parseArgs({ options: { frames: { type: 'string', default: '30' } } });
const frames = Number(values.frames);
if (!Number.isInteger(frames) || frames < 1 || frames > 10_000) throw new Error(`--frames must be an integer 1..10000, got ${values.frames}`);
const COMPRESSION = 30;

function render(width: number, height: number, i: number): RawFrame {
  const f: RawFrame = { data: Buffer.alloc(width * height * 3), width, height, channels: 3 };
  renderScene(f, { view: { pan: i * 0.5, tilt: -5, hfov: 60 }, mirror: false, rotate180: false, lampOn: i % 2 === 0, live: true });
  return f;
}

function toRgba(f: RawFrame): Buffer {
  const out = Buffer.alloc(f.width * f.height * 4);
  for (let i = 0, o = 0; i < f.data.length; i += 3, o += 4) {
    out[o] = f.data[i];
    out[o + 1] = f.data[i + 1];
    out[o + 2] = f.data[i + 2];
    out[o + 3] = 255;
  }
  return out;
}

async function timeEach(n: number, fn: (i: number) => unknown): Promise<number> {
  await fn(0); // warm-up (JIT, sharp's first-use set-up)
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  return (performance.now() - t0) / n;
}

const t0 = performance.now();
panorama();
console.log(`panorama built in ${(performance.now() - t0).toFixed(0)} ms (once per process)`);
console.log(`quality ${qualityFor(COMPRESSION)} (compression ${COMPRESSION}), ${frames} frames each\n`);
console.log('size        render ms   sharp ms   jpeg-js ms   jpeg-js/sharp   sharp KB   jpeg-js KB');
for (const [w, h] of [[640, 480], [1920, 1080]] as const) {
  const scenes = Array.from({ length: 4 }, (_, i) => render(w, h, i));
  const rgba = scenes.map(toRgba);
  let sharpBytes = 0;
  let jsBytes = 0;
  const renderMs = await timeEach(frames, (i) => render(w, h, i));
  const sharpMs = await timeEach(frames, async (i) => (sharpBytes = (await encodeJpeg(scenes[i % 4], COMPRESSION)).length));
  // jpeg-js is ~10x slower: fewer frames keep the run short; it is per-frame cost either way.
  const jsMs = await timeEach(Math.max(1, Math.ceil(frames / 5)), (i) => (jsBytes = jpeg.encode({ data: rgba[i % 4], width: w, height: h }, qualityFor(COMPRESSION)).data.length));
  console.log(
    `${`${w}x${h}`.padEnd(11)} ${renderMs.toFixed(2).padStart(9)} ${sharpMs.toFixed(2).padStart(10)} ${jsMs.toFixed(2).padStart(12)} ${`${(jsMs / sharpMs).toFixed(1)}x`.padStart(15)} ${(sharpBytes / 1024).toFixed(0).padStart(10)} ${(jsBytes / 1024).toFixed(0).padStart(12)}`,
  );
}
