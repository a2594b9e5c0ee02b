// Spec §1.11 as the image shows it: setosd.cgi sets the OSD line — its text (stored in
// Image.I0.Text.String), whether the text is shown, the clock, the date and whether the line
// sits at the top or the bottom — and the picture shows it in a band at the top or bottom of
// the frame while the rest of the picture stays as it was. A text the camera accepts is kept
// whole; one it refuses changes nothing. The spec shows no answer to setosd.cgi (`OK` is
// observed) and gives no length limit (observed).
import { expect, spec, test } from '../../fixtures/index.ts';
import { skipIf } from '../../fixtures/skip.ts';
import type { Camera, ImageOptions } from '../../lib/camera/index.ts';
import type { Raster } from '../../lib/media/image.ts';
import { decodeJpeg } from '../../lib/media/jpeg.ts';
import { safeAttachmentName } from '../../lib/signoff/attachment-name.ts';
import { answerOf, describeAnswer, isRefusal } from './answer.ts';
import { rowsDiff, streamResolution } from './support.ts';

/** The band compared: the OSD line sits in the top or bottom 12 % of the frame. */
const BAND = 0.12;
/** A band "changed" when its mean gray moved by more than this, and far more than the rest. */
const CHANGED = 2;
const STRING = 'Image.I0.Text.String';

interface BandChange {
  top: number;
  bottom: number;
  middle: number;
}

function bandChange(before: Raster, after: Raster): BandChange {
  const h = before.height;
  const band = Math.max(8, Math.round(h * BAND));
  return { top: rowsDiff(before, after, 0, band), bottom: rowsDiff(before, after, h - band, h), middle: rowsDiff(before, after, band, h - band) };
}

const shown = (c: BandChange) => `mean gray change: top band ${c.top.toFixed(2)}, bottom band ${c.bottom.toFixed(2)}, middle ${c.middle.toFixed(2)}`;

/** The OSD line appeared or went away in the `where` band, and only there. */
function expectBandChanged(c: BandChange, where: 'top' | 'bottom' | 'either', what: string): void {
  const changed = where === 'top' ? c.top : where === 'bottom' ? c.bottom : Math.max(c.top, c.bottom);
  expect(changed, `${what}: the ${where === 'either' ? 'top or bottom' : where} band changes (${shown(c)})`).toBeGreaterThan(CHANGED);
  expect(changed, `${what}: the band changes far more than the middle of the picture (${shown(c)})`).toBeGreaterThan(5 * c.middle);
  if (where !== 'either') {
    const other = where === 'top' ? c.bottom : c.top;
    expect(changed, `${what}: the ${where} band changes far more than the other one (${shown(c)})`).toBeGreaterThan(5 * other);
  }
}

