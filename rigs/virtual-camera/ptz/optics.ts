// The virtual camera's lens and head: field of view per zoom step and how fast the head
// turns. The scene renderer and the PTZ motion model both use these, so a pan of N degrees
// moves the rendered image by N / fov × width pixels — what the PTZ suite measures.
// A fixed model has the same lens at zoom 1.

/** Horizontal field of view at zoom 1 (widest), in degrees. */
const WIDE_HFOV_DEG = 60;
/** Optical magnification at zoom 9999 relative to zoom 1. */
const MAX_MAGNIFICATION = 10;
export const ZOOM_MIN = 1;
const ZOOM_MAX = 9999;

/** Pan/tilt rate at speed 100, degrees per second (rate is proportional to speed). */
const PAN_TILT_DEG_PER_S_AT_100 = 120;
/** Zoom rate at speed 100: the whole range 1..9999 in two seconds. */
const ZOOM_STEPS_PER_S_AT_100 = (ZOOM_MAX - ZOOM_MIN) / 2;

/**
 * Magnification grows exponentially with the zoom value, as on real zoom lenses whose
 * position scale is roughly logarithmic: equal `rzoom` steps look like equal zoom steps.
 */
export function magnification(zoom: number): number {
  const z = Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, zoom));
  return MAX_MAGNIFICATION ** ((z - ZOOM_MIN) / (ZOOM_MAX - ZOOM_MIN));
}

/** Horizontal field of view in degrees at a zoom value; vertical = this × height / width. */
export function horizontalFov(zoom: number): number {
  return WIDE_HFOV_DEG / magnification(zoom);
}

export function panTiltRate(speed: number): number {
  return (PAN_TILT_DEG_PER_S_AT_100 * speed) / 100;
}

export function zoomRate(speed: number): number {
  return (ZOOM_STEPS_PER_S_AT_100 * speed) / 100;
}
