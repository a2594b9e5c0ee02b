// Spec §7.2-7.4: the microphone's test tone arrives with the right frequency and level,
// without dropouts. fromserver.cgi is asked twice: without parameters (the spec's §7.2
// request) and with httptype=multipart (VAPIX; the spec names no parameter). Either answer
// may be single-part (§7.3) or multipart (§7.4): whichever comes must be as the spec writes
// it; which one comes is observed (audio.fromserver.default / .multipart). ~2.4 s are
// captured; the first 0.4 s are left out of the analysis (a physical camera's input AGC
// settles there).
import { test, expect, spec } from '../../fixtures/index.ts';
import { skipBecause } from '../../fixtures/skip.ts';
import { captureTimedAudio, type TimedAudio } from '../../lib/camera/audio-stream.ts';
import type { Capabilities } from '../../lib/camera/index.ts';
import { mulawToPcm } from '../../lib/media/g711.ts';
import { spectrumSvg } from '../../lib/media/charts.ts';
import { analyseTone, arrivalGaps, spectrumBetween } from '../../lib/media/tone.ts';
import { safeAttachmentName } from '../../lib/signoff/attachment-name.ts';
import { startLagMonitor } from '../../lib/signoff/host-lag.ts';
import { attachAudio, attachJson, nominalTone, requireMulaw } from './support.ts';

const CAPTURE_S = 2.4;
const SETTLE_S = 0.4;
/** Nothing on the wire for this long counts as a dropout (20 ms chunks are normal). */
const MAX_ARRIVAL_GAP_MS = 250;
/** The report's spectrum shows this much either side of the nominal tone. */
const SPECTRUM_HALF_SPAN_HZ = 250;

const REQUESTS = [
  { name: 'no parameters', query: undefined, rule: 'audio.fromserver.default', expected: 'single-part audio/basic' },
  { name: 'httptype=multipart', query: { httptype: 'multipart' }, rule: 'audio.fromserver.multipart', expected: 'multipart/x-mixed-replace, parts audio/basic' },
] as const;

/** §7.3 / §7.4: the answer's form, whichever the camera chose; returns it in words. */
function checkForm(c: TimedAudio, caps: Capabilities): string {
  const offered = caps.audioFormats.map((f) => f.toLowerCase());
  if (c.multipart) {
    expect(c.contentType, '§7.4: Content-Type multipart/x-mixed-replace with a boundary').toMatch(/^multipart\/x-mixed-replace\s*;\s*boundary=\S/i);
    expect(c.parts, '§7.4: audio parts').toBeGreaterThan(0);
  }
  expect(offered, `§7.1/7.3: the audio is sent as a type the camera offers (Properties.Audio.Format), got ${c.audioType}`).toContain(c.audioType);
  return c.multipart ? `multipart/x-mixed-replace, parts ${c.audioType}` : `single-part ${c.audioType}`;
}

for (const request of REQUESTS) {
  test(`the test tone arrives intact (fromserver.cgi, ${request.name})`, spec(request.query ? '7.4' : '7.3', 'fromserver.cgi', { severity: 'critical' }), async ({ camera, caps, measure, observe, settings }, testInfo) => {
    requireMulaw(caps);
    const nominal = await nominalTone(camera, settings.testToneHz);

    const mon = startLagMonitor({ periodMs: MAX_ARRIVAL_GAP_MS });
    const capture = await test.step(`listen to fromserver.cgi for ${CAPTURE_S} s (${request.name})`, async () => {
      const c = await captureTimedAudio(camera.audio, { bytes: CAPTURE_S * 8000, query: request.query });
      await attachAudio(testInfo, `fromserver-${request.name.replace(/\W+/g, '-')}`, c.data);
      const form = checkForm(c, caps);
      observe(request.rule, { expected: request.expected, observed: form });
      expect(c.endedEarly, `the camera sent ${c.data.length} of ${CAPTURE_S * 8000} bytes, then stopped`).toBe(false);
      return c;
    });
    const lag = mon.stop();
    if (capture.audioType !== 'audio/basic') skipBecause(`fromserver.cgi (${request.name}) sent ${capture.audioType}: the tone analysis reads audio/basic (G.711 mu-law) only`);

    await test.step(`analyse: ${nominal.hz} Hz expected (${nominal.source})`, async () => {
      const pcm = mulawToPcm(capture.data).subarray(SETTLE_S * 8000);
      const a = analyseTone(pcm, { sampleRate: 8000 });
      const gaps = arrivalGaps(capture.arrivals, 8000, 1, MAX_ARRIVAL_GAP_MS);
      await attachJson(testInfo, 'tone-analysis.json', { nominal, ...a, arrivalGaps: gaps, arrivals: capture.arrivals.length });
      // Around the nominal tone, inside the band 8 kHz sampling carries (a nominal tone beyond
      // it gets the band's edge; the chart then marks only the frequency measured).
      const centre = Math.min(Math.max(nominal.hz, SPECTRUM_HALF_SPAN_HZ), 4000 - SPECTRUM_HALF_SPAN_HZ);
      const band = spectrumBetween(pcm, 8000, centre - SPECTRUM_HALF_SPAN_HZ, centre + SPECTRUM_HALF_SPAN_HZ);
      const chart = spectrumSvg(band, nominal.hz, { measuredHz: a.frequency });
      await testInfo.attach(safeAttachmentName(`tone spectrum (${request.name}).svg`), { body: chart, contentType: 'image/svg+xml' });
      measure('audio.tone.frequency.error', a.frequency - nominal.hz, { unit: 'Hz' });
      measure('audio.tone.level', a.levelDbfs, { unit: 'dBFS' });
      measure('audio.dropouts', a.dropouts.length + gaps.length, { unit: 'count', note: `${a.dropouts.length} level dropouts, ${gaps.length} arrival gaps > ${MAX_ARRIVAL_GAP_MS} ms`, lag });
      // A camera that names its own test tone (the virtual camera synthesises it) should
      // send exactly that: only mu-law quantisation separates the two.
      if (nominal.source === 'Audio.A0.TestToneFrequency' && nominal.dbfs !== undefined) {
        const df = Math.abs(a.frequency - nominal.hz);
        const dl = Math.abs(a.levelDbfs - nominal.dbfs);
        observe('audio.tone.exact', {
          expected: `${nominal.hz} Hz ± 0.05, ${nominal.dbfs} dBFS ± 0.5, no dropout`,
          observed: `${a.frequency.toFixed(3)} Hz, ${a.levelDbfs.toFixed(2)} dBFS, ${a.dropouts.length} dropout(s)`,
          holds: df < 0.05 && dl < 0.5 && a.dropouts.length === 0,
        });
      }
    });
  });
}