test.describe('OSD text', () => {
  test.beforeAll(async ({ caps }) => {
    skipIf(caps.require('osd') ?? (caps.resolutions.length === 0 ? 'camera lists no sizes (Properties.Image.Resolution)' : undefined));
  });

  /** A frame at the test size; `req` overrides the OSD for this request only (none: the camera's settings). */
  const frame = async (camera: Camera, res: string, name: string, req: ImageOptions = {}) => {
    const { jpeg } = await camera.video.snapshot({ resolution: res, compression: 10, ...req });
    await test.info().attach(safeAttachmentName(name), { body: jpeg, contentType: 'image/jpeg' });
    return decodeJpeg(jpeg);
  };

  test('setosd.cgi stores the OSD string', spec('1.11', 'setosd.cgi', { tags: ['@changes-config'] }), async ({ camera, observe }) => {
    const text = 'camera-hil OSD 42';
    await test.step(`setosd.cgi?text=${text}`, async () => {
      const answer = await camera.osd.setText(text);
      observe('video.osd.answer', { expected: 'OK', observed: answer.trim() || 'an empty answer' });
    });
    await test.step(`${STRING} reads it back`, async () => {
      expect(await camera.config.require(STRING)).toBe(text);
    });
  });

  test('enabled=yes shows the text in the band at the top or bottom of the picture, and only there', spec('1.11', 'setosd.cgi', { severity: 'critical', tags: ['@changes-config'] }), async ({ camera, caps }) => {
    const res = streamResolution(caps)!;
    // Only the text line: date and clock would change the band by themselves.
    const shot = (name: string) => frame(camera, res, name, { clock: false, date: false });
    await test.step('setosd.cgi?enabled=no: the text is off', () => camera.osd.set({ enabled: false }));
    const before = await test.step('a frame without text', () => shot('osd without text.jpg'));
    await test.step('setosd.cgi?text=...&enabled=yes', () => camera.osd.set({ text: 'CAMERA HIL OSD CHECK', enabled: true }));
    const after = await test.step('a frame with the text', () => shot('osd with text.jpg'));
    await test.step('the top or bottom band changed; the middle of the picture did not', async () => {
      expectBandChanged(bandChange(before, after), 'either', 'text shown');
    });
  });

  test('clock=, date= and position= put the clock and the date in the line, at the top or the bottom', spec('1.11', 'setosd.cgi', { tags: ['@changes-config'] }), async ({ camera, caps }) => {
    const res = streamResolution(caps)!;
    // The camera's own settings decide: no overrides in the request.
    const shot = (name: string) => frame(camera, res, name);
    await test.step('setosd.cgi: everything off, the line at the top', () => camera.osd.set({ enabled: false, clock: false, date: false, position: 'top' }));
    const bare = await test.step('a frame without any OSD', () => shot('osd off.jpg'));
    await test.step('clock=yes: the top band shows it', async () => {
      await camera.osd.set({ clock: true });
      expectBandChanged(bandChange(bare, await shot('osd clock.jpg')), 'top', 'clock shown');
    });
    await test.step('clock=no&date=yes: the top band shows the date', async () => {
      await camera.osd.set({ clock: false, date: true });
      expectBandChanged(bandChange(bare, await shot('osd date.jpg')), 'top', 'date shown');
    });
    await test.step('position=bottom: the line moves to the bottom band, the top is bare again', async () => {
      await camera.osd.set({ position: 'bottom' });
      expectBandChanged(bandChange(bare, await shot('osd date at the bottom.jpg')), 'bottom', 'line at the bottom');
    });
  });

  test('image.cgi?text=1&textstring= shows a text in that snapshot only', spec('2.3.2', 'image.cgi'), async ({ camera, caps }) => {
    const res = streamResolution(caps)!;
    const off = await test.step('image.cgi?text=0 (no clock, no date)', () => frame(camera, res, 'no text.jpg', { clock: false, date: false, text: false }));
    const on = await test.step('image.cgi?text=1&textstring=HIL SNAPSHOT TEXT', () => frame(camera, res, 'textstring.jpg', { clock: false, date: false, text: true, textstring: 'HIL SNAPSHOT TEXT' }));
    await test.step('the top or bottom band changed; the middle of the picture did not', async () => {
      expectBandChanged(bandChange(off, on), 'either', 'textstring shown');
    });
  });

  test('a text longer than 64 characters: refused and nothing changes, or accepted and kept whole', spec('1.11', 'setosd.cgi', { tags: ['@changes-config'] }), async ({ camera, observe }) => {
    const before = 'camera-hil before';
    const long = `camera-hil ${'x'.repeat(54)}`; // 65 characters
    await test.step(`setosd.cgi?text=${before}`, () => camera.osd.setText(before));
    const a = await test.step(`setosd.cgi?text=<${long.length} characters>`, async () => answerOf(await camera.client.get('/setosd.cgi', { text: long }, { expectStatus: 'any' })));
    observe('video.osd.text-max', { expected: 'refused', observed: describeAnswer(a), holds: isRefusal(a) });
    await test.step(isRefusal(a) ? `refused: ${STRING} is still "${before}"` : `accepted: ${STRING} holds all ${long.length} characters`, async () => {
      expect(await camera.config.require(STRING)).toBe(isRefusal(a) ? before : long);
    });
  });
});
