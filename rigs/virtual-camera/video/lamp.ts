// The lamp in the camera's view: the rig's motion stimulus (relay channel 1 switches it).
// It is drawn in IMAGE coordinates, so it stays at the same place in every frame whatever
// the PTZ position, resolution or rotation: motion windows can be placed on it.
//
// LAMP_RECT is its bounding rectangle in the 0..9999 coordinates of motion windows
// (0 = left / top edge, 9999 = right / bottom edge): everything the lamp changes lies
// inside it. Off, it is a dark fixture; on, a bright disc inside the same rim.
// The lamp belongs to the rig, not to the camera: reboots and factory defaults leave it.
import type { VirtualCameraState } from '../state.ts';
import { perCamera } from '../per-camera.ts';
import { fillEllipse, type Canvas } from './draw.ts';

export const LAMP_RECT = { left: 1500, top: 6000, right: 2500, bottom: 8000 } as const;

export interface Lamp {
  readonly on: boolean;
  set(on: boolean): void;
}

class LampSwitch implements Lamp {
  on = false;
  set(on: boolean): void {
    this.on = on;
  }
}

export const lampOf: (cam: VirtualCameraState) => Lamp = perCamera(() => new LampSwitch());

/** The lamp's rectangle in pixels of a width x height image: [x0, x1) x [y0, y1). */
export function lampPixels(width: number, height: number): { x0: number; y0: number; x1: number; y1: number } {
  return {
    x0: Math.floor((LAMP_RECT.left * width) / 10000),
    y0: Math.floor((LAMP_RECT.top * height) / 10000),
    x1: Math.ceil(((LAMP_RECT.right + 1) * width) / 10000),
    y1: Math.ceil(((LAMP_RECT.bottom + 1) * height) / 10000),
  };
}

const RIM = [28, 28, 30];
const GLASS_OFF = [70, 68, 60];
const GLASS_ON = [255, 250, 215];

export function drawLamp(c: Canvas, on: boolean): void {
  const r = lampPixels(c.width, c.height);
  const w = r.x1 - r.x0;
  const h = r.y1 - r.y0;
  fillEllipse(c, r.x0, r.y0, w, h, c.channels === 1 ? [luma(RIM)] : RIM);
  const glass = on ? GLASS_ON : GLASS_OFF;
  fillEllipse(c, r.x0 + w * 0.12, r.y0 + h * 0.12, w * 0.76, h * 0.76, c.channels === 1 ? [luma(glass)] : glass);
}

function luma(rgb: readonly number[]): number {
  return (77 * rgb[0] + 150 * rgb[1] + 29 * rgb[2]) >> 8;
}
