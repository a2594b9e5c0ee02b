// How the PTZ position maps image pixels onto the panorama. The camera is a linear crop
// of the equirectangular panorama (fine at these fields of view):
//  - the horizontal field of view comes with the view (ptz/optics.ts: 60 degrees at zoom
//    1, narrowing with zoom); vertically the same angle per pixel (square pixels);
//  - a positive pan turns the camera right, so the scene moves LEFT in the image; a
//    positive tilt turns it up, so the scene moves DOWN (VAPIX convention);
//  - pan wraps at +-180; beyond the panorama's tilt range (+35..-115, enough for the
//    factory tilt limits +10..-90) rows wrap too: a seam, but the texture goes on and
//    keeps moving the right way, so shifts stay measurable up to tilt 90.
import { PANORAMA_HEIGHT, PANORAMA_WIDTH, PX_PER_DEG, TILT_TOP } from './panorama.ts';

export interface View {
  /** Degrees, positive = right. */
  pan: number;
  /** Degrees, positive = up. */
  tilt: number;
  /** Horizontal field of view in degrees (from the PTZ chapter's optics). */
  hfov: number;
}

export interface SamplingTables {
  /** For each output column, its panorama column. */
  columns: Int32Array;
  /** For each output row, its panorama row. */
  rows: Int32Array;
}

/**
 * Nearest-neighbour sampling tables for a view at an output size. `mirror` flips
 * left-right, `rotate180` both ways (Image.I0.Appearance.MirrorEnabled / Rotation).
 */
export function samplingTables(view: View, width: number, height: number, mirror = false, rotate180 = false): SamplingTables {
  const degPerPx = view.hfov / width;
  const columns = new Int32Array(width);
  const rows = new Int32Array(height);
  const panCol = (wrap180(view.pan) + 180) * PX_PER_DEG;
  for (let x = 0; x < width; x++) {
    const c = Math.floor(panCol + (x + 0.5 - width / 2) * degPerPx * PX_PER_DEG);
    columns[x] = ((c % PANORAMA_WIDTH) + PANORAMA_WIDTH) % PANORAMA_WIDTH;
  }
  const tiltRow = (TILT_TOP - view.tilt) * PX_PER_DEG;
  for (let y = 0; y < height; y++) {
    const r = Math.floor(tiltRow + (y + 0.5 - height / 2) * degPerPx * PX_PER_DEG);
    rows[y] = ((r % PANORAMA_HEIGHT) + PANORAMA_HEIGHT) % PANORAMA_HEIGHT;
  }
  if (mirror !== rotate180) columns.reverse();
  if (rotate180) rows.reverse();
  return { columns, rows };
}

function wrap180(deg: number): number {
  return ((((deg + 180) % 360) + 360) % 360) - 180;
}
