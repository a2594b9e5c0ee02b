// PTZ.*: limits, speeds and presets of a PTZ model (a fixed model lists none of them).
//
// Presets live in parameters, so backup/restore and factory default treat them like any
// other setting (VAPIX layout):
//   PTZ.Preset.P0.HomePosition        number of the preset that is "home"; 0 = none, then
//                                     home is pan 0, tilt 0, the widest zoom allowed
//   PTZ.Preset.P0.Position.P<n>.Name  n = 1..PRESET_SLOTS; empty = the slot is free
//   PTZ.Preset.P0.Position.P<n>.Data  `pan=<deg>:tilt=<deg>:zoom=<1..9999>` (empty when free)
// The factory configuration has preset 1 "Home" at pan 0, tilt 0, zoom 1, and it is home.
import type { ModelSpec } from '../models.ts';
import type { ParamDef } from '../params/types.ts';

const int = (min: number, max: number) => ({ kind: 'int', min, max }) as const;

export const PRESET_SLOTS = 16;
export const PRESET_NAME_MAX = 31;
/** Printable ASCII without `=` (it would make a `presetposno<n>=<name>` line ambiguous). */
export const PRESET_NAME = /^[\x20-\x3c\x3e-\x7e]*$/;
const NUM = String.raw`-?\d{1,3}(\.\d{1,4})?`;
export const PRESET_DATA = new RegExp(`^(pan=${NUM}:tilt=${NUM}:zoom=\\d{1,4})?$`);

export const presetName = (n: number) => `PTZ.Preset.P0.Position.P${n}.Name`;
export const presetData = (n: number) => `PTZ.Preset.P0.Position.P${n}.Data`;
export const HOME_POSITION = 'PTZ.Preset.P0.HomePosition';

export const LIMIT = {
  minPan: 'PTZ.Limit.L1.MinPan',
  maxPan: 'PTZ.Limit.L1.MaxPan',
  minTilt: 'PTZ.Limit.L1.MinTilt',
  maxTilt: 'PTZ.Limit.L1.MaxTilt',
  minZoom: 'PTZ.Limit.L1.MinZoom',
  maxZoom: 'PTZ.Limit.L1.MaxZoom',
  maxSpeed: 'PTZ.Limit.L1.MaxSpeed',
} as const;
export const MOVE_SPEED = 'PTZ.UserAdv.U1.MoveSpeed';
export const LOCKED = 'PTZ.Various.V1.Locked';

function presetParams(): ParamDef[] {
  const out: ParamDef[] = [{ name: HOME_POSITION, value: '1', type: int(0, PRESET_SLOTS) }];
  for (let n = 1; n <= PRESET_SLOTS; n++) {
    out.push(
      { name: presetName(n), value: n === 1 ? 'Home' : '', type: { kind: 'string', maxLength: PRESET_NAME_MAX, pattern: PRESET_NAME } },
      { name: presetData(n), value: n === 1 ? 'pan=0:tilt=0:zoom=1' : '', type: { kind: 'string', maxLength: 64, pattern: PRESET_DATA } },
    );
  }
  return out;
}

export function ptzParams(m: ModelSpec): ParamDef[] {
  if (!m.ptz) return [];
  return [
    { name: LIMIT.minPan, value: '-170', type: int(-180, 0) },
    { name: LIMIT.maxPan, value: '170', type: int(0, 180) },
    { name: LIMIT.minTilt, value: '-90', type: int(-90, 0) },
    { name: LIMIT.maxTilt, value: '10', type: int(0, 90) },
    { name: LIMIT.minZoom, value: '1', type: int(1, 9999) },
    { name: LIMIT.maxZoom, value: '9999', type: int(1, 9999) },
    { name: LIMIT.maxSpeed, value: '100', type: int(1, 100) },
    { name: MOVE_SPEED, value: '50', type: int(1, 100) },
    { name: LOCKED, value: 'no', type: { kind: 'bool' } },
    { name: 'PTZ.Support.S1.AbsolutePan', value: 'true', type: { kind: 'string' }, readOnly: true },
    { name: 'PTZ.Support.S1.ContinuousPan', value: 'true', type: { kind: 'string' }, readOnly: true },
    ...presetParams(),
  ];
}
