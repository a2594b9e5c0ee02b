// Spec §2.3.4-2.3.6: MJPEG streams. The requested frame rate is kept (measured over a
// short window and judged by the sign-off profile), nbrofframes and duration end the
// stream cleanly, every part is a well-formed JPEG of the requested size, frames come in the
// order they were taken and each once (measured where the camera stamps its frames with a
// sequence number, as the virtual camera does; judged by the profile), and the
// parameterless video.mjpg streams at the camera's defaults. Required: the multipart framing
// the spec shows (Content-Type multipart/x-mixed-replace with a boundary, `--<boundary>`
// delimiters) and JPEG data in every part. Observed (the spec proposes or only shows them in
// its example): the boundary `myboundary`, each part's Content-Type and Content-Length, and
// what the camera refuses (fps and sizes beyond what it offers).
import { expect, spec, test } from '../../fixtures/index.ts';
import { skipIf } from '../../fixtures/skip.ts';
import { intervalSeriesSvg, type LimitLine } from '../../lib/media/charts.ts';
import { frameTiming, intervalHistogramSvg } from '../../lib/media/frame-timing.ts';
import { startLagMonitor } from '../../lib/signoff/host-lag.ts';
import { decodeJpeg, inspectJpeg } from '../../lib/media/jpeg.ts';
import { describeAnswer, isRefusal, observeRefusalForm } from './answer.ts';
import { askVideo, boundaryOf, measureFrameOrder, readMjpeg, sizeOf, streamResolution, timedFrames } from './support.ts';

const FPS = 30;
/** ~150 intervals, so p99 is not just the single worst one; short enough to keep the suite quick. */
const WINDOW_MS = 5000;

