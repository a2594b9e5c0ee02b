// Figures for the PTZ and motion chapters of the virtual camera:
//  - the cost of ptzOf(cam).view() (the renderer asks for it every frame);
//  - the cost of one motion sample (96-px gray render + levels of every window);
//  - how closely the rendered picture follows the head: image shift measured with
//    lib/media/shift.ts after a pan/tilt of N degrees, against N / hfov × width.
// Run: npx tsx bench/ptz-shift.ts
import { toGray } from '../lib/media/image.ts';
import { estimateShift } from '../lib/media/shift.ts';
import { MotionDetector } from '../rigs/virtual-camera/motion/levels.ts';
import { sampleSize } from '../rigs/virtual-camera/motion/sampler.ts';
import { motionWindows } from '../rigs/virtual-camera/motion/windows.ts';
import { DEFAULT_FIRMWARE, modelSpec } from '../rigs/virtual-camera/models.ts';
import { horizontalFov } from '../rigs/virtual-camera/ptz/optics.ts';
import { ptzOf } from '../rigs/virtual-camera/ptz/state.ts';
import { VirtualCameraState } from '../rigs/virtual-camera/state.ts';
import { renderGray } from '../rigs/virtual-camera/video/scene.ts';

const cam = new VirtualCameraState({ model: modelSpec('IPC-7100'), firmware: DEFAULT_FIRMWARE, user: 'root', password: 'pass', rebootMs: 0, serial: '00408C000000' });
const head = ptzOf(cam);

function perCall(label: string, n: number, fn: (i: number) => void): void {
  for (let i = 0; i < Math.min(n, 1000); i++) fn(i); // warm-up
  const t = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  const us = ((performance.now() - t) * 1000) / n;
  console.log(`${label.padEnd(44)} ${us < 1 ? `${(us * 1000).toFixed(0)} ns` : `${us.toFixed(1)} µs`} per call (${n} calls)`);
}

head.continuous({ pan: 50, tilt: -20 }, 0); // a move under way: the interpolating path
let sink = 0;
perCall('ptzOf(cam).view() during a move', 1_000_000, (i) => (sink += head.view(i * 0.01).pan));

const detector = new MotionDetector();
for (let i = 0; i < 9; i++) cam.params.add('Motion', 'motion', [['Left', String(i * 1000)], ['Right', String(i * 1000 + 999)]]);
const [w, h] = sampleSize(cam.params.get('Image.I0.Appearance.Resolution'));
perCall(`motion sample ${w}x${h}, ${motionWindows(cam.params).length} windows`, 500, (i) => {
  const now = i * 200;
  sink += detector.sample(renderGray(cam, w, h, now), w, h, motionWindows(cam.params), now).length;
});

// Shift accuracy: gray renders at 640x480 (no JPEG in the way), head placed instantly.
const W = 640;
const H = 480;
function still(pan: number, tilt: number, zoom: number) {
  head.stop(0);
  head.moveTo({ pan, tilt, zoom }, 0);
  const t = 1e9; // long after any move has ended
  return { width: W, height: H, data: renderGray(cam, W, H, t) };
}
console.log('\naxis  zoom  move   expected px  measured px  error % of size');
for (const zoom of [1, 3000]) {
  const hfov = horizontalFov(zoom);
  for (const deg of [1, 3, 8, 12]) {
    for (const axis of ['pan', 'tilt'] as const) {
      const a = still(0, -20, zoom);
      const b = axis === 'pan' ? still(deg, -20, zoom) : still(0, -20 + deg, zoom);
      const pxPerDeg = W / hfov;
      const expected = axis === 'pan' ? -deg * pxPerDeg : deg * pxPerDeg;
      if (Math.abs(expected) > 0.3 * (axis === 'pan' ? W : H)) continue; // beyond the search range
      const s = estimateShift(toGray(a), toGray(b));
      const measured = axis === 'pan' ? s.dx : s.dy;
      const err = ((measured - expected) / (axis === 'pan' ? W : H)) * 100;
      console.log(`${axis.padEnd(5)} ${String(zoom).padStart(4)}  ${String(deg).padStart(3)}°  ${expected.toFixed(1).padStart(11)}  ${String(measured).padStart(11)}  ${err.toFixed(3).padStart(8)}`);
    }
  }
}
if (sink === 42) console.log(''); // keeps the loops from being optimised away
