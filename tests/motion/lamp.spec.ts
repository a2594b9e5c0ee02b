// Spec §4.5 with the rig's motion stimulus: the lamp in the camera's view is switched
// through the relay board. The suite finds the lamp in the picture itself (snapshots with
// the lamp off and on), so it works wherever the lab put the lamp; then a window over the
// lamp must see motion when it switches, and a window away from it must not. The report
// shows the lamp-off and lamp-on pictures with both windows drawn on them.
import { test, expect, spec } from '../../fixtures/index.ts';
import { skipIf } from '../../fixtures/skip.ts';
import { parseMotionLevels, type Camera } from '../../lib/camera/index.ts';
import { LabProblem } from '../../lib/errors.ts';
import { outlinedPng, type Rect, type Rgb } from '../../lib/media/draw.ts';
import { toGray, type GrayImage, type RgbaImage } from '../../lib/media/image.ts';
import { decodeJpeg } from '../../lib/media/jpeg.ts';
import { readLevelParts } from './stream.ts';

/** A gray step this large between lamp off and on marks a pixel as the lamp's. */
const LAMP_DIFF = 40;
/** How long the lamp may take to show in the picture after the relay switched it on. */
const LAMP_SHOWS_MS = 5000;
/** Parts read before switching (the baseline) and after it. */
const QUIET_PARTS = 3;
const AFTER_PARTS = 6;

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The gray picture the lamp is found in, with the camera's JPEG and its colours kept for the report. */
interface Picture {
  gray: GrayImage;
  rgba: RgbaImage;
  jpeg: Buffer;
}

async function picture(camera: Camera): Promise<Picture> {
  const { jpeg } = await camera.video.snapshot({ clock: false, date: false, text: false });
  const rgba = decodeJpeg(jpeg);
  return { gray: toGray(rgba), rgba, jpeg };
}

const LAMP_COLOUR: Rgb = [255, 0, 0];
const AWAY_COLOUR: Rgb = [255, 255, 0];

/** A window's 0..9999 coordinates as pixels of a width×height picture (at least one pixel each way). */
function windowPixels(w: Box, width: number, height: number): Rect {
  const x = Math.round((w.left / 10000) * width), y = Math.round((w.top / 10000) * height);
  return { x, y, width: Math.max(1, Math.round((w.right / 10000) * width) - x), height: Math.max(1, Math.round((w.bottom / 10000) * height) - y) };
}

/** The lamp-off and lamp-on pictures, shrunk, with the window over the lamp (red) and the one away from it (yellow) drawn. */
async function attachWindowPictures(off: Picture, on: Picture, lamp: Box, away: Box): Promise<void> {
  const info = test.info();
  for (const [state, p] of [['off', off], ['on', on]] as const) {
    const { width, height } = p.rgba;
    const png = outlinedPng(p.rgba, [
      { ...windowPixels(lamp, width, height), color: LAMP_COLOUR },
      { ...windowPixels(away, width, height), color: AWAY_COLOUR },
    ]);
    await info.attach(`lamp ${state}, motion windows drawn (red over the lamp, yellow away from it).png`, { body: png, contentType: 'image/png' });
  }
}

/** Bounding box (pixels, inclusive) of what the lamp changes, ignoring the OSD bands. */
function changedBox(off: GrayImage, on: GrayImage): Box | undefined {
  const band = Math.round(off.height / 8);
  let box: Box | undefined;
  for (let y = band; y < off.height - band; y++) {
    for (let x = 0; x < off.width; x++) {
      const i = y * off.width + x;
      if (Math.abs(on.data[i] - off.data[i]) < LAMP_DIFF) continue;
      box = box
        ? { left: Math.min(box.left, x), top: Math.min(box.top, y), right: Math.max(box.right, x), bottom: Math.max(box.bottom, y) }
        : { left: x, top: y, right: x, bottom: y };
    }
  }
  return box;
}

/** Pixels to the 0..9999 window coordinates of the spec. */
function toWindow(b: Box, width: number, height: number): Box {
  const c = (v: number, size: number) => Math.max(0, Math.min(9999, Math.round((v / size) * 10000)));
  return { left: c(b.left, width), top: c(b.top, height), right: c(b.right + 1, width), bottom: c(b.bottom + 1, height) };
}