test.describe('MJPEG streams', () => {
  test.beforeAll(async ({ caps }) => {
    skipIf(caps.resolutions.length === 0 ? 'camera lists no sizes (Properties.Image.Resolution)' : undefined);
  });

  test(`the stream keeps ${FPS} fps`, spec('2.3.5', 'video.cgi', { severity: 'critical', tags: ['@timing'] }), async ({ camera, caps, measure }, testInfo) => {
    const res = streamResolution(caps)!;
    await test.step('warm up: one snapshot, so set-up cost is not timed', async () => {
      await camera.video.snapshot({ resolution: res });
    });
    const mon = startLagMonitor({ periodMs: 1000 / FPS });
    const read = await test.step(`video.cgi?fps=${FPS}&resolution=${res} for ${WINDOW_MS / 1000} s`, () =>
      readMjpeg(camera, { fps: FPS, resolution: res, windowMs: WINDOW_MS + 1000 / FPS, timeoutMs: WINDOW_MS + 15_000 }),
    );
    const lag = mon.stop();
    await test.step(`all ${read.parts.length} frames are well-formed JPEGs`, async () => {
      read.parts.forEach((p, i) => expect(inspectJpeg(p.body).errors, `frame ${i}`).toEqual([]));
    });
    await test.step('frame rate, intervals and drops against the requested rate', async () => {
      // The first part's arrival includes the stream's start-up; time from the second.
      const frames = timedFrames(read.parts).slice(1);
      const t = frameTiming(frames, { nominalIntervalMs: 1000 / FPS, epochOffsetMs: performance.timeOrigin });
      expect(t.fps, `${frames.length} frames in ${WINDOW_MS} ms`).toBeDefined();
      const dropped = t.sequence?.dropped ?? t.gaps.list.reduce((n, g) => n + Math.max(0, Math.round(g.intervalMs * (FPS / 1000)) - 1), 0);
      measure('mjpeg.fps', t.fps!, { unit: 'fps', lag });
      measure('mjpeg.fps.error', ((t.fps! - FPS) / FPS) * 100, { unit: '%', note: `${frames.length} frames over ${t.durationMs.toFixed(0)} ms at ${res}`, lag });
      const p99 = measure('mjpeg.interval.p99', t.intervals!.p99, { unit: 'ms', lag });
      const max = measure('mjpeg.interval.max', t.intervals!.max, { unit: 'ms', lag });
      measure('mjpeg.dropped', dropped, { unit: 'frames', note: t.sequence ? 'from the frames\' sequence numbers' : 'estimated from gaps between arrivals', lag });
      const intervals = frames.slice(1).map((f, i) => f.arrivedAt - frames[i].arrivedAt);
      await testInfo.attach('mjpeg intervals.svg', { body: intervalHistogramSvg(intervals, 1000 / FPS), contentType: 'image/svg+xml' });
      // The profile's limits as the record carries them: a profile without one draws no line.
      const lines: LimitLine[] = [
        ...(p99.limits?.max === undefined ? [] : [{ ms: p99.limits.max, label: 'p99 limit' }]),
        ...(p99.limits?.marginalMax === undefined ? [] : [{ ms: p99.limits.marginalMax, label: 'p99 marginal', kind: 'marginal' as const }]),
        ...(max.limits?.max === undefined ? [] : [{ ms: max.limits.max, label: 'max limit' }]),
      ];
      await testInfo.attach('mjpeg intervals over time.svg', { body: intervalSeriesSvg(intervals, 1000 / FPS, lines), contentType: 'image/svg+xml' });
      await testInfo.attach('mjpeg timing.json', { body: JSON.stringify(t, null, 2), contentType: 'application/json' });
      await testInfo.attach('mjpeg first frame.jpg', { body: read.parts[0].body, contentType: 'image/jpeg' });
      await testInfo.attach('mjpeg last frame.jpg', { body: read.parts[read.parts.length - 1].body, contentType: 'image/jpeg' });
    });
    await test.step('frame order: none after a newer one, none twice (where the frames carry sequence stamps)', async () => {
      measureFrameOrder(read.parts, measure, testInfo, `video.cgi?fps=${FPS}&resolution=${res}`);
    });
  });

  test('nbrofframes=N delivers N well-formed frames of the requested size, then ends', spec('2.3.5', 'video.cgi'), async ({ camera, caps, observe, measure }, testInfo) => {
    const res = streamResolution(caps)!;
    const { width, height } = sizeOf(res);
    const N = 20;
    // One part more than asked ends the read at once on a camera that ignores nbrofframes.
    const read = await test.step(`video.cgi?nbrofframes=${N}&fps=10&resolution=${res}`, () => readMjpeg(camera, { nbrofframes: N, fps: 10, resolution: res, count: N + 1, timeoutMs: 20_000 }));
    await test.step(`the camera ended the stream after exactly ${N} parts`, async () => {
      expect(read.contentType.replace(/\s/g, '')).toMatch(/^multipart\/x-mixed-replace;boundary=/i);
      observe('video.mjpeg.boundary', { expected: 'myboundary', observed: boundaryOf(read.contentType) ?? read.contentType });
      expect(read.parts.length, `parts before the stream ended (${read.endedByCamera ? 'the camera ended it' : 'still streaming'})`).toBe(N);
      expect(read.endedByCamera, 'the camera closed the stream itself').toBe(true);
    });
    await test.step('every part: well-formed JPEG of the requested size; its Content-Type and Content-Length', async () => {
      const types = new Set(read.parts.map((p) => p.headers['content-type'] ?? '(none)'));
      observe('video.mjpeg.part-type', { expected: 'image/jpeg', observed: [...types].join(', '), holds: [...types].every((t) => /^image\/jpeg\b/i.test(t)) });
      const unsized = read.parts.filter((p) => p.headers['content-length'] === undefined).length;
      observe('video.mjpeg.part-length', { expected: `Content-Length on ${N} of ${N} parts`, observed: `Content-Length on ${N - unsized} of ${N} parts` });
      read.parts.forEach((p, i) => {
        if (p.headers['content-length'] !== undefined) expect(Number(p.headers['content-length']), `part ${i} Content-Length is the image size`).toBe(p.body.length);
        const s = inspectJpeg(p.body);
        expect(s.errors, `part ${i} structure`).toEqual([]);
        expect([s.width, s.height], `part ${i} size`).toEqual([width, height]);
      });
    });
    await test.step('sampled frames decode', async () => {
      for (const i of [0, Math.floor(N / 2), N - 1]) expect(decodeJpeg(read.parts[i].body).width).toBe(width);
    });
    await test.step('frame order: none after a newer one, none twice (where the frames carry sequence stamps)', async () => {
      measureFrameOrder(read.parts, measure, testInfo, `video.cgi?nbrofframes=${N}&fps=10&resolution=${res}`);
    });
  });

  test('duration=S ends the stream by itself', spec('2.3.5', 'video.cgi'), async ({ camera, caps, measure }) => {
    const res = streamResolution(caps)!;
    const seconds = 1;
    const fps = 10;
    const read = await test.step(`video.cgi?duration=${seconds}&fps=${fps}`, () => readMjpeg(camera, { duration: seconds, fps, resolution: res, timeoutMs: seconds * 1000 + 8000 }));
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
    skipIf(def ? undefined : 'camera does not list Image.I0.Appearance.Resolution');
    const read = await test.step('video.mjpg, three parts', () => readMjpeg(camera, { path: 'video.mjpg', count: 3, timeoutMs: 15_000 }));
    for (const p of read.parts) {
      const s = inspectJpeg(p.body);
      expect(s.errors).toEqual([]);
      expect(`${s.width}x${s.height}`).toBe(def);
    }
  });

  test('a size the camera does not offer, or more than 30 fps: refused, or served as well-formed JPEGs', spec('2.3.5', 'video.cgi'), async ({ camera, caps, observe }) => {
    const odd = '1234x567';
    const res = streamResolution(caps)!;
    for (const [rule, what, query] of [
      ['video.size.offered', `resolution=${odd}`, { resolution: odd, nbrofframes: '1' }],
      ['video.fps.max', 'fps=31', { resolution: res, fps: '31', nbrofframes: '1' }],
    ] as const) {
      if (rule === 'video.size.offered' && caps.resolutions.includes(odd)) continue;
      await test.step(`video.cgi?${what}`, async () => {
        const a = await askVideo(camera, query);
        observe(rule, { expected: 'refused, no stream', observed: describeAnswer(a), holds: isRefusal(a) && !a.jpeg });
        if (isRefusal(a)) observeRefusalForm(observe, 'video.refusal.form', a);
        // A camera that serves it anyway must serve what §2.3.6 shows: JPEG data.
        if (a.jpeg) expect(inspectJpeg(a.jpeg).errors, `the first part of video.cgi?${what}`).toEqual([]);
      });
    }
  });
});
