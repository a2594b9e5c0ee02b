// PTZ.*: limits, speeds and presets of a PTZ model (a fixed model lists none of them).
import type { ModelSpec } from '../models.ts';
import type { ParamDef } from '../params/types.ts';

const deg = (min: number, max: number) => ({ kind: 'int', min, max }) as const;

export function ptzParams(m: ModelSpec): ParamDef[] {
  if (!m.ptz) return [];
  return [
    { name: 'PTZ.Limit.L1.MinPan', value: '-170', type: deg(-180, 0) },
    { name: 'PTZ.Limit.L1.MaxPan', value: '170', type: deg(0, 180) },
    { name: 'PTZ.Limit.L1.MinTilt', value: '-90', type: deg(-90, 0) },
    { name: 'PTZ.Limit.L1.MaxTilt', value: '10', type: deg(0, 90) },
    { name: 'PTZ.Limit.L1.MinZoom', value: '1', type: deg(1, 9999) },
    { name: 'PTZ.Limit.L1.MaxZoom', value: '9999', type: deg(1, 9999) },
    { name: 'PTZ.Limit.L1.MaxSpeed', value: '100', type: deg(1, 100) },
    { name: 'PTZ.UserAdv.U1.MoveSpeed', value: '50', type: deg(1, 100) },
    { name: 'PTZ.Various.V1.Locked', value: 'no', type: { kind: 'bool' } },
    { name: 'PTZ.Various.V1.HomePresetSet', value: 'no', type: { kind: 'bool' } },
    { name: 'PTZ.Various.V1.ReturnToOverview', value: '0', type: deg(0, 3600) },
    { name: 'PTZ.Support.S1.AbsolutePan', value: 'true', type: { kind: 'string' }, readOnly: true },
    { name: 'PTZ.Support.S1.ContinuousPan', value: 'true', type: { kind: 'string' }, readOnly: true },
  ];
}
