// Storage.S0.*: the micro SD card's settings (spec §8 lists them as disk attributes).
import type { ModelSpec } from '../models.ts';
import type { ParamDef } from '../params/types.ts';

export function storageParams(m: ModelSpec): ParamDef[] {
  if (!m.storage) return [];
  return [
    { name: 'Storage.S0.DiskID', value: 'SD_DISK', type: { kind: 'string' }, readOnly: true },
    { name: 'Storage.S0.CleanupLevel', value: '95', type: { kind: 'int', min: 0, max: 100 } },
    { name: 'Storage.S0.CleanupMaxAge', value: '1', type: { kind: 'int', min: 0, max: 365 } },
    { name: 'Storage.S0.CleanupPolicy', value: 'none', type: { kind: 'enum', values: ['none', 'fifo'] } },
    { name: 'Storage.S0.Locked', value: 'no', type: { kind: 'bool' } },
    { name: 'Storage.S0.AutoMount', value: 'yes', type: { kind: 'bool' } },
  ];
}
