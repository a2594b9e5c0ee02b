// One motion detector per camera, shared by every motion.cgi client: while at least one
// client listens, it renders a small grayscale frame of what the camera sees every
// SAMPLE_MS, computes the level of every window and hands the same result to each client.
// With no listener it stops (and forgets its previous frame, so the first level after a
// pause compares two fresh frames, not one from minutes ago).
import type { VirtualCameraState } from '../state.ts';
import { perCamera } from '../per-camera.ts';
import { renderGray } from '../video/scene.ts';
import { MotionDetector, type MotionLevel } from './levels.ts';
import { motionWindows } from './windows.ts';

/** ~5 level parts per second, as the family's cameras send them. */
const SAMPLE_MS = 200;
/** Width of the analysed frame; its height follows the image's aspect ratio. */
const SAMPLE_WIDTH = 96;

export type LevelListener = (levels: readonly MotionLevel[]) => void;

class MotionSampler {
  private readonly detector = new MotionDetector();
  private readonly listeners = new Set<LevelListener>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly cam: VirtualCameraState) {}

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Starts sampling if needed; returns the unsubscribe function. */
  subscribe(listener: LevelListener): () => void {
    if (!this.timer) {
      this.detector.reset();
      this.tick(false); // the reference frame (may throw: then nothing is registered)
      this.timer = setInterval(() => this.safeTick(), SAMPLE_MS);
      this.timer.unref();
    }
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** Forgets frames and smoothed levels (factory default, reboot). */
  reset(): void {
    this.detector.reset();
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** A timer callback must never throw: that would take the whole camera (process) down. */
  private safeTick(): void {
    try {
      this.tick();
    } catch (e) {
      console.error('virtual camera: motion sample failed:', e);
    }
  }

  /** One sample: render, detect, deliver (not for the reference frame of a start). */
  private tick(deliver = true): void {
    const [w, h] = sampleSize(this.cam.params.get('Image.I0.Appearance.Resolution'));
    const now = performance.now();
    const levels = this.detector.sample(renderGray(this.cam, w, h, now), w, h, motionWindows(this.cam.params), now);
    if (deliver) for (const l of this.listeners) l(levels);
  }
}

/** SAMPLE_WIDTH wide, as high as the image's aspect ratio makes it (4:3 if unknown). */
export function sampleSize(resolution: string | undefined): [number, number] {
  const m = /^(\d+)x(\d+)$/.exec(resolution ?? '');
  const ratio = m ? Number(m[2]) / Number(m[1]) : 3 / 4;
  return [SAMPLE_WIDTH, Math.max(1, Math.round(SAMPLE_WIDTH * ratio))];
}

export const motionOf = perCamera((cam) => {
  const sampler = new MotionSampler(cam);
  cam.events.on('factory', () => sampler.reset());
  cam.events.on('boot', () => sampler.reset());
  return sampler;
});
