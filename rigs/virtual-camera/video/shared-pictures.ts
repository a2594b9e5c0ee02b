// Cameras that show the same picture encode it once. Several virtual cameras in one process
// (the emulator's --count fleet, a suite's extra camera) usually look at the same scene:
// same PTZ home position, same size, same OSD line. A picture (scene.ts) is plain data that
// decides every pixel, so equal pictures at equal compression make byte-equal JPEGs; a
// stream tick or snapshot whose picture was encoded moments ago, by any camera, takes that
// JPEG instead of rendering and encoding again (a still scene thus costs one encode per OSD
// second, not one per frame per camera).
//
// Only the pure result is shared, never state: each camera keeps its own stream hub, frame
// clock, seq and capture stamps (added to a copy after this), faults and parameters, and a
// picture that differs in anything (view, lamp, mirror, colour, overlay text) is another key.
// The JPEG buffers handed out are shared: callers copy them (Buffer.concat) and never write
// into them.
import { encodeJpeg } from './encoder.ts';
import { drawPicture, type Picture, type RawFrame } from './scene.ts';

/** Recently encoded pictures kept; a moving PTZ head makes a new key every frame, so few are reused. */
const KEPT_PICTURES = 32;

const encoded = new Map<string, Promise<Buffer>>();
const counts = { encoded: 0, shared: 0 };

/** How many pictures were encoded, and how many times one was handed out again instead. */
export function sharedPictureCounts(): Readonly<typeof counts> {
  return { ...counts };
}

/**
 * The JPEG of `picture` at `compression` (Image.I0.Appearance.Compression scale): the one
 * already encoded or being encoded for an equal picture, else drawn (into `reuse` when it
 * fits, see drawPicture) and encoded now. `drawn` is told of the frame when one is drawn.
 */
export function encodedPicture(picture: Picture, compression: number, reuse?: Buffer, drawn?: (frame: RawFrame) => void): Promise<Buffer> {
  const key = JSON.stringify([compression, picture]);
  const known = encoded.get(key);
  if (known) {
    counts.shared++;
    // Most recently used last: the Map's order is the eviction order.
    encoded.delete(key);
    encoded.set(key, known);
    return known;
  }
  let pending: Promise<Buffer>;
  try {
    const frame = drawPicture(picture, reuse);
    drawn?.(frame);
    pending = encodeJpeg(frame, compression);
  } catch (e) {
    return Promise.reject(e);
  }
  counts.encoded++;
  encoded.set(key, pending);
  // A failed encode is not remembered: the next tick tries again.
  pending.catch(() => {
    if (encoded.get(key) === pending) encoded.delete(key);
  });
  while (encoded.size > KEPT_PICTURES) encoded.delete(encoded.keys().next().value!);
  return pending;
}
