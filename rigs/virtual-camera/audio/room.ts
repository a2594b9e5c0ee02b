// The room the camera's microphone and speaker share. One timeline of samples at 8 kHz,
// counted from when the room was created, drives everything: the test tone is a pure
// function of the sample index (so every fromserver.cgi client hears the same room, and
// the tone's phase never jumps between chunks), and what toSERVER.cgi plays is placed on
// that timeline as the speaker would emit it, so the microphone hears it while it plays.
import type { VirtualCameraState } from '../state.ts';
import { perCamera } from '../per-camera.ts';

export const SAMPLE_RATE = 8000;
/** The speaker never runs more than this far ahead of the room clock (real-time playback). */
export const SPEAKER_AHEAD_MAX = SAMPLE_RATE; // 1 s
/** Speaker audio older than this is forgotten; only a stalled event loop looks back that far. */
const KEEP_BEHIND = 10 * SAMPLE_RATE;
/** A quiet room is not digital silence: a faint noise floor (RMS re full-scale sine). */
const NOISE_DBFS = -66;
const FULL_SCALE = 32768;

interface Segment {
  start: number; // room sample index of the first sample
  pcm: Float32Array; // 16-bit linear scale, before OutputGain
}

export class Room {
  private readonly epochMs = performance.now();
  private segments: Segment[] = [];
  /** Where the next speaker sample goes: never before now, so late audio is not lost. */
  private speakerEnd = 0;

  constructor(private readonly cam: VirtualCameraState) {}

  /** The room sample being played right now. */
  nowSample(): number {
    return Math.floor(((performance.now() - this.epochMs) * SAMPLE_RATE) / 1000);
  }

  /** performance.now() at which room sample `n` is due. */
  timeOfSample(n: number): number {
    return this.epochMs + (n * 1000) / SAMPLE_RATE;
  }

  /** Queues decoded speaker audio right after what is already queued; returns its end. */
  play(pcm: Float32Array): number {
    const start = Math.max(this.speakerEnd, this.nowSample());
    if (pcm.length) this.segments.push({ start, pcm });
    this.speakerEnd = start + pcm.length;
    this.prune();
    return this.speakerEnd;
  }

  /** How many samples of speaker audio are queued beyond now. */
  speakerAhead(): number {
    return Math.max(0, this.speakerEnd - this.nowSample());
  }

  /** The microphone's samples for room indices [from, from + count), 16-bit linear. */
  hear(from: number, count: number): Float32Array {
    const p = this.cam.params;
    const freq = Number(p.must('Audio.A0.TestToneFrequency'));
    const amp = FULL_SCALE * 10 ** (Number(p.must('Audio.A0.TestToneLevel')) / 20);
    const inGain = 10 ** (Number(p.must('Audio.A0.InputGain')) / 20);
    const outGain = 10 ** (Number(p.must('Audio.A0.OutputGain')) / 20);
    const halfDuplex = p.get('Audio.DuplexMode') === 'half';
    // Uniform noise in [-u, u) has RMS u/sqrt(3); a sine of peak A has RMS A/sqrt(2).
    const noiseAmp = FULL_SCALE * 10 ** (NOISE_DBFS / 20) * Math.sqrt(1.5);
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      const n = from + i;
      // freq is an integer, so (freq * n) mod 8000 is exact: no phase drift after hours.
      const phase = (2 * Math.PI * ((freq * n) % SAMPLE_RATE)) / SAMPLE_RATE;
      out[i] = amp * Math.sin(phase) + noiseAmp * noiseAt(n);
    }
    for (const s of this.segments) {
      const a = Math.max(from, s.start);
      const b = Math.min(from + count, s.start + s.pcm.length);
      for (let n = a; n < b; n++) {
        // Half duplex: the camera mutes its microphone while the speaker talks.
        out[n - from] = halfDuplex ? 0 : out[n - from] + outGain * s.pcm[n - s.start];
      }
    }
    for (let i = 0; i < count; i++) out[i] = Math.max(-32768, Math.min(32767, out[i] * inGain));
    return out;
  }

  /** Power loss or factory default: the speaker stops, its queue is gone. */
  reset(): void {
    this.segments = [];
    this.speakerEnd = 0;
  }

  private prune(): void {
    const oldest = this.nowSample() - KEEP_BEHIND;
    if (this.segments.length && this.segments[0].start + this.segments[0].pcm.length < oldest)
      this.segments = this.segments.filter((s) => s.start + s.pcm.length >= oldest);
  }
}

/** Deterministic noise in [-1, 1) from the sample index, so all clients hear the same room. */
function noiseAt(n: number): number {
  let h = (n ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return h / 2 ** 31 - 1;
}

/** The camera's room, created on first use and emptied when the camera powers down. */
export const roomOf = perCamera((cam) => {
  const r = new Room(cam);
  cam.events.on('shutdown', () => r.reset());
  cam.events.on('factory', () => r.reset());
  return r;
});
