// House expectations of the audio suites (tests/audio/): see index.ts.
import type { HouseRule } from './types.ts';

export const AUDIO_RULES = {
  'audio.fromserver.default': { chapter: '7.2', expectation: '`fromserver.cgi` without parameters answers single-part (§7.3) `audio/basic` (the spec shows single-part and multipart answers and names no default)' },
  'audio.fromserver.multipart': { chapter: '7.4', expectation: '`fromserver.cgi?httptype=multipart` (VAPIX) answers multipart/x-mixed-replace (§7.4)' },
  'audio.fromserver.format': { chapter: '7.2', expectation: '`fromserver.cgi?format=<an audio type the camera does not advertise>` is refused (required either way: whatever it sends is a type it advertises)' },
  'audio.tone.exact': { chapter: '7.3', expectation: 'the microphone\'s test tone arrives within 0.05 Hz of Audio.A0.TestToneFrequency and 0.5 dB of Audio.A0.TestToneLevel + InputGain, without a level dropout (a synthesised tone: only mu-law quantisation separates the two)' },
  'audio.toserver.unsupported': { chapter: '7.5', expectation: '`toSERVER.cgi` refuses audio in a type it does not play (audio/G726-32 where not advertised, text/plain)' },
  'audio.toserver.octet-stream': { chapter: '7.5', expectation: '`toSERVER.cgi` refuses untyped data (`Content-Type: application/octet-stream`) rather than playing it as its own format' },
  'audio.refusal.form': { chapter: '7', expectation: 'a refused `toSERVER.cgi` upload is answered HTTP 415 with `# Error: Content-Type <type> is ...: send audio/basic`; a refused `fromserver.cgi?format=` HTTP 406 with `# Error: format <type> is not supported: this camera sends audio/basic only (Properties.Audio.Format)`' },
  'audio.toserver.answer': { chapter: '7.5', expectation: '`toSERVER.cgi` answers `OK` once the audio has been played, not before (0.2 s of audio: not within 150 ms)' },
} satisfies Record<string, HouseRule>;
