// Spec 7.2-7.4: the microphone's test tone arrives with the right frequency and level,
// without dropouts, over single-part and multipart answers. ~2.4 s are captured; the first
// 0.4 s are left out of the analysis (a physical camera's input AGC settles there).
import { test, expect } from '../../fixtures/index.ts';
import { captureTimedAudio } from '../../lib/camera/audio-stream.ts';
import { mulawToPcm } from '../../lib/media/g711.ts';
import { analyseTone, arrivalGaps } from '../../lib/media/tone.ts';
import { attachAudio, attachJson, nominalTone, requireMulaw } from './support.ts';

const CAPTURE_S = 2.4;
const SETTLE_S = 0.4;
/** Nothing on the wire for this long counts as a dropout (20 ms chunks are normal). */
const MAX_ARRIVAL_GAP_MS = 250;

for (const httptype of ['singlepart', 'multipart'] as const) {
  test(`the test tone arrives intact (${httptype})`, async ({ camera, caps, target, measure }, testInfo) => {
    requireMulaw(caps);
    const nominal = await nominalTone(camera);

    const capture = await test.step(`listen to fromserver.cgi for ${CAPTURE_S} s (${httptype})`, async () => {
      const query = httptype === 'multipart' ? { httptype } : undefined;
      const c = await captureTimedAudio(camera.audio, { bytes: CAPTURE_S * 8000, query });
      await attachAudio(testInfo, `fromserver-${httptype}`, c.data);
      expect(c.endedEarly, `the camera sent ${c.data.length} of ${CAPTURE_S * 8000} bytes, then stopped`).toBe(false);
      if (httptype === 'multipart') {
        expect(c.contentType).toMatch(/^multipart\/x-mixed-replace\s*;\s*boundary=/i);
        expect(c.parts).toBeGreaterThan(1);
      }
      expect(c.audioType).toBe('audio/basic');
      return c;
    });

    await test.step(`analyse: ${nominal.hz} Hz expected (${nominal.source})`, async () => {
      const pcm = mulawToPcm(capture.data).subarray(SETTLE_S * 8000);
      const a = analyseTone(pcm, { sampleRate: 8000 });
      const gaps = arrivalGaps(capture.arrivals, 8000, 1, MAX_ARRIVAL_GAP_MS);
      await attachJson(testInfo, 'tone-analysis.json', { nominal, ...a, arrivalGaps: gaps, arrivals: capture.arrivals.length });
      measure('audio.tone.frequency.error', a.frequency - nominal.hz, { unit: 'Hz' });
      measure('audio.tone.level', a.levelDbfs, { unit: 'dBFS' });
      measure('audio.dropouts', a.dropouts.length + gaps.length, { unit: 'count', note: `${a.dropouts.length} level dropouts, ${gaps.length} arrival gaps > ${MAX_ARRIVAL_GAP_MS} ms` });
      if (target.isVirtual) {
        // The virtual camera synthesises the tone: only mu-law quantisation separates the two.
        expect(Math.abs(a.frequency - nominal.hz)).toBeLessThan(0.05);
        expect(Math.abs(a.levelDbfs - (nominal.dbfs ?? NaN))).toBeLessThan(0.5);
        expect(a.dropouts).toEqual([]);
      }
    });
  });
}
