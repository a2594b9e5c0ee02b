// Spec §2.3.1-2.3.3: JPEG snapshots. Every size the camera offers is delivered at that
// size (checked by decoding), image.jpg follows the default size, compression trades
// size for quality in one direction, and sizes or values it does not offer are refused.
import { expect, spec, test } from '../../fixtures/index.ts';
import { decodeJpeg, inspectJpeg } from '../../lib/media/jpeg.ts';
import { streamResolution } from './support.ts';

test.describe('JPEG snapshots', () => {
  test('a snapshot at every resolution the camera offers has that size', spec('2.3.2', 'image.cgi', { severity: 'critical' }), async ({ camera, caps }, testInfo) => {
    test.skip(caps.resolutions.length === 0, 'camera lists no sizes (Properties.Image.Resolution)');
    for (const res of caps.resolutions) {
      await test.step(`image.cgi?resolution=${res}: a well-formed JPEG that decodes to ${res}`, async () => {
        const snap = await camera.video.snapshot({ resolution: res });
        expect(Number(snap.headers['content-length']), 'Content-Length is the image size').toBe(snap.jpeg.length);
        const s = inspectJpeg(snap.jpeg);
        expect(s.errors, 'JPEG structure').toEqual([]);
        const img = decodeJpeg(snap.jpeg);
        expect(`${img.width}x${img.height}`).toBe(res);
        await testInfo.attach(`snapshot ${res}.jpg`, { body: snap.jpeg, contentType: 'image/jpeg' });
      });
    }
  });

  test('snapshots answer promptly', spec('2.3.2', 'image.cgi'), async ({ camera, caps, measure }) => {
    const res = streamResolution(caps);
    test.skip(!res, 'camera lists no sizes (Properties.Image.Resolution)');
    const latencies = await test.step(`five snapshots at ${res}`, async () => {
      await camera.video.snapshot({ resolution: res }); // the first may set up the encoder
      const out: number[] = [];
      for (let i = 0; i < 5; i++) out.push((await camera.video.snapshot({ resolution: res })).latencyMs);
      return out.sort((a, b) => a - b);
    });
    measure('snapshot.latency', latencies[2], { unit: 'ms', note: `median of 5 at ${res}: ${latencies.join(', ')} ms` });
  });

  test('image.jpg delivers the default size (Image.I0.Appearance.Resolution)', spec('2.3.1', 'image.jpg'), async ({ camera, caps }) => {
    const def = caps.image.resolution;
    test.skip(!def, 'camera does not list Image.I0.Appearance.Resolution');
    const snap = await camera.video.snapshot({ path: 'image.jpg' });
    expect(snap.contentType).toMatch(/^image\/jpeg/);
    const s = inspectJpeg(snap.jpeg);
    expect(s.errors).toEqual([]);
    expect(`${s.width}x${s.height}`).toBe(def);
  });

  test('higher compression gives smaller files', spec('2.3.2', 'image.cgi'), async ({ camera, caps }) => {
    const res = streamResolution(caps);
    test.skip(!res, 'camera lists no sizes (Properties.Image.Resolution)');
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
    await test.step(`sizes ${sizes.join(' > ')} bytes`, async () => {
      for (let i = 1; i < sizes.length; i++) expect(sizes[i], `compression ${steps[i]} vs ${steps[i - 1]}`).toBeLessThan(sizes[i - 1]);
    });
  });

  test('a size the camera does not offer, or a compression beyond 100, is refused', spec('2.3.2', 'image.cgi'), async ({ camera, caps }) => {
    const odd = '1234x567';
    test.skip(caps.resolutions.includes(odd), `camera offers ${odd}`);
    for (const [what, query] of [
      [`resolution=${odd}`, { resolution: odd }],
      ['compression=101', { compression: '101' }],
    ] as const) {
      await test.step(`image.cgi?${what} is refused with an error, not an image`, async () => {
        const r = await camera.client.get('/image.cgi', query, { expectStatus: 'any' });
        expect(r.contentType, 'no image for a refused request').not.toMatch(/^image\//);
        expect(r.text).toMatch(/error/i);
      });
    }
  });
});
