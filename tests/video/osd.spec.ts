// Spec §1.11 as the image shows it: the OSD string set with setosd.cgi is stored in
// Image.I0.Text.String and appears in the picture, in the text band at the top or bottom
// of the frame, while the rest of the picture stays as it was.
import { expect, spec, test } from '../../fixtures/index.ts';
import { decodeJpeg } from '../../lib/media/jpeg.ts';
import { rowsDiff, streamResolution } from './support.ts';

/** The band compared: the OSD line sits in the top or bottom 12 % of the frame. */
const BAND = 0.12;

test.describe('OSD text', () => {
  test.beforeEach(async ({ caps }) => {
    const why = caps.require('osd') ?? (caps.resolutions.length === 0 ? 'camera lists no sizes (Properties.Image.Resolution)' : undefined);
    test.skip(!!why, why);
  });

  test('setosd.cgi stores the OSD string', spec('1.11', 'setosd.cgi'), async ({ camera, stateGuard }) => {
    void stateGuard;
    const text = 'camera-hil OSD 42';
    await test.step(`setosd.cgi?text=${text}`, () => camera.osd.setText(text));
    await test.step('Image.I0.Text.String reads it back', async () => {
      expect((await camera.osd.get()).text).toBe(text);
    });
  });

  test('the OSD text appears in the text band of the picture, and only there', spec('1.11', 'setosd.cgi', { severity: 'critical' }), async ({ camera, caps, stateGuard }, testInfo) => {
    void stateGuard;
    const res = streamResolution(caps)!;
    // Only the text line: date and clock would change the band by themselves.
    const shot = async (name: string) => {
      const { jpeg } = await camera.video.snapshot({ resolution: res, clock: false, date: false, compression: 10 });
      await testInfo.attach(name, { body: jpeg, contentType: 'image/jpeg' });
      return decodeJpeg(jpeg);
    };
    await test.step('the overlay text is off', () => camera.osd.setEnabled(false));
    const before = await test.step('a frame without text', () => shot('osd without text.jpg'));
    await test.step('set a text and show it', async () => {
      await camera.osd.setText('CAMERA HIL OSD CHECK');
      await camera.osd.setEnabled(true);
    });
    const after = await test.step('a frame with the text', () => shot('osd with text.jpg'));
    await test.step('the top or bottom band changed; the middle of the picture did not', async () => {
      const h = before.height;
      const band = Math.max(8, Math.round(h * BAND));
      const top = rowsDiff(before, after, 0, band);
      const bottom = rowsDiff(before, after, h - band, h);
      const middle = rowsDiff(before, after, band, h - band);
      const changed = Math.max(top, bottom);
      testInfo.annotations.push({ type: 'osd', description: `mean gray change: top band ${top.toFixed(2)}, bottom band ${bottom.toFixed(2)}, middle ${middle.toFixed(2)}` });
      expect(changed, 'the text band changes when the text is shown').toBeGreaterThan(2);
      expect(changed, 'the text band changes far more than the rest of the picture').toBeGreaterThan(5 * middle);
    });
  });
});
