// Spec §2.1 and §2.2: resolution.cgi sets the default image size that image.jpg and
// video.mjpg use, refusing sizes the camera does not offer; videostatus.cgi reports the
// video signal of camera 1 (and, on the virtual camera, its loss).
import { expect, spec, test } from '../../fixtures/index.ts';
import { inspectJpeg } from '../../lib/media/jpeg.ts';
import { videoSourceOf } from '../../rigs/virtual-camera/video/source.ts';

test.describe('image size and video status', () => {
  test('resolution.cgi sets the default size; image.jpg follows it', spec('2.1', 'resolution.cgi'), async ({ camera, caps, stateGuard }) => {
    void stateGuard;
    const current = caps.image.resolution;
    const other = caps.resolutions.find((r) => r !== current);
    test.skip(!current || !other, 'camera offers only one size (Properties.Image.Resolution)');
    await test.step(`resolution.cgi?resolution=${other}`, () => camera.video.setResolution(other!));
    await test.step(`Image.I0.Appearance.Resolution is ${other}`, async () => {
      expect((await camera.config.list(['Image.I0.Appearance.Resolution'])).get('Image.I0.Appearance.Resolution')).toBe(other);
    });
    await test.step(`image.jpg is ${other}`, async () => {
      const s = inspectJpeg((await camera.video.snapshot({ path: 'image.jpg' })).jpeg);
      expect(`${s.width}x${s.height}`).toBe(other);
    });
  });

  test('resolution.cgi refuses a size the camera does not offer and keeps the old one', spec('2.1', 'resolution.cgi'), async ({ camera, caps, stateGuard }) => {
    void stateGuard;
    const odd = '1234x567';
    test.skip(caps.resolutions.includes(odd), `camera offers ${odd}`);
    await test.step(`resolution.cgi?resolution=${odd} is refused`, async () => {
      await expect(camera.video.setResolution(odd)).rejects.toThrow(/error|400/i);
    });
    await test.step('the default size is unchanged', async () => {
      expect((await camera.config.list(['Image.I0.Appearance.Resolution'])).get('Image.I0.Appearance.Resolution')).toBe(caps.image.resolution);
    });
  });

  test('videostatus.cgi reports video on camera 1', spec('2.2', 'videostatus.cgi'), async ({ camera }) => {
    const status = await camera.video.videoStatus([1]);
    expect(status).toEqual([{ camera: 1, hasVideo: true }]);
  });

  test('videostatus.cgi reports a lost video signal (virtual camera fault)', spec('2.2', 'videostatus.cgi'), async ({ camera, target }, testInfo) => {
    test.skip(!target.virtual, 'a lost signal can only be provoked on the virtual camera (a physical one needs its sensor unplugged)');
    const source = videoSourceOf(target.virtual!.state);
    try {
      await test.step('the video source loses its signal', () => source.set(false));
      await test.step('videostatus says no video', async () => {
        expect(await camera.video.videoStatus([1])).toEqual([{ camera: 1, hasVideo: false }]);
      });
      await test.step('snapshots still answer, with a well-formed JPEG', async () => {
        const snap = await camera.video.snapshot();
        expect(inspectJpeg(snap.jpeg).errors).toEqual([]);
        await testInfo.attach('no video frame.jpg', { body: snap.jpeg, contentType: 'image/jpeg' });
      });
    } finally {
      source.set(true);
    }
    await test.step('with the signal back, videostatus says video', async () => {
      expect(await camera.video.videoStatus([1])).toEqual([{ camera: 1, hasVideo: true }]);
    });
  });
});
