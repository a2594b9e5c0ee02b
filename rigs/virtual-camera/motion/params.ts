// Motion.M<n>.*: motion detection windows, added from the `motion` template (spec §4).
import type { ParamDef, TemplateDef } from '../params/types.ts';

const coord = { kind: 'int', min: 0, max: 9999 } as const;
const pct = { kind: 'int', min: 0, max: 100 } as const;

export const MOTION_TEMPLATE: TemplateDef = {
  name: 'motion',
  group: 'Motion',
  prefix: 'M',
  max: 10,
  params: {
    Name: { value: 'DefaultWindow', type: { kind: 'string', maxLength: 32, pattern: /^[\x20-\x7e]*$/ } },
    Top: { value: '0', type: coord },
    Bottom: { value: '9999', type: coord },
    Left: { value: '0', type: coord },
    Right: { value: '9999', type: coord },
    Sensitivity: { value: '90', type: pct },
    Threshold: { value: '10', type: pct },
    History: { value: '90', type: pct },
    ObjectSize: { value: '15', type: pct },
    WindowType: { value: 'include', type: { kind: 'enum', values: ['include', 'exclude'] } },
  },
};

/** The factory configuration has one window covering the whole image. */
export function motionParams(): ParamDef[] {
  return Object.entries(MOTION_TEMPLATE.params).map(([sub, d]) => ({ ...d, name: `Motion.M0.${sub}` }));
}