/** The largest strip (0..9999 coordinates) clear of the lamp by a margin and of the OSD bands. */
function awayFrom(lamp: Box): Box {
  const m = 500;
  const top = 1250;
  const bottom = 8750;
  const strips: Box[] = [
    { left: 0, right: lamp.left - m, top, bottom },
    { left: lamp.right + m, right: 9999, top, bottom },
    { left: 0, right: 9999, top, bottom: lamp.top - m },
    { left: 0, right: 9999, top: lamp.bottom + m, bottom },
  ];
  const area = (b: Box) => Math.max(0, b.right - b.left) * Math.max(0, b.bottom - b.top);
  return strips.sort((a, b) => area(b) - area(a))[0];
}

test.describe('motion detection with the lamp', () => {
  test.beforeAll(async ({ caps }) => {
    skipIf(caps.require('motion'));
  });

  test('switching the lamp raises the level of the window over it, not of a window elsewhere', spec('4.5', 'motion.cgi', { tags: ['@changes-config'] }), async ({ camera, stimulus, measure }) => {
    const { lamp, away, off, on } = await test.step('find the lamp: pictures with the lamp off and on', async () => {
      await stimulus.lamp(false);
      const off = await picture(camera);
      await stimulus.lamp(true);
      let box: Box | undefined;
      const deadline = Date.now() + LAMP_SHOWS_MS;
      let on = await picture(camera);
      while ((box = changedBox(off.gray, on.gray)) === undefined && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        on = await picture(camera);
      }
      await stimulus.lamp(false);
      if (!box) {
        // The camera's own frames, so the lab sees what the camera looks at.
        await test.info().attach('lamp off.jpg', { body: off.jpeg, contentType: 'image/jpeg' });
        await test.info().attach('lamp on, last picture.jpg', { body: on.jpeg, contentType: 'image/jpeg' });
        // The relay switched (the board answered): a lamp that the picture never shows is the rig's.
        throw new LabProblem(`the lamp does not show in the camera's picture within ${LAMP_SHOWS_MS} ms of switching it on: check that the rig's lamp is powered and in the camera's view`);
      }
      const lamp = toWindow(box, off.gray.width, off.gray.height);
      return { lamp, away: awayFrom(lamp), off, on };
    });
    expect(away.right - away.left, 'room for a window away from the lamp').toBeGreaterThan(1000);

    const [lampId, awayId] = await test.step('add a window over the lamp and one away from it', async () => [
      await camera.motion.addWindow({ name: 'hil-lamp', ...lamp }),
      await camera.motion.addWindow({ name: 'hil-away', ...away }),
    ]);
    const lampGroup = Number(lampId.slice(1));
    const awayGroup = Number(awayId.slice(1));

    const seen: { lamp: number[]; away: number[]; awayThreshold: number } = { lamp: [], away: [], awayThreshold: 100 };
    try {
      await test.step(`read ${QUIET_PARTS} parts with the lamp off, switch it on, read ${AFTER_PARTS} more`, async () => {
        await readLevelParts(
          camera,
          async (p, i) => {
            const levels = parseMotionLevels(p.text);
            const of = (g: number) => levels.find((l) => l.group === g);
            if (i >= QUIET_PARTS) {
              // Every part lists both windows: a level missing is not a level of 0.
              const [onLamp, onAway] = [of(lampGroup), of(awayGroup)];
              expect(onLamp, `part ${i} has a level line for ${lampId}`).toBeDefined();
              expect(onAway, `part ${i} has a level line for ${awayId}`).toBeDefined();
              seen.lamp.push(onLamp!.level);
              seen.away.push(onAway!.level);
              seen.awayThreshold = onAway!.threshold;
            }
            if (i === QUIET_PARTS - 1) await stimulus.lamp(true);
            return i >= QUIET_PARTS + AFTER_PARTS - 1;
          },
          { timeoutMs: 20_000, waitingFor: `${QUIET_PARTS + AFTER_PARTS} parts` },
        );
      });
    } finally {
      await stimulus.lamp(false);
    }
    await test.step('the window over the lamp saw it; the other window saw nothing above its threshold', async () => {
      const lampPeak = Math.max(...seen.lamp);
      const awayPeak = Math.max(...seen.away);
      await attachWindowPictures(off, on, lamp, away);
      measure('motion.level.lamp', lampPeak, { unit: 'level', note: `window ${lampId} at ${JSON.stringify(lamp)}; away window peak ${awayPeak}` });
      expect(awayPeak, `levels of ${awayId} away from the lamp: ${seen.away.join(' ')}`).toBeLessThan(seen.awayThreshold);
      expect(lampPeak, `levels of ${lampId} over the lamp: ${seen.lamp.join(' ')}`).toBeGreaterThan(awayPeak);
    });
  });
});
