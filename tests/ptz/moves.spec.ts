// Spec §3.1: pan, tilt and zoom move the picture the right way by the right amount.
// The field of view is a property of the camera, so the suite calibrates it: a small
// known move is measured in the picture, then a larger one is predicted from it and
// measured (works the same on a physical camera). The sign follows VAPIX: a positive pan
// turns the camera right, so the scene moves left; a positive tilt turns it up, so the
// scene moves down. Continuous moves (pan/tilt and zoom) run until stopped.
import { test, expect, spec } from '../../fixtures/index.ts';
import { skipIf } from '../../fixtures/skip.ts';
import { estimateScale, estimateShift } from '../../lib/media/shift.ts';
import { attachMove, goTo, knownLimits, look, startPose, testResolution, waitStill } from './head.ts';

/** The calibration move: small enough to stay inside any lens's view, large enough to measure. */
const CALIBRATION_DEG = 3;
/** The predicted move, as a share of the view (inside the shift search's 30 % range). */
const PREDICTED_SHARE = 0.2;

test.describe('PTZ moves', () => {
  test.beforeAll(async ({ caps }) => {
    skipIf(caps.require('ptz'));
  });

  test('pan right moves the picture left, pan left moves it right, by the angle turned', spec('3.1', 'ptz.cgi', { tags: ['@ptz'] }), async ({ camera, caps, measure }) => {
    const res = testResolution(caps.resolutions);
    const start = await startPose(camera);
    const a = await test.step('go to the start position at the widest zoom', async () => (await goTo(camera, start), look(camera, res)));
    const pxPerDeg = await test.step(`pan right ${CALIBRATION_DEG}°: the picture moves left (calibration)`, async () => {
      await goTo(camera, { ...start, pan: start.pan + CALIBRATION_DEG });
      const b = await look(camera, res);
      const s = estimateShift(a, b);
      await attachMove(`pan right ${CALIBRATION_DEG}°`, a, b);
      expect(s.dx, 'horizontal shift after a pan to the right').toBeLessThan(0);
      expect(Math.abs(s.dy), 'a pan must not move the picture vertically').toBeLessThanOrEqual(2);
      return -s.dx / CALIBRATION_DEG;
    });
    await test.step(`pan left past the start by ${PREDICTED_SHARE * 100}% of the view: the picture moves right as predicted`, async () => {
      const angle = Math.round(((PREDICTED_SHARE * a.width) / pxPerDeg) * 10) / 10;
      await goTo(camera, { ...start, pan: start.pan - angle });
      const b = await look(camera, res);
      const s = estimateShift(a, b);
      await attachMove(`pan left ${angle}° from the start`, a, b);
      const expected = angle * pxPerDeg;
      expect(s.dx, 'horizontal shift after a pan to the left').toBeGreaterThan(0);
      measure('ptz.pan.error', ((s.dx - expected) / a.width) * 100, {
        unit: '%',
        note: `pan -${angle}°: shift ${s.dx} px, predicted ${expected.toFixed(1)} px from ${pxPerDeg.toFixed(2)} px/° (view ${(a.width / pxPerDeg).toFixed(1)}° wide)`,
      });
    });
  });

  test('tilt up moves the picture down, tilt down moves it up, by the angle turned', spec('3.1', 'ptz.cgi', { tags: ['@ptz'] }), async ({ camera, caps, measure }) => {
    const res = testResolution(caps.resolutions);
    const start = await startPose(camera);
    const a = await test.step('go to the start position at the widest zoom', async () => (await goTo(camera, start), look(camera, res)));
    const pxPerDeg = await test.step(`tilt up ${CALIBRATION_DEG}°: the picture moves down (calibration)`, async () => {
      await goTo(camera, { ...start, tilt: start.tilt + CALIBRATION_DEG });
      const b = await look(camera, res);
      const s = estimateShift(a, b);
      await attachMove(`tilt up ${CALIBRATION_DEG}°`, a, b);
      expect(s.dy, 'vertical shift after a tilt up').toBeGreaterThan(0);
      expect(Math.abs(s.dx), 'a tilt must not move the picture sideways').toBeLessThanOrEqual(2);
      return s.dy / CALIBRATION_DEG;
    });
    await test.step(`tilt down past the start by ${PREDICTED_SHARE * 100}% of the view: the picture moves up as predicted`, async () => {
      const angle = Math.round(((PREDICTED_SHARE * a.height) / pxPerDeg) * 10) / 10;
      await goTo(camera, { ...start, tilt: start.tilt - angle });
      const b = await look(camera, res);
      const s = estimateShift(a, b);
      await attachMove(`tilt down ${angle}° from the start`, a, b);
      const expected = -angle * pxPerDeg;
      expect(s.dy, 'vertical shift after a tilt down').toBeLessThan(0);
      measure('ptz.tilt.error', ((s.dy - expected) / a.frameHeight) * 100, {
        unit: '%',
        note: `tilt -${angle}°: shift ${s.dy} px, predicted ${expected.toFixed(1)} px from ${pxPerDeg.toFixed(2)} px/°`,
      });
    });
  });

  test('zooming in magnifies the picture; zooming back out restores it', spec('3.1', 'ptz.cgi', { tags: ['@ptz'] }), async ({ camera, caps }) => {
    const res = testResolution(caps.resolutions);
    const start = await startPose(camera);
    const l = knownLimits(await camera.ptz.limits());
    const a = await test.step('widest zoom', async () => (await goTo(camera, start), look(camera, res)));
    await test.step('zoom in a sixth of the range: the picture is magnified about its centre', async () => {
      await goTo(camera, { ...start, zoom: Math.round(l.minZoom + (l.maxZoom - l.minZoom) / 6) });
      const b = await look(camera, res);
      const s = estimateScale(a, b, { minScale: 0.8, maxScale: 4 });
      await attachMove('zoom in', a, b);
      expect(s.scale, 'magnification after zooming in').toBeGreaterThan(1.1);
    });
    await test.step('zoom back out: the picture is as before', async () => {
      await goTo(camera, start);
      const b = await look(camera, res);
      const s = estimateScale(a, b, { minScale: 0.8, maxScale: 4 });
      // Compared with the picture before zooming in, as the check is.
      await attachMove('zoom back out', a, b, { beforeIs: 'before zooming in' });
      expect(s.scale).toBeGreaterThan(0.98);
      expect(s.scale).toBeLessThan(1.02);
    });
  });

  test('a continuous move runs until stopped, in the direction asked', spec('3.1', 'ptz.cgi', { tags: ['@ptz'] }), async ({ camera, caps }) => {
    const res = testResolution(caps.resolutions);
    const start = await startPose(camera);
    const a = await test.step('start a continuous pan to the right', async () => {
      await goTo(camera, start);
      const a = await look(camera, res);
      await camera.ptz.continuous({ pan: 30, tilt: 0 });
      return a;
    });
    await test.step('the pan angle grows while it runs', async () => {
      await expect.poll(async () => (await camera.ptz.position()).pan, { timeout: 10_000, intervals: [100] }).toBeGreaterThan(start.pan + 2);
    });
    await test.step('stop: the head comes to rest right of the start, tilt unchanged', async () => {
      await camera.ptz.stop();
      const p = await waitStill(camera);
      await attachMove('continuous pan right, stopped', a, await look(camera, res));
      expect(p.pan).toBeGreaterThan(start.pan + 2);
      expect(Math.abs(p.tilt - start.tilt)).toBeLessThanOrEqual(0.1);
    });
  });

  test('a continuous zoom runs until stopped: the zoom grows and the picture is magnified', spec('3.1', 'ptz.cgi', { tags: ['@ptz'] }), async ({ camera, caps }) => {
    const res = testResolution(caps.resolutions);
    const start = await startPose(camera);
    const l = knownLimits(await camera.ptz.limits());
    // A tenth of the zoom range: clearly magnified on any lens, far from the end of the range.
    const past = start.zoom + Math.round((l.maxZoom - l.minZoom) / 10);
    const a = await test.step('widest zoom', async () => (await goTo(camera, start), look(camera, res)));
    await test.step('continuouszoommove=50: zooming in', () => camera.ptz.continuous({ zoom: 50 }));
    await test.step(`the zoom grows past ${past} while it runs`, async () => {
      await expect.poll(async () => (await camera.ptz.position()).zoom, { timeout: 10_000, intervals: [100] }).toBeGreaterThan(past);
    });
    await test.step('stop: the head comes to rest zoomed in, pan and tilt unchanged, the picture magnified', async () => {
      await camera.ptz.stop();
      const p = await waitStill(camera);
      const b = await look(camera, res);
      await attachMove('continuous zoom in, stopped', a, b);
      expect(p.zoom).toBeGreaterThan(past);
      expect(Math.abs(p.pan - start.pan), 'pan').toBeLessThanOrEqual(0.1);
      expect(Math.abs(p.tilt - start.tilt), 'tilt').toBeLessThanOrEqual(0.1);
      const s = estimateScale(a, b, { minScale: 0.8, maxScale: 4 });
      expect(s.scale, `magnification at zoom ${p.zoom}`).toBeGreaterThan(1.1);
    });
  });
});
