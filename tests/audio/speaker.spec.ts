// Spec 7.5 (toSERVER.cgi), checked the way a person would: play a tone on the camera's
// speaker and hear it in the camera's microphone. Only where the speaker and the
// microphone share a room (the virtual camera; a lab sets HIL_SPEAKER_HEARS_MIC=1).
// On the virtual camera the test hook /_hil/audio/played (not in the spec) must also
// hold exactly the bytes sent.
import { test, expect } from '../../fixtures/index.ts';
import { captureTimedAudio } from '../../lib/camera/audio-stream.ts';
import { mulawToPcm, pcmToMulaw } from '../../lib/media/g711.ts';
import { median, sineTone, toneLevelAt } from '../../lib/media/tone.ts';
import { attachAudio, attachJson, findNominalTone, requireMulaw } from './support.ts';

const PLAY_S = 2;
const PLAY_DBFS = -6;
const LISTEN_S = 4.5;
const LEAD_MS = 800; // listening starts this long before the speaker plays
const WINDOW = 800; // 100 ms analysis windows

test('audio sent to the speaker is heard by the microphone', async ({ camera, caps, target }, testInfo) => {
  requireMulaw(caps);
  if (!target.speakerHearsMicrophone) {
    const reason = `${target.name}: the lab does not say this camera's speaker and microphone share a room (set HIL_SPEAKER_HEARS_MIC=1 if they do)`;
    console.log(`skip: ${reason}`);
    test.skip(true, reason);
  }
  const nominal = (await findNominalTone(camera)) ?? { hz: 1000 };
  // A probe tone far from the test tone, so the two never mask each other.
  const probeHz = Math.abs(nominal.hz - 440) > 300 ? 440 : 1700;
  const sent = pcmToMulaw(sineTone(probeHz, PLAY_DBFS, PLAY_S * 8000));

  const listening = captureTimedAudio(camera.audio, { bytes: LISTEN_S * 8000 });
  await test.step(`play ${PLAY_S} s of ${probeHz} Hz at ${PLAY_DBFS} dBFS through toSERVER.cgi`, async () => {
    await new Promise((r) => setTimeout(r, LEAD_MS));
    await camera.audio.send(sent, 'audio/basic', { timeoutMs: PLAY_S * 1000 + 10_000 });
  });
  const heard = await test.step('the microphone heard it, for as long as it played', async () => {
    const capture = await listening;
    await attachAudio(testInfo, 'microphone', capture.data);
    expect(capture.endedEarly).toBe(false);
    const pcm = mulawToPcm(capture.data);
    const levels: number[] = [];
    for (let w = 0; w + WINDOW <= pcm.length; w += WINDOW) levels.push(toneLevelAt(pcm.subarray(w, w + WINDOW), 8000, probeHz));
    // Before the speaker played: the room's own level at the probe frequency.
    const before = median(levels.slice(0, Math.floor(LEAD_MS / 100) - 2));
    const loud = levels.filter((l) => l > before + 20);
    const result = { probeHz, beforeDbfs: before, heardMs: loud.length * 100, heardDbfs: loud.length ? median(loud) : undefined, levels };
    await attachJson(testInfo, 'loopback.json', result);
    expect(result.heardMs, `${probeHz} Hz stood 20 dB above the room for ${result.heardMs} ms`).toBeGreaterThanOrEqual(PLAY_S * 1000 - 300);
    expect(result.heardMs).toBeLessThanOrEqual(PLAY_S * 1000 + 300);
    return result;
  });

  if (target.isVirtual) {
    await test.step('the virtual camera played exactly the bytes sent, at the level sent', async () => {
      const rec = await camera.client.get('/_hil/audio/played');
      expect(rec.headers['x-hil-playing']).toBe('no');
      expect(rec.body.equals(sent)).toBe(true);
      // Mu-law in, mu-law out, OutputGain and InputGain 0 dB by default.
      expect(Math.abs((heard.heardDbfs ?? NaN) - PLAY_DBFS)).toBeLessThan(1);
    });
  }
});
