// Spec §3.1, moves relative to where the head is: rpan/rtilt/rzoom turn and zoom by the
// amount asked (query=position shows it, the picture shifts or is magnified the VAPIX way:
// a turn right moves the scene left, a turn up moves it down), and move=right / move=up step
// the view that way. How far a move= step goes is the camera's own (observed).
import { test, expect, spec } from '../../fixtures/index.ts';
import { skipIf } from '../../fixtures/skip.ts';
import { Ptz } from '../../lib/camera/index.ts';
import { estimateScale, estimateShift } from '../../lib/media/shift.ts';
import { attachMove, describe, goTo, knownLimits, look, near, observeAnswer, startPose, testResolution, waitStill, waitStillAwayFrom } from './head.ts';

const DEG = 3;

test.describe('PTZ relative moves', () => {
  test.beforeAll(async ({ caps }) => {
    skipIf(caps.require('ptz'));
  });

  test('rpan, rtilt and rzoom move by the amount asked, from where the head is', spec('3.1', 'ptz.cgi', { tags: ['@ptz'] }), async ({ camera, caps, observe }) => {
    const res = testResolution(caps.resolutions);
    const start = await startPose(camera);
    const l = knownLimits(await camera.ptz.limits());
    const dz = Math.round((l.maxZoom - l.minZoom) / 6);
    const a = await test.step(`start at ${describe(start)}`, async () => {
      await goTo(camera, start);
      // camera=1 names the one video source: the same head.
      const first = await new Ptz(camera.client, 1).position();
      expect(near(first, start), `query=position&camera=1 answers ${describe(first)}`).toBe(true);
      return look(camera, res);
    });
    const b = await test.step(`rpan=${DEG}: pan grows by ${DEG}°, the picture moves left`, async () => {
      observeAnswer(observe, 'ptz.answer', `rpan=${DEG}`, await camera.ptz.relative({ pan: DEG }));
      await waitStill(camera, { ...start, pan: start.pan + DEG });
      const img = await look(camera, res);
      const s = estimateShift(a, img);
      await attachMove(`rpan=${DEG}`, a, img);
      expect(s.dx, 'horizontal shift after rpan to the right').toBeLessThan(0);
      expect(Math.abs(s.dy), 'rpan must not move the picture vertically').toBeLessThanOrEqual(2);
      return img;
    });
    const c = await test.step(`rtilt=${DEG}: tilt grows by ${DEG}°, pan stays, the picture moves down`, async () => {
      await camera.ptz.relative({ tilt: DEG });
      await waitStill(camera, { ...start, pan: start.pan + DEG, tilt: start.tilt + DEG });
      const img = await look(camera, res);
      const s = estimateShift(b, img);
      await attachMove(`rtilt=${DEG}`, b, img);
      expect(s.dy, 'vertical shift after rtilt up').toBeGreaterThan(0);
      expect(Math.abs(s.dx), 'rtilt must not move the picture sideways').toBeLessThanOrEqual(2);
      return img;
    });
    const d = await test.step(`rzoom=${dz}: zoom grows by ${dz}, the picture is magnified`, async () => {
      await camera.ptz.relative({ zoom: dz });
      await waitStill(camera, { pan: start.pan + DEG, tilt: start.tilt + DEG, zoom: start.zoom + dz });
      const img = await look(camera, res);
      const s = estimateScale(c, img, { minScale: 0.8, maxScale: 4 });
      await attachMove(`rzoom=${dz}`, c, img);
      expect(s.scale, 'magnification after rzoom').toBeGreaterThan(1.1);
      return img;
    });
    await test.step(`rpan=-${DEG}&rtilt=-${DEG}&rzoom=-${dz} in one request: back at ${describe(start)}`, async () => {
      await camera.ptz.relative({ pan: -DEG, tilt: -DEG, zoom: -dz });
      const back = await waitStill(camera, start);
      await attachMove(`rpan=-${DEG}&rtilt=-${DEG}&rzoom=-${dz}`, d, await look(camera, res));
      expect(near(back, start), `back at ${describe(back)}`).toBe(true);
    });
  });

  test('move=right and move=up step the view right and up', spec('3.1', 'ptz.cgi', { tags: ['@ptz'] }), async ({ camera, caps, observe }) => {
    const res = testResolution(caps.resolutions);
    const start = await startPose(camera);
    const a = await test.step(`start at ${describe(start)}`, async () => (await goTo(camera, start), look(camera, res)));
    const right = await test.step('move=right: pan grows, tilt stays, the picture moves left', async () => {
      await camera.ptz.move('right');
      const p = await waitStillAwayFrom(camera, start);
      const img = await look(camera, res);
      await attachMove('move=right', a, img);
      expect(p.pan, `pan after move=right (${describe(p)})`).toBeGreaterThan(start.pan);
      expect(Math.abs(p.tilt - start.tilt), 'tilt after move=right').toBeLessThanOrEqual(0.1);
      // A step may be large: search up to 45 % of the view.
      const s = estimateShift(a, img, { maxShiftFraction: 0.45 });
      expect(s.dx, 'horizontal shift after move=right').toBeLessThan(0);
      observe('ptz.move.step', { expected: 'a quarter of the picture width (25 %)', observed: `${((-s.dx / a.width) * 100).toFixed(1)} % (pan ${start.pan} → ${p.pan})`, holds: Math.abs(-s.dx / a.width - 0.25) <= 0.03 });
      return { p, img };
    });
    await test.step('move=up: tilt grows, pan stays', async () => {
      await camera.ptz.move('up');
      const p = await waitStillAwayFrom(camera, right.p);
      await attachMove('move=up', right.img, await look(camera, res));
      expect(p.tilt, `tilt after move=up (${describe(p)})`).toBeGreaterThan(right.p.tilt);
      expect(Math.abs(p.pan - right.p.pan), 'pan after move=up').toBeLessThanOrEqual(0.1);
    });
  });
});
