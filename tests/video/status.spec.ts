// Spec §2.1 and §2.2: resolution.cgi sets the default image size that image.jpg uses, and
// keeps what it accepted (a size it refuses changes nothing); videostatus.cgi reports the
// video signal of camera 1 (and, on the virtual camera, its loss). The spec shows no answer
// to resolution.cgi: its `OK`, the action=get/list formats and how it refuses are observed.
import { expect, spec, test } from '../../fixtures/index.ts';
import { skipIf } from '../../fixtures/skip.ts';
import { inspectJpeg } from '../../lib/media/jpeg.ts';
import { answerOf, describeAnswer, isRefusal, observeRefusalForm } from './answer.ts';

const DEFAULT_SIZE = 'Image.I0.Appearance.Resolution';

test.describe('image size and video status', () => {
  test('resolution.cgi sets the default size; image.jpg follows it', spec('2.1', 'resolution.cgi', { tags: ['@changes-config'] }), async ({ camera, caps, observe }) => {
    const current = caps.image.resolution;
    const other = caps.resolutions.find((r) => r !== current);
    skipIf(!current || !other ? 'camera offers only one size (Properties.Image.Resolution)' : undefined);
    await test.step(`resolution.cgi?resolution=${other}`, async () => {
      const text = await camera.video.setResolution(other!);
      observe('video.resolution.answer', { expected: 'OK', observed: text.trim() || 'an empty answer' });
    });
    await test.step(`${DEFAULT_SIZE} is ${other}`, async () => {
      expect(await camera.config.require(DEFAULT_SIZE)).toBe(other);
    });
    await test.step(`image.jpg is ${other}`, async () => {
      const s = inspectJpeg((await camera.video.snapshot({ path: 'image.jpg' })).jpeg);
      expect(`${s.width}x${s.height}`).toBe(other);
    });
    await test.step('resolution.cgi?action=get and action=list (formats observed)', async () => {
      const get = await camera.client.get('/resolution.cgi', { action: 'get' }, { expectStatus: 'any' });
      observe('video.resolution.get', { expected: `resolution=${other}`, observed: describeText(get.status, get.text) });
      const list = await camera.client.get('/resolution.cgi', { action: 'list' }, { expectStatus: 'any' });
      observe('video.resolution.list', { expected: `resolutions=${caps.resolutions.join(',')}`, observed: describeText(list.status, list.text) });
    });
  });

  test('resolution.cgi and a size the camera does not offer: refused and nothing changes, or accepted and kept', spec('2.1', 'resolution.cgi', { tags: ['@changes-config'] }), async ({ camera, caps, observe }) => {
    const odd = '1234x567';
    skipIf(caps.resolutions.includes(odd) ? `camera offers ${odd}` : undefined);
    const before = await camera.config.require(DEFAULT_SIZE);
    const a = await test.step(`resolution.cgi?resolution=${odd}`, async () => answerOf(await camera.client.get('/resolution.cgi', { resolution: odd }, { expectStatus: 'any' })));
    observe('video.size.offered', { expected: 'refused', observed: describeAnswer(a), holds: isRefusal(a) });
    if (isRefusal(a)) {
      observeRefusalForm(observe, 'video.refusal.form', a);
      await test.step(`refused: ${DEFAULT_SIZE} is still ${before}`, async () => {
        expect(await camera.config.require(DEFAULT_SIZE)).toBe(before);
      });
    } else {
      await test.step(`accepted: ${DEFAULT_SIZE} is ${odd}, as accepted`, async () => {
        expect(await camera.config.require(DEFAULT_SIZE)).toBe(odd);
      });
    }
  });

  test('videostatus.cgi reports video on camera 1', spec('2.2', 'videostatus.cgi'), async ({ camera }) => {
    const status = await camera.video.videoStatus([1]);
    expect(status).toEqual([{ camera: 1, hasVideo: true }]);
  });

  // @virtual-only: the lost signal is provoked through the virtual camera's fault control
  // endpoint (/_hil/faults, novideo=1); a physical camera needs its sensor unplugged.
  test('videostatus.cgi reports a lost video signal (virtual camera fault)', spec('2.2', 'videostatus.cgi', { tags: ['@virtual-only'] }), async ({ camera }, testInfo) => {
    const faults = (set: string) => camera.client.get('/_hil/faults', { set }, { expectStatus: 200 });
    try {
      await test.step('the video source loses its signal (/_hil/faults?set=novideo=1)', () => faults('novideo=1'));
      await test.step('videostatus says no video', async () => {
        expect(await camera.video.videoStatus([1])).toEqual([{ camera: 1, hasVideo: false }]);
      });
      await test.step('snapshots still answer, with a well-formed JPEG', async () => {
        const snap = await camera.video.snapshot();
        expect(inspectJpeg(snap.jpeg).errors).toEqual([]);
        await testInfo.attach('no video frame.jpg', { body: snap.jpeg, contentType: 'image/jpeg' });
      });
    } finally {
      await faults('');
    }
    await test.step('with the signal back, videostatus says video', async () => {
      expect(await camera.video.videoStatus([1])).toEqual([{ camera: 1, hasVideo: true }]);
    });
  });
});

function describeText(status: number, text: string): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  return status === 200 ? lines.join(' | ') || 'an empty answer' : `HTTP ${status}, ${lines[0] ?? 'an empty answer'}`;
}
