// Spec §2.3.5-2.3.6: every part of an MJPEG stream is the picture. A JPEG damaged in its
// entropy-coded data (flipped bits) still decodes and passes every structural and size check
// of mjpeg.spec.ts; only the picture shows it, in that one frame. So the frames of a still
// scene are compared: a frame that differs from both neighbours far more than they differ
// from each other is a transient glitch (lib/media/glitches.ts), which sensor noise, motion,
// a drifting exposure or the OSD clock ticking (a step, and its bands are left out anyway)
// never are. The scene is made still first: the rig's lamp off, the PTZ head at rest. The
// count is a measurement judged by the profile (mjpeg.glitches), with the numbers in its note.
import { expect, spec, test } from '../../fixtures/index.ts';
import { skipIf } from '../../fixtures/skip.ts';
import { findGlitches, stillView, type FrameJudgement } from '../../lib/media/glitches.ts';
import type { GrayImage } from '../../lib/media/image.ts';
import { decodeJpeg, inspectJpeg, parseFrameStamp } from '../../lib/media/jpeg.ts';
import type { MultipartPart } from '../../lib/media/multipart.ts';
import { compareImages } from '../../lib/media/shift.ts';
import { waitStill } from '../ptz/head.ts';
import { readMjpeg, sizeOf, smallestResolution } from './support.ts';

/**
 * 10 fps: a frame lasts a whole number of mains flicker periods at 50 and at 60 Hz, so
 * lighting flicker cannot make every other frame brighter (which would look like glitches).
 */
const FPS = 10;
/** 1.8 s of frames, 16 judged (each needs both neighbours): a fault every 5th frame shows 3 times. */
const FRAMES = 18;

const fmt = (v: number) => v.toFixed(2);
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? NaN;

/** `frame 7 (seq 123)`: the stamp's seq where the camera writes one. */
function frameName(parts: readonly MultipartPart[], i: number): string {
  const seq = parseFrameStamp(inspectJpeg(parts[i].body).comments)?.seq;
  return seq === undefined ? `frame ${i}` : `frame ${i} (seq ${seq})`;
}

function describeJudgement(parts: readonly MultipartPart[], j: FrameJudgement): string {
  return `${frameName(parts, j.index)} differs from its neighbours by ${fmt(j.toPrevious)} / ${fmt(j.toNext)}, they from each other by ${fmt(j.neighbours)} (${fmt(j.ratio)}× the limit)`;
}

test.describe('a still scene', () => {
  test.beforeAll(async ({ caps }) => {
    skipIf(caps.resolutions.length === 0 ? 'camera lists no sizes (Properties.Image.Resolution)' : undefined);
  });

  test('consecutive frames of a still scene show no transient glitch', spec('2.3.6', 'video.cgi'), async ({ camera, caps, rig, measure }, testInfo) => {
    const res = smallestResolution(caps)!;
    const { width, height } = sizeOf(res);
    const still = await test.step('make the scene still: the lamp off, the PTZ head at rest', async () => {
      const lamp = rig?.wiring.lamp ?? null;
      if (rig && lamp !== null) await rig.board.channel(lamp).set(false);
      const ptz = caps.require('ptz') === undefined;
      // A head that never comes to rest is a CameraDefect (PtzNeverAtRest), as in the PTZ suites.
      if (ptz) await waitStill(camera);
      const lampState = !rig ? 'no relay rig, lamp not switched' : lamp === null ? 'no lamp wired' : 'lamp off';
      return `${lampState}, ${ptz ? 'PTZ at rest' : 'no PTZ'}`;
    });
    const what = `video.cgi?fps=${FPS}&resolution=${res}`;
    const read = await test.step(`${what}, ${FRAMES} frames`, () => readMjpeg(camera, { fps: FPS, resolution: res, count: FRAMES, timeoutMs: 20_000 }));
    const views = await test.step(`all ${FRAMES} frames: well-formed JPEGs of ${res} that decode`, async () => {
      expect(read.parts.length, `parts before the stream ended (${read.endedByCamera ? 'the camera ended it' : 'still streaming'})`).toBe(FRAMES);
      return read.parts.map((p, i): GrayImage => {
        expect(inspectJpeg(p.body).errors, `frame ${i} structure`).toEqual([]);
        const img = decodeJpeg(p.body);
        expect([img.width, img.height], `frame ${i} size`).toEqual([width, height]);
        return stillView(img);
      });
    });
    await test.step('no frame differs from both neighbours by far more than they differ from each other', async () => {
      const scan = findGlitches(views);
      expect(scan.judged.length, 'frames judged (each between two neighbours)').toBe(FRAMES - 2);
      const worst = [...scan.judged].sort((a, b) => b.ratio - a.ratio)[0];
      const { factor, floor } = scan.rule;
      const note = [
        `${FRAMES} frames of ${what} (${still}), compared gray at ${views[0].width}x${views[0].height} without the top and bottom eighth (OSD)`,
        `glitch: a frame differing from both neighbours by more than ${factor}× their own difference + ${floor} gray levels`,
        `consecutive frames differ by ${fmt(median(scan.consecutive))} (median), ${fmt(Math.max(...scan.consecutive))} (max)`,
        ...(scan.glitches.length === 0
          ? [`no glitch; closest: ${describeJudgement(read.parts, worst)}`]
          : scan.glitches.slice(0, 5).map((g) => `glitch: ${describeJudgement(read.parts, g)}`)),
      ].join('; ');
      await testInfo.attach('still scene differences.json', { body: JSON.stringify(scan, null, 2), contentType: 'application/json' });
      if (scan.glitches.length > 0) {
        const g = scan.glitches[0];
        const before = decodeJpeg(read.parts[g.index - 1].body);
        await testInfo.attach('still scene worst glitch frame.jpg', { body: read.parts[g.index].body, contentType: 'image/jpeg' });
        await testInfo.attach('still scene frame before the glitch.jpg', { body: read.parts[g.index - 1].body, contentType: 'image/jpeg' });
        // Not "-diff.png": allure-playwright takes such names for its own image diffs and crashes.
        await testInfo.attach('still scene glitch against the frame before.png', { body: compareImages(before, decodeJpeg(read.parts[g.index].body)).diffPng, contentType: 'image/png' });
      }
      measure('mjpeg.glitches', scan.glitches.length, { unit: 'frames', note });
    });
  });
});
