// One door to every board family: the inventory, the CLI and the fixtures say which
// driver and which port, and get a RelayBoard back (or an error that says whether the
// port is missing, busy, or the board does not answer).

import { RELAY_DRIVERS, type RelayBoard, type RelayDriverName } from './protocol.ts';
import { RelayError } from './errors.ts';
import type { SerialBinding } from './serial-exchange.ts';

export type { SerialBinding };
import { NumatoBoard } from './numato.ts';
import { LcusBoard } from './lcus.ts';
import { KmtronicBoard } from './kmtronic.ts';

export interface OpenBoardOptions {
  /** `virtual` is the emulated Numato board of rigs/virtual-relay, reached at `path`. */
  driver: RelayDriverName;
  path: string;
  /** Relays on the board; defaults: numato/virtual 8, lcus 1, kmtronic 1. */
  channels?: number;
  /** Numato GPIO lines used as sense inputs (default 8). */
  inputs?: number;
  /** serialport binding; only tests and the in-process virtual board need one. */
  binding?: SerialBinding;
  /** Per-command reply timeout in ms (default 1000). */
  timeoutMs?: number;
}

export function openBoard(o: OpenBoardOptions): Promise<RelayBoard> {
  if (!RELAY_DRIVERS.includes(o.driver)) {
    return Promise.reject(new RelayError('usage', `unknown relay driver ${JSON.stringify(o.driver)} (known: ${RELAY_DRIVERS.join(', ')})`));
  }
  if (typeof o.path !== 'string' || o.path === '') {
    return Promise.reject(new RelayError('usage', `relay driver ${o.driver} needs the path of its serial port`));
  }
  const common = { path: o.path, binding: o.binding, channels: o.channels, timeoutMs: o.timeoutMs };
  switch (o.driver) {
    case 'numato':
      return NumatoBoard.open({ ...common, inputs: o.inputs });
    case 'virtual':
      return NumatoBoard.open({ ...common, inputs: o.inputs, label: 'virtual relay board' });
    case 'lcus':
      return LcusBoard.open(common);
    case 'kmtronic':
      return KmtronicBoard.open(common);
  }
}
