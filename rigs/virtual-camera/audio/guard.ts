// What both audio CGIs check first: the model has audio, audio is enabled, and the duplex
// mode allows this direction (Audio.DuplexMode: full, half, get = microphone only,
// post = speaker only — the VAPIX meanings).
import { CgiError } from '../http/route.ts';
import type { VirtualCameraState } from '../state.ts';

/** The one format this camera speaks, as Properties.Audio.Format advertises it. */
export const AUDIO_MIME = 'audio/basic';
/** The family's other audio type (§7.1, "Parameter analogs"): known, but not offered. */
export const KNOWN_MIMES = ['audio/basic', 'audio/g726-32'];

export function checkAudio(cam: VirtualCameraState, direction: 'microphone' | 'speaker'): void {
  // 404 like any CGI the model does not have, with the reason in the error line.
  if (!cam.model.audio) throw new CgiError('this camera has no audio', 404);
  if (cam.params.get('Audio.A0.Enabled') !== 'yes') throw new CgiError('audio is disabled (Audio.A0.Enabled=no)', 409);
  const duplex = cam.params.get('Audio.DuplexMode');
  if (direction === 'microphone' && duplex === 'post')
    throw new CgiError('Audio.DuplexMode=post: the camera only receives audio (toSERVER.cgi), it does not send any', 409);
  if (direction === 'speaker' && duplex === 'get')
    throw new CgiError('Audio.DuplexMode=get: the camera only sends audio (fromserver.cgi), it does not play any', 409);
}

/** Formats the camera offers, from Properties.Audio.Format (lower-cased for comparison). */
export function offeredFormats(cam: VirtualCameraState): string[] {
  return (cam.params.get('Properties.Audio.Format') ?? '')
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean);
}
