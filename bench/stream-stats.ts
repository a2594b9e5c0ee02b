// Figures of a set of viewers' frames (reader-pool.ts): fps (fitted, see fittedFps) from
// arrival times and from the camera's capture stamps, interval p99/max over every viewer, and dropped frames (gaps in
// the COM seq). Shared by virtual-camera-fps.ts and fleet-streams.ts.
import { distribution } from '../lib/media/frame-timing.ts';
import type { Frame } from './reader-pool.ts';

export const FPS = 30;
/** The goal: 30.00 fps ± 0.1 %. */
const FPS_TOLERANCE = 0.001;

export interface StreamFigures {
  /** Mean over the viewers of each viewer's fps (arrival times, fittedFps). */
  fps: number;
  /** Lowest and highest viewer fps: a fleet holds the rate only if every camera does. */
  fpsMin: number;
  fpsMax: number;
  /** Mean over the viewers of each viewer's fps by capture stamps: the camera clock alone. */
  captureFps: number;
  /** p99 of the intervals between capture stamps. */
  captureP99: number;
  /** Intervals between arrivals, over every viewer. */
  p99: number;
  max: number;
  dropped: number;
  frames: number;
}

/** Whether a rate is within the goal's 30.00 fps ± 0.1 %. */
export function holdsRate(fps: number): boolean {
  return Math.abs(fps - FPS) <= FPS * FPS_TOLERANCE;
}

export function fpsError(fps: number): string {
  return `${(((fps - FPS) / FPS) * 100).toFixed(3)}%`;
}

/**
 * Frames per second delivered, from the least-squares slope of the times against the frame
 * index: every frame weighs in, so one late first or last frame does not move the rate (with
 * first-to-last, a last frame 5 ms late in an 8 s window is already -0.06 %, most of the
 * ± 0.1 % goal). A dropped frame still counts: it leaves one interval twice as long.
 */
export function fittedFps(times: number[]): number {
  const n = times.length;
  if (n < 2) throw new Error(`fittedFps needs at least 2 times, got ${n}`);
  const meanIndex = (n - 1) / 2;
  const meanTime = times.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  times.forEach((t, i) => {
    num += (i - meanIndex) * (t - meanTime);
    den += (i - meanIndex) ** 2;
  });
  return 1000 / (num / den);
}

export function summarise(what: string, perViewer: Frame[][]): StreamFigures {
  // A viewer's first frame arrives as the stream starts up; time from the second on.
  const usable = perViewer.map((f) => f.slice(1));
  const short = usable.findIndex((f) => f.length < 3);
  if (short >= 0) throw new Error(`${what}: viewer ${short + 1} of ${usable.length} got ${perViewer[short].length} frames, too few to time`);
  const rate = (f: Frame[], key: 'at' | 'capture') => fittedFps(f.map((x) => x[key]));
  const intervals = (key: 'at' | 'capture') => usable.flatMap((f) => f.slice(1).map((x, i) => x[key] - f[i][key]));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const fpsPerViewer = usable.map((f) => rate(f, 'at'));
  const arrival = distribution(intervals('at'))!;
  return {
    fps: mean(fpsPerViewer),
    fpsMin: Math.min(...fpsPerViewer),
    fpsMax: Math.max(...fpsPerViewer),
    captureFps: mean(usable.map((f) => rate(f, 'capture'))),
    captureP99: distribution(intervals('capture'))!.p99,
    p99: arrival.p99,
    max: arrival.max,
    dropped: usable.reduce((n, f) => n + (f[f.length - 1].seq - f[0].seq + 1 - f.length), 0),
    frames: usable.reduce((n, f) => n + f.length, 0),
  };
}
