// What the PTZ suites do over and over: move the head and wait until it is there (by
// polling query=position with a deadline, never by sleeping a guessed time), and grab
// a grayscale picture of what it sees without the OSD. A head that never comes to rest, or
// rests somewhere other than where it was sent, is a CameraDefect raised here, with the
// last position read — never a test timeout. attachMove puts a move's before and after
// frames and their pixel difference under the step that checks it.
import { test } from '../../fixtures/index.ts';
import type { Observe } from '../../fixtures/observe.ts';
import type { Camera, PtzLimits, PtzPosition } from '../../lib/camera/index.ts';
import { CameraDefect } from '../../lib/errors.ts';
import { crop, toGray, type GrayImage } from '../../lib/media/image.ts';
import { decodeJpeg } from '../../lib/media/jpeg.ts';
import { compareImages, type ImageComparison } from '../../lib/media/shift.ts';
import { skipBecause } from '../../fixtures/skip.ts';
import { progress } from '../../fixtures/progress.ts';
import { withProgress } from '../../lib/camera/progress.ts';

/** The head kept moving past the deadline (or never left where it was). */
export class PtzNeverAtRest extends CameraDefect {
  override name = 'PtzNeverAtRest';
}

/** The head came to rest, but not where it was sent. */
class PtzOffTarget extends CameraDefect {
  override name = 'PtzOffTarget';
}

export interface Pose {
  pan: number;
  tilt: number;
  zoom: number;
}

/** Limits with every field known (a camera that does not say is given the head's whole range). */
export interface KnownLimits {
  minPan: number;
  maxPan: number;
  minTilt: number;
  maxTilt: number;
  minZoom: number;
  maxZoom: number;
}

export function knownLimits(l: PtzLimits): KnownLimits {
  return {
    minPan: l.minPan ?? -180,
    maxPan: l.maxPan ?? 180,
    minTilt: l.minTilt ?? -90,
    maxTilt: l.maxTilt ?? 90,
    minZoom: l.minZoom ?? 1,
    maxZoom: l.maxZoom ?? 9999,
  };
}

export const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Angles compare to a tenth of a degree (the camera rounds), zoom to a couple of steps. */
export function near(a: Pose, b: Pose, degTol = 0.1, zoomTol = 2): boolean {
  return Math.abs(a.pan - b.pan) <= degTol && Math.abs(a.tilt - b.tilt) <= degTol && Math.abs(a.zoom - b.zoom) <= zoomTol;
}

export const describe = (p: Pose) => `pan ${p.pan}, tilt ${p.tilt}, zoom ${p.zoom}`;

const POLL_MS = 50;
/** Without a target, the head is at rest once its position has not changed for this long. */
const REST_MS = 300;
/** Resting this long away from the target means it is not going there (a move starts well within this). */
const SETTLE_MS = 1500;

/**
 * Polls the position until the head rests: at `target` (when given) over two readings in a
 * row, or anywhere over REST_MS. PtzOffTarget when it rests elsewhere for SETTLE_MS,
 * PtzNeverAtRest after timeoutMs. A settle longer than 10 s prints a progress line and marks
 * the report (fixtures/progress.ts); a quick one, the usual case, adds nothing.
 */
