// House expectations of the io suites (tests/io/): see index.ts.
import type { HouseRule } from './types.ts';

export const IO_RULES = {
  'io.monitor.initial': { chapter: '5.2', expectation: '`input.cgi?monitor=` sends a part with the monitored ports\' current state as soon as it opens (the spec shows the parts, not when the first one comes; a camera may send changes only)' },
  'io.port.numbering': { chapter: '5.1', expectation: '`port.cgi` numbers I/O ports inputs first, then outputs (VAPIX): output 1 is port Input.NbrOfInputs+1' },
  'io.input.trig': { chapter: '5.2', expectation: '`Input.I0.Trig=open` (a VAPIX parameter) makes input 1 active while its circuit is open and inactive while it is closed' },
  'io.output.active': { chapter: '5.3', expectation: '`Output.O0.Active=open` (a VAPIX parameter) opens output 1\'s contacts while it is active and closes them while it is inactive' },
} satisfies Record<string, HouseRule>;
