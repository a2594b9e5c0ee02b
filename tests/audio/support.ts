// What the audio suites share: which tone the camera should send, skips that say why,
// and report attachments a person can listen to.
import type { TestInfo } from '@playwright/test';
import { skipBecause } from '../../fixtures/skip.ts';
import type { Camera, Capabilities } from '../../lib/camera/index.ts';
import { mulawToPcm } from '../../lib/media/g711.ts';
import { safeAttachmentName } from '../../lib/signoff/attachment-name.ts';

export interface NominalTone {
  hz: number;
  /** The level the camera says it sends (virtual camera: TestToneLevel + InputGain). */
  dbfs?: number;
  source: string;
}

/** Skips (with the reason printed) unless the camera offers audio in audio/basic. */
export function requireMulaw(caps: Capabilities): void {
  const missing = caps.require('audio') ?? caps.require('audio:audio/basic');
  if (missing) skipBecause(`${missing}: the audio suite needs fromserver.cgi in audio/basic (G.711 mu-law)`);
}

/**
 * The tone the microphone should hear: the virtual camera names it (Audio.A0.TestTone*);
 * for a physical camera the lab says which tone its sound source plays next to it
 * (`labToneHz`: settings.testToneHz, from HIL_TEST_TONE_HZ). Skips when nobody knows.
 */
export async function nominalTone(camera: Camera, labToneHz: number | undefined): Promise<NominalTone> {
  const found = await findNominalTone(camera, labToneHz);
  if (found) return found;
  return skipBecause('the camera has no Audio.A0.TestToneFrequency and HIL_TEST_TONE_HZ is not set: nobody says which tone the microphone hears (set HIL_TEST_TONE_HZ to the frequency the lab plays beside the camera)');
}

/** The nominal tone, or undefined when neither the camera nor the lab (`labToneHz`) names one. */
export async function findNominalTone(camera: Camera, labToneHz: number | undefined): Promise<NominalTone | undefined> {
  // A camera without these (house) parameters may refuse the name or leave it out: either
  // way it names no tone. Any other failure of the read is the camera's or the lab's.
  const value = async (name: string) => {
    const found = await camera.config.lookup(name);
    return found.status === 'listed' ? found.value : undefined;
  };
  const hz = Number(await value('Audio.A0.TestToneFrequency'));
  if (Number.isFinite(hz) && hz > 0) {
    const level = Number(await value('Audio.A0.TestToneLevel'));
    const gain = Number((await value('Audio.A0.InputGain')) ?? 0);
    return { hz, dbfs: Number.isFinite(level) && Number.isFinite(gain) ? level + gain : undefined, source: 'Audio.A0.TestToneFrequency' };
  }
  if (labToneHz !== undefined) return { hz: labToneHz, source: 'HIL_TEST_TONE_HZ' };
  return undefined;
}

/** A 16-bit PCM WAV of mu-law audio, so the report can play what the camera sent. */
function wavOfMulaw(mulaw: Uint8Array, sampleRate = 8000): Buffer {
  const pcm = mulawToPcm(mulaw);
  const data = Buffer.alloc(pcm.length * 2);
  pcm.forEach((v, i) => data.writeInt16LE(v, 2 * i));
  const h = Buffer.alloc(44);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVEfmt ', 8);
  h.writeUInt32LE(16, 16); // fmt chunk size
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * 2, 28); // byte rate
  h.writeUInt16LE(2, 32); // block align
  h.writeUInt16LE(16, 34); // bits per sample
  h.write('data', 36);
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

export async function attachAudio(testInfo: TestInfo, name: string, mulaw: Uint8Array): Promise<void> {
  await testInfo.attach(safeAttachmentName(`${name}.wav`), { body: wavOfMulaw(mulaw), contentType: 'audio/wav' });
}

export async function attachJson(testInfo: TestInfo, name: string, value: unknown): Promise<void> {
  await testInfo.attach(safeAttachmentName(name), { body: JSON.stringify(value, null, 2), contentType: 'application/json' });
}
