// LCUS-1/2/4/8 relay boards (CH340 USB serial, 9600 8N1). Four bytes per command:
//   A0 <relay, from 1> <01 on | 00 off> <checksum = (A0 + relay + state) & FF>
// The board never answers and cannot be read back, so:
//  - opening can only catch a missing or busy port, not a dead board;
//  - get() returns the state last commanded through this object, and refuses to guess
//    for a relay not set since the board was opened.
// Harness channel n is the relay labelled n + 1 on the board.

import type { RelayBoard, RelayChannel, SenseInput } from './protocol.ts';
import { RelayError, checkIndex } from './errors.ts';
import { SerialLink, type SerialBinding } from './serial-exchange.ts';

export interface LcusOptions {
  path: string;
  binding?: SerialBinding;
  /** 1, 2, 4 or 8 (default 1: the LCUS-1). */
  channels?: number;
  timeoutMs?: number;
}

/** The 4-byte frame that switches board relay `relay` (1-based). */
export function lcusFrame(relay: number, on: boolean): Buffer {
  const state = on ? 0x01 : 0x00;
  return Buffer.from([0xa0, relay, state, (0xa0 + relay + state) & 0xff]);
}

export class LcusBoard implements RelayBoard {
  private readonly commanded = new Map<number, boolean>();

  private constructor(private readonly link: SerialLink, private readonly channels: number) {}

  static async open(o: LcusOptions): Promise<LcusBoard> {
    const channels = o.channels ?? 1;
    if (![1, 2, 4, 8].includes(channels)) throw new RelayError('usage', `lcus: channels must be 1, 2, 4 or 8, got ${channels}`);
    const link = await SerialLink.open({ path: o.path, binding: o.binding, baudRate: 9600, timeoutMs: o.timeoutMs, label: 'lcus board' });
    return new LcusBoard(link, channels);
  }

  channel(n: number): RelayChannel {
    checkIndex('relay channel', n, this.channels, this.describe());
    return {
      set: async (on) => {
        await this.link.send(lcusFrame(n + 1, on), `relay ${n + 1} ${on ? 'on' : 'off'}`);
        this.commanded.set(n, on);
      },
      get: async () => {
        const on = this.commanded.get(n);
        if (on === undefined) {
          throw new RelayError('usage', `${this.describe()}: LCUS boards cannot be read back and channel ${n} has not been set since the board was opened`);
        }
        return on;
      },
    };
  }

  sense(): SenseInput | undefined {
    return undefined; // LCUS boards have no inputs
  }

  describe(): string {
    return `lcus board (${this.channels} relays) on ${this.link.path}`;
  }

  close(): Promise<void> {
    return this.link.close();
  }
}
