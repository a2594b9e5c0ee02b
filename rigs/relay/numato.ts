// Numato Lab USB relay / GPIO modules (USB CDC, ASCII). A command ends with CR; the board
// echoes it, prints the value if the command has one, then its ">" prompt:
//   "relay read 0\r"  ->  "relay read 0\n\ron\n\r>"
//   "relay on 0\r"    ->  "relay on 0\n\r>"
// Relays and GPIOs are numbered 0-9, then A, B, C... Read-back: `relay read`. Sense
// inputs: `gpio read` (1 = high).

import type { RelayBoard, RelayChannel, SenseInput } from './protocol.ts';
import { RelayError, checkIndex } from './errors.ts';
import { pollLevel } from './poll-level.ts';
import { SerialLink, showBytes, type SerialBinding } from './serial-exchange.ts';

export interface NumatoOptions {
  path: string;
  binding?: SerialBinding;
  /** Relays on the board (default 8). */
  channels?: number;
  /** GPIO lines usable as sense inputs (default 8). */
  inputs?: number;
  timeoutMs?: number;
  /** Name in messages (the virtual board calls itself so). */
  label?: string;
}

/** The board's own name for relay or GPIO n: 0-9, then A.. for 10 and up. */
export function numatoId(n: number): string {
  return n < 10 ? String(n) : String.fromCharCode('A'.charCodeAt(0) + n - 10);
}

export class NumatoBoard implements RelayBoard {
  private constructor(private readonly link: SerialLink, private readonly channels: number, private readonly inputs: number) {}

  /** Opens the port and checks that a Numato board answers there (`ver`). */
  static async open(o: NumatoOptions): Promise<NumatoBoard> {
    const channels = o.channels ?? 8;
    const inputs = o.inputs ?? 8;
    if (!Number.isInteger(channels) || channels < 1 || channels > 32) throw new RelayError('usage', `numato: channels must be 1..32, got ${channels}`);
    if (!Number.isInteger(inputs) || inputs < 0 || inputs > 32) throw new RelayError('usage', `numato: inputs must be 0..32, got ${inputs}`);
    const link = await SerialLink.open({ path: o.path, binding: o.binding, baudRate: 19200, timeoutMs: o.timeoutMs, label: o.label ?? 'numato board' });
    const board = new NumatoBoard(link, channels, inputs);
    try {
      // A bare CR ends whatever half-typed line an earlier program left in the board.
      await link.exchange(Buffer.from('\r'), (rx) => rx.includes(0x3e), 'an empty line (CR)');
      const version = await board.command('ver');
      if (!version) throw new RelayError('bad-reply', `${link.label}: ${o.path} answered "ver" without a version: not a Numato board?`);
    } catch (err) {
      await link.close();
      throw err;
    }
    return board;
  }

  channel(n: number): RelayChannel {
    checkIndex('relay channel', n, this.channels, this.describe());
    const id = numatoId(n);
    return {
      set: async (on) => {
        const value = await this.command(`relay ${on ? 'on' : 'off'} ${id}`);
        if (value !== undefined) throw this.bad(`relay ${on ? 'on' : 'off'} ${id}`, `unexpected value ${JSON.stringify(value)}`);
      },
      get: async () => this.parse(`relay read ${id}`, { on: true, off: false }),
    };
  }

  sense(n: number): SenseInput | undefined {
    if (!Number.isInteger(n) || n < 0 || n >= this.inputs) return undefined;
    const cmd = `gpio read ${numatoId(n)}`;
    const read = () => this.parse(cmd, { '1': true, '0': false });
    return { read, waitFor: (level, timeoutMs) => pollLevel(read, level, timeoutMs, `sense input ${n} of ${this.describe()}`) };
  }

  describe(): string {
    return `${this.link.label} (${this.channels} relays) on ${this.link.path}`;
  }

  close(): Promise<void> {
    return this.link.close();
  }

  /** Sends one command; returns the value line, or undefined when the board printed none. */
  private async command(cmd: string): Promise<string | undefined> {
    const rx = await this.link.exchange(Buffer.from(`${cmd}\r`, 'latin1'), (b) => b.includes(0x3e), JSON.stringify(cmd));
    const text = rx.toString('latin1');
    const end = text.indexOf('>');
    const lines = text.slice(0, end).split(/[\r\n]+/).filter((l) => l.length > 0);
    if (lines[0] !== cmd || lines.length > 2 || text.slice(end + 1).trim() !== '') {
      throw this.bad(cmd, `reply ${showBytes(rx)} is not "<echo>[, value], >"`);
    }
    return lines[1];
  }

  private async parse(cmd: string, values: Record<string, boolean>): Promise<boolean> {
    const value = await this.command(cmd);
    if (value === undefined || !Object.hasOwn(values, value)) {
      throw this.bad(cmd, value === undefined ? 'no value in the reply (command not supported by this board?)' : `unexpected value ${JSON.stringify(value)}`);
    }
    return values[value];
  }

  private bad(cmd: string, why: string): RelayError {
    return new RelayError('bad-reply', `${this.link.label} on ${this.link.path}, command ${JSON.stringify(cmd)}: ${why}`);
  }
}