export async function waitStill(camera: Camera, target?: Pose, timeoutMs = 15_000): Promise<PtzPosition> {
  const awaiting = `the PTZ head to come to rest${target ? ` at ${describe(target)}` : ''}`;
  return withProgress(awaiting, timeoutMs, progress(), async () => {
    const deadline = Date.now() + timeoutMs;
    let last: PtzPosition | undefined;
    let restingSince: number | undefined;
    for (;;) {
      const now = await camera.ptz.position();
      const still = last !== undefined && near(now, last, 0.02, 0);
      restingSince = still ? (restingSince ?? Date.now() - POLL_MS) : undefined;
      if (still && target && near(now, target)) return now;
      if (!target && restingSince !== undefined && Date.now() - restingSince >= REST_MS) return now;
      if (target && restingSince !== undefined && Date.now() - restingSince >= SETTLE_MS) {
        throw new PtzOffTarget(`PTZ came to rest at ${describe(now)}, not at ${describe(target)} where it was sent`);
      }
      if (Date.now() > deadline) {
        throw new PtzNeverAtRest(`PTZ did not come to rest${target ? ` at ${describe(target)}` : ''} within ${timeoutMs} ms; last at ${describe(now)}`);
      }
      last = now;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  });
}

/** Waits for the head to leave `from` and come to rest (where it goes is not known up front). */
export async function waitStillAwayFrom(camera: Camera, from: Pose, timeoutMs = 15_000): Promise<PtzPosition> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await camera.ptz.position();
    if (!near(now, from)) return waitStill(camera, undefined, Math.max(1000, deadline - Date.now()));
    if (Date.now() > deadline) throw new PtzNeverAtRest(`PTZ did not leave ${describe(from)} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** Absolute move at full speed, then waits until the head is there. */
export async function goTo(camera: Camera, to: Pose): Promise<PtzPosition> {
  await camera.ptz.absolute({ ...to, speed: 100 });
  return waitStill(camera, to);
}

/**
 * A start pose with room to move both ways on both axes, at the widest zoom; skips (with
 * the limits read) when the head's range is too small to measure moves.
 */
export async function startPose(camera: Camera): Promise<Pose> {
  const l = knownLimits(await camera.ptz.limits());
  if (l.maxPan - l.minPan < 60 || l.maxTilt - l.minTilt < 30)
    skipBecause(`PTZ range too small to measure moves: pan ${l.minPan}..${l.maxPan}, tilt ${l.minTilt}..${l.maxTilt}`);
  return { pan: clamp(0, l.minPan + 30, l.maxPan - 30), tilt: clamp(-20, l.minTilt + 15, l.maxTilt - 15), zoom: l.minZoom };
}

/** A pose off the usual ones (not home, not a round angle), inside the limits. */
export async function somewhere(camera: Camera): Promise<Pose> {
  const l = knownLimits(await camera.ptz.limits());
  return { pan: clamp(17.3, l.minPan, l.maxPan), tilt: clamp(-12.6, l.minTilt, l.maxTilt), zoom: Math.round(l.minZoom + (l.maxZoom - l.minZoom) / 10) };
}

/** Somewhere else at the widest zoom: 30° left of and 8° above `from`, inside the limits. */
export async function elsewhere(camera: Camera, from: Pose): Promise<void> {
  const l = knownLimits(await camera.ptz.limits());
  await goTo(camera, { pan: clamp(from.pan - 30, l.minPan, l.maxPan), tilt: clamp(from.tilt + 8, l.minTilt, l.maxTilt), zoom: l.minZoom });
}

/** What look() sees: the gray picture the checks compare, and the camera's own JPEG for the report. */
export interface View extends GrayImage {
  frameHeight: number;
  jpeg: Buffer;
}

/**
 * The picture at this moment, gray, without the OSD: asked for without clock, date and
 * text, and with the top and bottom eighth cut off for cameras that draw it anyway.
 */
export async function look(camera: Camera, resolution?: string): Promise<View> {
  const shot = await camera.video.snapshot({ resolution, clock: false, date: false, text: false });
  const img = toGray(decodeJpeg(shot.jpeg));
  const band = Math.round(img.height / 8);
  return { ...crop(img, 0, band, img.width, img.height - 2 * band), frameHeight: img.height, jpeg: shot.jpeg };
}

/**
 * Attaches a move's pictures to the step running now: the camera's frames before and after
 * (its own JPEGs) and pixelmatch's difference of the two views as compared (OSD bands cut
 * off). Pass `diff` when the check already compared them, so it is not computed twice.
 * `beforeIs` / `afterIs` name the frames where "before" would mislead (a preset return
 * compares with the view when the preset was stored). Names are words: allure-playwright
 * takes names ending in -diff/-actual/-expected.png for screenshot-comparison files and crashes.
 */
export async function attachMove(
  label: string,
  before: View,
  after: View,
  opts: { diff?: ImageComparison; beforeIs?: string; afterIs?: string } = {},
): Promise<void> {
  const diff = opts.diff ?? compareImages(before, after);
  const info = test.info();
  await info.attach(`${label}: ${opts.beforeIs ?? 'before'}.jpg`, { body: before.jpeg, contentType: 'image/jpeg' });
  await info.attach(`${label}: ${opts.afterIs ?? 'after'}.jpg`, { body: after.jpeg, contentType: 'image/jpeg' });
  await info.attach(`${label}: pixel difference.png`, { body: diff.diffPng, contentType: 'image/png' });
}

/** 640x480 where the camera offers it (the profile's timing size), else its default. */
export function testResolution(resolutions: readonly string[]): string | undefined {
  return resolutions.includes('640x480') ? '640x480' : undefined;
}

/**
 * The answer to a PTZ command where the spec shows none (§3): the family answers `OK`.
 * Observed (rule ptz.answer or ptz.configptz.answer), never required.
 */
export function observeAnswer(observe: Observe, rule: 'ptz.answer' | 'ptz.configptz.answer', request: string, text: string): void {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  observe(rule, { expected: 'OK', observed: lines.length ? `${request}: ${lines.join(' | ')}` : `${request}: an empty answer`, holds: lines.length === 1 && lines[0] === 'OK' });
}
