// Motion levels from what changes between two consecutive low-resolution grayscale frames.
// Per window:
// - a pixel has changed when its gray value moved by more than 4 + (100 - Sensitivity) × 1.2
//   (Sensitivity 90: 16 of 255), so sensor noise does not count and a sensitive window
//   notices faint changes;
// - the share of changed pixels is compared to ObjectSize (% of the window): a change as
//   large as ObjectSize gives level 100, a smaller one proportionally less (ObjectSize 0
//   counts 1% as full);
// - History (0..100) keeps a level up after the change: it decays with a half-life of
//   History × 10 ms (History 90: 0.9 s), so a lamp switched on shows over several parts;
// - pixels inside `exclude` windows never count for the other windows; an exclude window
//   itself reports level 0.
import type { MotionWindow } from './windows.ts';

export interface MotionLevel {
  group: number;
  level: number;
  threshold: number;
}

/** Pixel rectangle [x0, x1) × [y0, y1) of a window in a width × height frame. */
export function windowRect(w: Pick<MotionWindow, 'top' | 'bottom' | 'left' | 'right'>, width: number, height: number) {
  const x0 = Math.min(width - 1, Math.floor((w.left / 10000) * width));
  const y0 = Math.min(height - 1, Math.floor((w.top / 10000) * height));
  const x1 = Math.max(x0 + 1, Math.min(width, Math.ceil(((w.right + 1) / 10000) * width)));
  const y1 = Math.max(y0 + 1, Math.min(height, Math.ceil(((w.bottom + 1) / 10000) * height)));
  return { x0, y0, x1, y1 };
}

function pixelThreshold(sensitivity: number): number {
  return 4 + (100 - sensitivity) * 1.2;
}

export class MotionDetector {
  private prev?: { frame: Uint8Array; width: number; height: number; at: number };
  private readonly smoothed = new Map<number, number>();

  /** Feeds a frame taken at nowMs; returns the level of every window, in the given order. */
  sample(frame: Uint8Array, width: number, height: number, windows: readonly MotionWindow[], nowMs: number): MotionLevel[] {
    if (frame.length !== width * height) throw new Error(`motion: frame of ${frame.length} bytes is not ${width}x${height}`);
    const prev = this.prev && this.prev.width === width && this.prev.height === height ? this.prev : undefined;
    const dt = prev ? Math.max(0, nowMs - prev.at) : 0;
    this.prev = { frame, width, height, at: nowMs };
    const mask = excludedMask(windows, width, height);
    const out: MotionLevel[] = [];
    for (const w of windows) {
      const instant = prev && !w.exclude ? changeLevel(prev.frame, frame, width, height, w, mask) : 0;
      const before = this.smoothed.get(w.group) ?? 0;
      const decay = w.history > 0 ? 0.5 ** (dt / (w.history * 10)) : 0;
      const level = Math.max(instant, before * decay);
      this.smoothed.set(w.group, level);
      out.push({ group: w.group, level: Math.round(level), threshold: w.threshold });
    }
    for (const g of this.smoothed.keys()) if (!windows.some((w) => w.group === g)) this.smoothed.delete(g);
    return out;
  }

  reset(): void {
    this.prev = undefined;
    this.smoothed.clear();
  }
}

function excludedMask(windows: readonly MotionWindow[], width: number, height: number): Uint8Array | undefined {
  const ex = windows.filter((w) => w.exclude);
  if (ex.length === 0) return undefined;
  const mask = new Uint8Array(width * height);
  for (const w of ex) {
    const r = windowRect(w, width, height);
    for (let y = r.y0; y < r.y1; y++) mask.fill(1, y * width + r.x0, y * width + r.x1);
  }
  return mask;
}

/** 0..100 for one window between two frames (before smoothing). */
function changeLevel(a: Uint8Array, b: Uint8Array, width: number, height: number, w: MotionWindow, mask?: Uint8Array): number {
  const r = windowRect(w, width, height);
  const thr = pixelThreshold(w.sensitivity);
  let counted = 0;
  let changed = 0;
  for (let y = r.y0; y < r.y1; y++) {
    for (let i = y * width + r.x0, end = y * width + r.x1; i < end; i++) {
      if (mask && mask[i]) continue;
      counted++;
      if (Math.abs(a[i] - b[i]) > thr) changed++;
    }
  }
  if (counted === 0) return 0;
  const full = Math.max(0.01, w.objectSize / 100);
  return Math.min(100, (100 * changed) / counted / full);
}
