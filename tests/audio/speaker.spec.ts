// Spec 7.5 (toSERVER.cgi), checked the way a person would: play a tone on the camera's
// speaker and hear it in the camera's microphone (fromserver.cgi). Only where the speaker
// and the microphone share a room: the virtual camera, or a lab that says so
// (HIL_SPEAKER_HEARS_MIC=1, or speakerHearsMicrophone in lab.json). The virtual camera's
// test hook /_hil/audio/played (not in the spec) is read by a @virtual-only test of its own.
import type { TestInfo } from '@playwright/test';
import { test, expect, spec, type Target } from '../../fixtures/index.ts';
import { skipBecause } from '../../fixtures/skip.ts';
import { captureTimedAudio } from '../../lib/camera/audio-stream.ts';
import type { Camera } from '../../lib/camera/index.ts';
import { mulawToPcm, pcmToMulaw } from '../../lib/media/g711.ts';
import { median, sineTone, toneLevelAt } from '../../lib/media/tone.ts';
import { attachAudio, attachJson, findNominalTone, requireMulaw } from './support.ts';

const PLAY_DBFS = -6;
const LEAD_MS = 800; // listening starts this long before the speaker plays
const WINDOW = 800; // 100 ms analysis windows

function requireLoopback(target: Target): void {
  if (!target.speakerHearsMicrophone) {
    skipBecause(`${target.name}: the lab does not say this camera's speaker and microphone share a room: set HIL_SPEAKER_HEARS_MIC=1 or speakerHearsMicrophone in lab.json if they do`);
  }
}

interface Heard {
  sent: Buffer;
  probeHz: number;
  beforeDbfs: number;
  heardMs: number;
  heardDbfs?: number;
}

/** Plays `seconds` of a probe tone through toSERVER.cgi while listening to fromserver.cgi (`labToneHz`: settings.testToneHz). */
async function playAndListen(camera: Camera, seconds: number, testInfo: TestInfo, labToneHz: number | undefined): Promise<Heard> {
  const nominal = (await findNominalTone(camera, labToneHz)) ?? { hz: 1000 };
  // A probe tone far from the test tone, so the two never mask each other.
  const probeHz = Math.abs(nominal.hz - 440) > 300 ? 440 : 1700;
  const sent = pcmToMulaw(sineTone(probeHz, PLAY_DBFS, seconds * 8000));
  const listening = captureTimedAudio(camera.audio, { bytes: Math.round((seconds + 2.5) * 8000) });
  await test.step(`play ${seconds} s of ${probeHz} Hz at ${PLAY_DBFS} dBFS through toSERVER.cgi`, async () => {
    await new Promise((r) => setTimeout(r, LEAD_MS));
    await camera.audio.send(sent, 'audio/basic', { timeoutMs: seconds * 1000 + 10_000 });
  });
  const capture = await listening;
  await attachAudio(testInfo, 'microphone', capture.data);
  expect(capture.endedEarly, `fromserver.cgi sent ${capture.data.length} bytes, then stopped`).toBe(false);
  const pcm = mulawToPcm(capture.data);
  const levels: number[] = [];
  for (let w = 0; w + WINDOW <= pcm.length; w += WINDOW) levels.push(toneLevelAt(pcm.subarray(w, w + WINDOW), 8000, probeHz));
  // Before the speaker played: the room's own level at the probe frequency.
  const beforeDbfs = median(levels.slice(0, Math.floor(LEAD_MS / 100) - 2));
  const loud = levels.filter((l) => l > beforeDbfs + 20);
  const heard = { sent, probeHz, beforeDbfs, heardMs: loud.length * 100, heardDbfs: loud.length ? median(loud) : undefined };
  await attachJson(testInfo, 'loopback.json', { ...heard, sent: `${sent.length} bytes`, levels });
  return heard;
}

test('audio sent to the speaker is heard by the microphone', spec('7.5', 'toSERVER.cgi', { severity: 'critical' }), async ({ camera, caps, target, settings }, testInfo) => {
  requireMulaw(caps);
  requireLoopback(target);
  const seconds = 2;
  const heard = await playAndListen(camera, seconds, testInfo, settings.testToneHz);
  await test.step('the microphone heard it, for as long as it played', async () => {
    expect(heard.heardMs, `${heard.probeHz} Hz stood 20 dB above the room for ${heard.heardMs} ms`).toBeGreaterThanOrEqual(seconds * 1000 - 300);
    expect(heard.heardMs).toBeLessThanOrEqual(seconds * 1000 + 300);
  });
});

test('the virtual speaker plays exactly the bytes sent, at the level sent', spec('7.5', 'toSERVER.cgi', { tags: ['@virtual-only'] }), async ({ camera, caps, target, settings }, testInfo) => {
  requireMulaw(caps);
  requireLoopback(target);
  const heard = await playAndListen(camera, 1, testInfo, settings.testToneHz);
  await test.step('/_hil/audio/played holds the bytes sent; the room heard them at the level sent', async () => {
    const rec = await camera.client.get('/_hil/audio/played');
    expect(rec.headers['x-hil-playing']).toBe('no');
    expect(rec.body.equals(heard.sent)).toBe(true);
    // Mu-law in, mu-law out, OutputGain and InputGain 0 dB by default.
    expect(Math.abs((heard.heardDbfs ?? NaN) - PLAY_DBFS)).toBeLessThan(1);
  });
});
