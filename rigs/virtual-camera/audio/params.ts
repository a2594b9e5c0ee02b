// Audio.*: microphone and speaker of an audio model.
import type { ModelSpec } from '../models.ts';
import type { ParamDef } from '../params/types.ts';

export function audioParams(m: ModelSpec): ParamDef[] {
  if (!m.audio) return [];
  return [
    { name: 'Audio.DuplexMode', value: 'full', type: { kind: 'enum', values: ['full', 'half', 'post', 'get'] } },
    { name: 'Audio.A0.Enabled', value: 'yes', type: { kind: 'bool' } },
    { name: 'Audio.A0.InputGain', value: '0', type: { kind: 'int', min: -30, max: 30 } },
    { name: 'Audio.A0.OutputGain', value: '0', type: { kind: 'int', min: -30, max: 30 } },
    // The virtual room's test tone: what the microphone hears when the speaker is silent.
    { name: 'Audio.A0.TestToneFrequency', value: '1000', type: { kind: 'int', min: 100, max: 3500 } },
    { name: 'Audio.A0.TestToneLevel', value: '-12', type: { kind: 'int', min: -60, max: 0 } },
  ];
}
