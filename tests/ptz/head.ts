// What the PTZ suite does over and over: move the head and wait until it is there (by
// polling query=position with a deadline, never by sleeping a guessed time), and grab
// a grayscale picture of what it sees without the OSD.
import type { Camera, PtzLimits, PtzPosition } from '../../lib/camera/index.ts';
import { crop, toGray, type GrayImage } from '../../lib/media/image.ts';
import { decodeJpeg } from '../../lib/media/jpeg.ts';

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

/**
 * Polls the position until it is `target` (when given) and stands still over two readings.
 * Fails with the last position after timeoutMs.
 */
export async function waitStill(camera: Camera, target?: Pose, timeoutMs = 15_000): Promise<PtzPosition> {
  const deadline = Date.now() + timeoutMs;
  let last: PtzPosition | undefined;
  for (;;) {
    const now = await camera.ptz.position();
    if (last && near(now, last, 0.02, 0) && (!target || near(now, target))) return now;
    if (Date.now() > deadline)
      throw new Error(`PTZ did not come to rest${target ? ` at ${describe(target)}` : ''} within ${timeoutMs} ms; last at ${describe(now)}`);
    last = now;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Absolute move at full speed, then waits until the head is there. */
export async function goTo(camera: Camera, to: Pose): Promise<PtzPosition> {
  await camera.ptz.absolute({ ...to, speed: 100 });
  return waitStill(camera, to);
}

/**
 * The picture at this moment, gray, without the OSD: asked for without clock, date and
 * text, and with the top and bottom eighth cut off for cameras that draw it anyway.
 */
export async function look(camera: Camera, resolution?: string): Promise<GrayImage & { frameHeight: number }> {
  const shot = await camera.video.snapshot({ resolution, clock: false, date: false, text: false });
  const img = toGray(decodeJpeg(shot.jpeg));
  const band = Math.round(img.height / 8);
  return { ...crop(img, 0, band, img.width, img.height - 2 * band), frameHeight: img.height };
}

/** 640x480 where the camera offers it (the profile's timing size), else its default. */
export function testResolution(resolutions: readonly string[]): string | undefined {
  return resolutions.includes('640x480') ? '640x480' : undefined;
}
