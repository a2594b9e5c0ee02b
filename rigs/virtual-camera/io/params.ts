// Input.*, Output.*, IOPort.*: the digital ports (spec §5). Ports are numbered from 1
// on the wire (`IO1`, `1:/`); parameters index them from 0 as VAPIX does (ports.ts).
// Input.I<n>.Trig: the circuit state that makes the input ACTIVE (closed: relay on).
// Output.O<n>.Active: the contacts' state while the output is active (closed: sense high).
// The IOPort.* Name/Trig/Active entries are twins of these, kept equal (twins.ts).
import type { ModelSpec } from '../models.ts';
import type { ParamDef } from '../params/types.ts';

export function ioParams(m: ModelSpec): ParamDef[] {
  const out: ParamDef[] = [
    { name: 'Input.NbrOfInputs', value: String(m.inputs), type: { kind: 'string' }, readOnly: true },
    { name: 'Output.NbrOfOutputs', value: String(m.outputs), type: { kind: 'string' }, readOnly: true },
  ];
  for (let i = 0; i < m.inputs; i++) {
    out.push(
      { name: `Input.I${i}.Name`, value: `Input ${i + 1}`, type: { kind: 'string', maxLength: 32 } },
      { name: `Input.I${i}.Trig`, value: 'closed', type: { kind: 'enum', values: ['open', 'closed'] } },
      { name: `IOPort.I${i}.Direction`, value: 'input', type: { kind: 'string' }, readOnly: true },
      { name: `IOPort.I${i}.Input.Name`, value: `Input ${i + 1}`, type: { kind: 'string', maxLength: 32 } },
      { name: `IOPort.I${i}.Input.Trig`, value: 'closed', type: { kind: 'enum', values: ['open', 'closed'] } },
    );
  }
  for (let o = 0; o < m.outputs; o++) {
    const port = m.inputs + o;
    out.push(
      { name: `Output.O${o}.Name`, value: `Output ${o + 1}`, type: { kind: 'string', maxLength: 32 } },
      { name: `Output.O${o}.Active`, value: 'closed', type: { kind: 'enum', values: ['open', 'closed'] } },
      { name: `Output.O${o}.Button`, value: 'none', type: { kind: 'enum', values: ['none', 'pulse', 'actinact'] } },
      { name: `Output.O${o}.PulseTime`, value: '500', type: { kind: 'int', min: 1, max: 60000 } },
      { name: `IOPort.I${port}.Direction`, value: 'output', type: { kind: 'string' }, readOnly: true },
      { name: `IOPort.I${port}.Output.Name`, value: `Output ${o + 1}`, type: { kind: 'string', maxLength: 32 } },
      { name: `IOPort.I${port}.Output.Active`, value: 'closed', type: { kind: 'enum', values: ['open', 'closed'] } },
    );
  }
  return out;
}
