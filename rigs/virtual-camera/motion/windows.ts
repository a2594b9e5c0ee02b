// The motion windows as the detector needs them, read from the Motion.M<n>.* parameters
// on every sample, so windows added, updated or removed while a stream runs take effect
// at the next part.
import type { ParamStore } from '../params/store.ts';
import { MOTION_TEMPLATE } from './params.ts';

export interface MotionWindow {
  group: number;
  /** Image coordinates 0..9999, normalised so top <= bottom and left <= right. */
  top: number;
  bottom: number;
  left: number;
  right: number;
  sensitivity: number;
  threshold: number;
  history: number;
  objectSize: number;
  exclude: boolean;
}

/**
 * Every window, lowest group number first (spec §4.5 orders the levels that way). Probes
 * the template's instance numbers instead of listing the store: a list sorts every
 * parameter name, far too slow to do five times a second.
 */
export function motionWindows(params: ParamStore): MotionWindow[] {
  const out: MotionWindow[] = [];
  for (let g = 0; g < MOTION_TEMPLATE.max; g++) if (params.has(`Motion.M${g}.Name`)) out.push(windowOf(params, g));
  return out;
}

function windowOf(params: ParamStore, group: number): MotionWindow {
  const n = (sub: string) => Number(params.get(`Motion.M${group}.${sub}`) ?? '0');
  // Nothing stops an update from crossing Top and Bottom; a camera would still watch the band between.
  const [top, bottom] = [n('Top'), n('Bottom')].sort((a, b) => a - b);
  const [left, right] = [n('Left'), n('Right')].sort((a, b) => a - b);
  return {
    group,
    top,
    bottom,
    left,
    right,
    sensitivity: n('Sensitivity'),
    threshold: n('Threshold'),
    history: n('History'),
    objectSize: n('ObjectSize'),
    exclude: params.get(`Motion.M${group}.WindowType`) === 'exclude',
  };
}
