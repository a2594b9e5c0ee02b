// Spec §2.3.4-2.3.6: MJPEG streams. The requested frame rate is kept (measured over a
// short window and judged by the sign-off profile), nbrofframes and duration end the
// stream cleanly, every part is a well-formed JPEG of the requested size, and the
// parameterless video.mjpg streams at the camera's defaults.
import { expect, spec, test } from '../../fixtures/index.ts';
import { frameTiming, intervalHistogramSvg } from '../../lib/media/frame-timing.ts';
import { decodeJpeg, inspectJpeg } from '../../lib/media/jpeg.ts';
import { readMjpeg, sizeOf, streamResolution, timedFrames } from './support.ts';

const FPS = 30;
/** ~150 intervals, so p99 is not just the single worst one; short enough to keep the suite quick. */
const WINDOW_MS = 5000;

test.describe('MJPEG streams', () => {
  test.beforeEach(async ({ caps }) => {
    const why = caps.resolutions.length === 0 ? 'camera lists no sizes (Properties.Image.Resolution)' : undefined;
    test.skip(!!why, why);
  });

  test(`the stream keeps ${FPS} fps`, spec('2.3.5', 'video.cgi', { severity: 'critical', tags: ['@timing'] }), async ({ camera, caps, measure }, testInfo) => {
    const res = streamResolution(caps)!;
    await test.step('warm up: one snapshot, so set-up cost is not timed', async () => {
      await camera.video.snapshot({ resolution: res });
    });
    const read = await test.step(`video.cgi?fps=${FPS}&resolution=${res} for ${WINDOW_MS / 1000} s`, () =>
      readMjpeg(camera, { fps: FPS, resolution: res, windowMs: WINDOW_MS + 1000 / FPS, timeoutMs: WINDOW_MS + 15_000 }),
    );
    await test.step(`all ${read.parts.length} frames are well-formed JPEGs`, async () => {
      read.parts.forEach((p, i) => expect(inspectJpeg(p.body).errors, `frame ${i}`).toEqual([]));
    });
    await test.step('frame rate, intervals and drops against the requested rate', async () => {
      // The first part's arrival includes the stream's start-up; time from the second.
      const frames = timedFrames(read.parts).slice(1);
      const t = frameTiming(frames, { nominalIntervalMs: 1000 / FPS, epochOffsetMs: performance.timeOrigin });
      expect(t.fps, `${frames.length} frames in ${WINDOW_MS} ms`).toBeDefined();
      const dropped = t.sequence?.dropped ?? t.gaps.list.reduce((n, g) => n + Math.max(0, Math.round(g.intervalMs * (FPS / 1000)) - 1), 0);
      measure('mjpeg.fps', t.fps!, { unit: 'fps' });
      measure('mjpeg.fps.error', ((t.fps! - FPS) / FPS) * 100, { unit: '%', note: `${frames.length} frames over ${t.durationMs.toFixed(0)} ms at ${res}` });
      measure('mjpeg.interval.p99', t.intervals!.p99, { unit: 'ms' });
      measure('mjpeg.interval.max', t.intervals!.max, { unit: 'ms' });
      measure('mjpeg.dropped', dropped, { unit: 'frames', note: t.sequence ? 'from the frames\' sequence numbers' : 'estimated from gaps between arrivals' });
      const intervals = frames.slice(1).map((f, i) => f.arrivedAt - frames[i].arrivedAt);
      await testInfo.attach('mjpeg intervals.svg', { body: intervalHistogramSvg(intervals, 1000 / FPS), contentType: 'image/svg+xml' });
      await testInfo.attach('mjpeg timing.json', { body: JSON.stringify(t, null, 2), contentType: 'application/json' });
      await testInfo.attach('mjpeg first frame.jpg', { body: read.parts[0].body, contentType: 'image/jpeg' });
      await testInfo.attach('mjpeg last frame.jpg', { body: read.parts[read.parts.length - 1].body, contentType: 'image/jpeg' });
    });
  });

  test('nbrofframes=N delivers N well-formed frames of the requested size, then ends', spec('2.3.5', 'video.cgi'), async ({ camera, caps }) => {
    const res = streamResolution(caps)!;
    const { width, height } = sizeOf(res);
    const N = 20;
    const read = await test.step(`video.cgi?nbrofframes=${N}&fps=10&resolution=${res}`, () => readMjpeg(camera, { nbrofframes: N, fps: 10, resolution: res, timeoutMs: 20_000 }));
    await test.step(`the camera ended the stream after exactly ${N} parts`, async () => {
      expect(read.contentType.replace(/\s/g, '')).toMatch(/^multipart\/x-mixed-replace;boundary=/i);
      expect(read.endedByCamera, 'the camera closed the stream itself').toBe(true);
      expect(read.parts).toHaveLength(N);
    });
    await test.step('every part: image/jpeg, honest Content-Length, well-formed JPEG of the requested size', async () => {
      read.parts.forEach((p, i) => {
        expect(p.headers['content-type'], `part ${i}`).toMatch(/^image\/jpeg/);
        if (p.headers['content-length'] !== undefined) expect(Number(p.headers['content-length']), `part ${i} Content-Length`).toBe(p.body.length);
        const s = inspectJpeg(p.body);
        expect(s.errors, `part ${i} structure`).toEqual([]);
        expect([s.width, s.height], `part ${i} size`).toEqual([width, height]);
      });
    });
    await test.step('sampled frames decode', async () => {
      for (const i of [0, Math.floor(N / 2), N - 1]) expect(decodeJpeg(read.parts[i].body).width).toBe(width);
    });
  });

  test('duration=S ends the stream by itself', spec('2.3.5', 'video.cgi'), async ({ camera, caps, measure }) => {
    const res = streamResolution(caps)!;
    const seconds = 2;
    const fps = 10;
    const read = await test.step(`video.cgi?duration=${seconds}&fps=${fps}`, () => readMjpeg(camera, { duration: seconds, fps, resolution: res, timeoutMs: seconds * 1000 + 15_000 }));
    await test.step('the camera closed the stream, having sent frames at about the rate asked', async () => {
      expect(read.endedByCamera, 'the camera closed the stream itself').toBe(true);
      expect(read.parts.length).toBeGreaterThan(0);
      // At most one frame per period of the window (plus the one at its start).
      expect(read.parts.length).toBeLessThanOrEqual(seconds * fps + 1);
      for (const p of read.parts) expect(inspectJpeg(p.body).errors).toEqual([]);
      measure('mjpeg.duration', (read.closedAt - read.openedAt) / 1000, { unit: 's', note: `duration=${seconds}: request to end of stream, ${read.parts.length} frames` });
    });
  });

  test('video.mjpg streams at the default size', spec('2.3.4', 'video.mjpg'), async ({ camera, caps }) => {
    const def = caps.image.resolution;
    test.skip(!def, 'camera does not list Image.I0.Appearance.Resolution');
    const read = await test.step('video.mjpg, three parts', () => readMjpeg(camera, { path: 'video.mjpg', count: 3, timeoutMs: 15_000 }));
    for (const p of read.parts) {
      const s = inspectJpeg(p.body);
      expect(s.errors).toEqual([]);
      expect(`${s.width}x${s.height}`).toBe(def);
    }
  });

  test('a size the camera does not offer is refused', spec('2.3.5', 'video.cgi'), async ({ camera, caps }) => {
    const odd = '1234x567';
    test.skip(caps.resolutions.includes(odd), `camera offers ${odd}`);
    await test.step(`video.cgi?resolution=${odd} is refused with an error, not a stream`, async () => {
      const r = await camera.client.get('/video.cgi', { resolution: odd, nbrofframes: '1' }, { expectStatus: 'any', timeoutMs: 10_000 });
      expect(r.contentType).not.toMatch(/^multipart\//);
      expect(r.text).toMatch(/error/i);
    });
  });
});
