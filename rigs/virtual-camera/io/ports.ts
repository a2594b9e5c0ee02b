// How the virtual camera numbers its I/O (VAPIX convention):
//   - I/O ports count from 1, inputs first, then outputs, in the order of IOPort.I<k>
//     (port k+1). On a model with 1 input and 1 output, port 1 is input 1, port 2 output 1.
//   - input.cgi (IO<n>) and port.cgi take I/O port numbers; since inputs come first,
//     input n is port n.
//   - output.cgi takes OUTPUT numbers: `output.cgi?action=1:/` drives output 1 (port 2
//     on that model), as VAPIX's output.cgi does.
import { CgiError } from '../http/route.ts';
import type { ModelSpec } from '../models.ts';

export type Port = { kind: 'input'; n: number; port: number } | { kind: 'output'; n: number; port: number };

/** The port with this number, or a CgiError naming the ports the model has. */
export function portOf(m: ModelSpec, port: number): Port {
  if (Number.isInteger(port) && port >= 1 && port <= m.inputs) return { kind: 'input', n: port, port };
  if (Number.isInteger(port) && port > m.inputs && port <= m.inputs + m.outputs) return { kind: 'output', n: port - m.inputs, port };
  throw new CgiError(`there is no I/O port ${port}: ${describePorts(m)}`);
}

/** Output n (from 1) as a port, or a CgiError. */
export function outputPort(m: ModelSpec, n: number): Port {
  if (!Number.isInteger(n) || n < 1 || n > m.outputs)
    throw new CgiError(m.outputs === 0 ? `this camera has no outputs` : `there is no output ${n}: outputs are 1..${m.outputs}`);
  return { kind: 'output', n, port: m.inputs + n };
}

export function allPorts(m: ModelSpec): Port[] {
  const out: Port[] = [];
  for (let p = 1; p <= m.inputs + m.outputs; p++) out.push(portOf(m, p));
  return out;
}

/** e.g. "ports 1 (input 1), 2 (output 1)". */
function describePorts(m: ModelSpec): string {
  const all = allPorts(m);
  if (all.length === 0) return 'the camera has no I/O ports';
  return `ports ${all.map((p) => `${p.port} (${p.kind} ${p.n})`).join(', ')}`;
}
