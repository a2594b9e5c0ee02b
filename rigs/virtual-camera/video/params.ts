// Image.I<n>.*: the camera's view configurations (I0 is the one the spec's CGIs use).
import type { ModelSpec } from '../models.ts';
import type { ParamDef } from '../params/types.ts';

export function videoParams(m: ModelSpec): ParamDef[] {
  const defaultRes = m.resolutions.includes('640x480') ? '640x480' : m.resolutions[0];
  const view = (i: number): ParamDef[] => [
    { name: `Image.I${i}.Name`, value: `View ${i + 1}`, type: { kind: 'string', maxLength: 32 } },
    { name: `Image.I${i}.Enabled`, value: i === 0 ? 'yes' : 'no', type: { kind: 'bool' } },
    { name: `Image.I${i}.Appearance.Resolution`, value: defaultRes, type: { kind: 'enum', values: m.resolutions } },
    { name: `Image.I${i}.Appearance.Compression`, value: '30', type: { kind: 'int', min: 0, max: 100 } },
    { name: `Image.I${i}.Appearance.Rotation`, value: '0', type: { kind: 'enum', values: ['0', '180'] } },
    { name: `Image.I${i}.Appearance.MirrorEnabled`, value: 'no', type: { kind: 'bool' } },
    { name: `Image.I${i}.Appearance.ColorEnabled`, value: 'yes', type: { kind: 'bool' } },
    { name: `Image.I${i}.Stream.FPS`, value: '30', type: { kind: 'int', min: 1, max: 30 } },
    { name: `Image.I${i}.Stream.Duration`, value: '0', type: { kind: 'int', min: 0, max: 86400 } },
    { name: `Image.I${i}.Stream.NbrOfFrames`, value: '0', type: { kind: 'int', min: 0, max: 1000000 } },
    { name: `Image.I${i}.Text.String`, value: '', type: { kind: 'string', maxLength: 64, pattern: /^[\x20-\x7e]*$/ } },
    { name: `Image.I${i}.Text.TextEnabled`, value: 'no', type: { kind: 'bool' } },
    { name: `Image.I${i}.Text.ClockEnabled`, value: 'yes', type: { kind: 'bool' } },
    { name: `Image.I${i}.Text.DateEnabled`, value: 'yes', type: { kind: 'bool' } },
    { name: `Image.I${i}.Text.Position`, value: 'top', type: { kind: 'enum', values: ['top', 'bottom'] } },
    { name: `Image.I${i}.Text.Color`, value: 'white', type: { kind: 'enum', values: ['white', 'black'] } },
    { name: `Image.I${i}.Text.BGColor`, value: 'black', type: { kind: 'enum', values: ['white', 'black', 'transparent'] } },
  ];
  return [0, 1, 2, 3].flatMap(view);
}
