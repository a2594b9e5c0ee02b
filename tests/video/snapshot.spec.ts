// Spec §2.3.1-2.3.3: JPEG snapshots. Every size the camera offers is delivered at that size
// (checked by decoding), a Content-Length it sends is the image size (whether it sends one is
// observed: an HTTP/1.0 body may end with the connection), image.jpg follows the default
// size, compression trades size for quality in one direction. What the camera does with
// sizes or values it does not offer is its own choice (observed): whatever image it answers
// must be a well-formed JPEG.
import { expect, spec, test } from '../../fixtures/index.ts';
import { skipIf } from '../../fixtures/skip.ts';
import { decodeJpeg, inspectJpeg } from '../../lib/media/jpeg.ts';
import { safeAttachmentName } from '../../lib/signoff/attachment-name.ts';
import { startLagMonitor } from '../../lib/signoff/host-lag.ts';
import { describeAnswer, isRefusal, observeRefusalForm } from './answer.ts';
import { askImage, streamResolution } from './support.ts';

const NO_SIZES = 'camera lists no sizes (Properties.Image.Resolution)';

test.describe('JPEG snapshots', () => {
  test('a snapshot at every resolution the camera offers has that size', spec('2.3.2', 'image.cgi', { severity: 'critical' }), async ({ camera, caps, observe }, testInfo) => {
    skipIf(caps.resolutions.length === 0 ? NO_SIZES : undefined);
    for (const res of caps.resolutions) {
      await test.step(`image.cgi?resolution=${res}: a well-formed JPEG that decodes to ${res}`, async () => {
        const snap = await camera.video.snapshot({ resolution: res });
        const length = snap.headers['content-length'];
        observe('video.snapshot.length', { expected: `Content-Length: ${snap.jpeg.length}`, observed: length === undefined ? 'no Content-Length (the body ended with the connection)' : `Content-Length: ${length}` });
        if (length !== undefined) expect(Number(length), 'Content-Length is the image size').toBe(snap.jpeg.length);
        const s = inspectJpeg(snap.jpeg);
        expect(s.errors, 'JPEG structure').toEqual([]);
        const img = decodeJpeg(snap.jpeg);
        expect(`${img.width}x${img.height}`).toBe(res);
        await testInfo.attach(safeAttachmentName(`snapshot ${res}.jpg`), { body: snap.jpeg, contentType: 'image/jpeg' });
      });
    }
  });

  test('snapshots answer promptly', spec('2.3.2', 'image.cgi', { tags: ['@timing'] }), async ({ camera, caps, measure }) => {
    const res = streamResolution(caps);
    skipIf(res ? undefined : NO_SIZES);
    const mon = startLagMonitor();
    const latencies = await test.step(`five snapshots at ${res}`, async () => {
      await camera.video.snapshot({ resolution: res }); // the first may set up the encoder
      const out: number[] = [];
      for (let i = 0; i < 5; i++) out.push((await camera.video.snapshot({ resolution: res })).latencyMs);
      return out.sort((a, b) => a - b);
    });
    measure('snapshot.latency', latencies[2], { unit: 'ms', note: `median of 5 at ${res}: ${latencies.join(', ')} ms`, lag: mon.stop() });
  });

  test('image.jpg delivers the default size (Image.I0.Appearance.Resolution), as does image.cgi?camera=1', spec('2.3.1', 'image.jpg'), async ({ camera, caps }) => {
    const def = caps.image.resolution;
    skipIf(def ? undefined : 'camera does not list Image.I0.Appearance.Resolution');
    await test.step('image.jpg', async () => {
      const snap = await camera.video.snapshot({ path: 'image.jpg' });
      expect(snap.contentType).toMatch(/^image\/jpeg/);
      const s = inspectJpeg(snap.jpeg);
      expect(s.errors).toEqual([]);
      expect(`${s.width}x${s.height}`).toBe(def);
    });
    await test.step('image.cgi?camera=1: the first video source, at the default size', async () => {
      const s = inspectJpeg((await camera.video.snapshot({ camera: 1 })).jpeg);
      expect(s.errors).toEqual([]);
      expect(`${s.width}x${s.height}`).toBe(def);
    });
  });

  test('higher compression gives smaller files', spec('2.3.2', 'image.cgi'), async ({ camera, caps, observe }) => {
    const res = streamResolution(caps);
    skipIf(res ? undefined : NO_SIZES);
    const steps = [0, 25, 50, 75, 100];
    const sizes: number[] = [];
    for (const compression of steps) {
      await test.step(`compression=${compression}`, async () => {
        // The clock is off so only compression differs between the shots.
        const snap = await camera.video.snapshot({ resolution: res, compression, clock: false, date: false });
        expect(inspectJpeg(snap.jpeg).errors).toEqual([]);
        sizes.push(snap.jpeg.length);
      });
    }
    await test.step(`sizes ${sizes.join(', ')} bytes: smaller as compression grows`, async () => {
      // What compression means: more of it, a smaller file. How finely a camera steps it is its own.
      expect(sizes[sizes.length - 1], `compression ${steps[steps.length - 1]} vs ${steps[0]}`).toBeLessThan(sizes[0]);
      const steady = sizes.every((n, i) => i === 0 || n < sizes[i - 1]);
      observe('video.compression.steps', { expected: `each step smaller (${steps.join(', ')})`, observed: `${sizes.join(', ')} bytes`, holds: steady });
    });
  });

  test('a size the camera does not offer, or a compression beyond 100: refused, or answered with a well-formed JPEG', spec('2.3.2', 'image.cgi'), async ({ camera, caps, observe }) => {
    const odd = '1234x567';
    for (const [rule, what, query] of [
      ['video.size.offered', `resolution=${odd}`, { resolution: odd }],
      ['video.compression.max', 'compression=101', { compression: '101' }],
    ] as const) {
      if (rule === 'video.size.offered' && caps.resolutions.includes(odd)) continue;
      await test.step(`image.cgi?${what}`, async () => {
        const a = await askImage(camera, query);
        observe(rule, { expected: 'refused, no image', observed: describeAnswer(a), holds: isRefusal(a) && !a.jpeg });
        if (isRefusal(a)) observeRefusalForm(observe, 'video.refusal.form', a);
        // An image it answers anyway must be what §2.3.3 shows: JPEG data.
        if (a.jpeg) expect(inspectJpeg(a.jpeg).errors, `the image answered to image.cgi?${what}`).toEqual([]);
      });
    }
  });
});
