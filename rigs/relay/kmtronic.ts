// KMTronic USB relay boards (FT232, 9600 8N1). Three bytes per command:
//   FF <relay, from 1> <01 on | 00 off>          switch (not answered)
//   FF 09 00   status of 4- and 8-relay boards:  one byte per relay, 01 on / 00 off
//   FF <r> 03  status of 1- and 2-relay boards:  FF <r> <01 | 00>
// (KMTronic's "USB Relay Test software" page, info.kmtronic.com.) No sense inputs.
// Harness channel n is the relay labelled n + 1 on the board.

import type { RelayBoard, RelayChannel, SenseInput } from './protocol.ts';
import { RelayError, checkIndex } from './errors.ts';
import { SerialLink, showBytes, type SerialBinding } from './serial-exchange.ts';

export interface KmtronicOptions {
  path: string;
  binding?: SerialBinding;
  /** 1, 2, 4 or 8 (default 1: the "USB One Relay"). */
  channels?: number;
  timeoutMs?: number;
}

export class KmtronicBoard implements RelayBoard {
  private constructor(private readonly link: SerialLink, private readonly channels: number) {}

  /** Opens the port and asks for the status, so a silent or foreign board fails here. */
  static async open(o: KmtronicOptions): Promise<KmtronicBoard> {
    const channels = o.channels ?? 1;
    if (![1, 2, 4, 8].includes(channels)) throw new RelayError('usage', `kmtronic: channels must be 1, 2, 4 or 8, got ${channels}`);
    const link = await SerialLink.open({ path: o.path, binding: o.binding, baudRate: 9600, timeoutMs: o.timeoutMs, label: 'kmtronic board' });
    const board = new KmtronicBoard(link, channels);
    try {
      await board.status(0);
    } catch (err) {
      await link.close();
      throw err;
    }
    return board;
  }

  channel(n: number): RelayChannel {
    checkIndex('relay channel', n, this.channels, this.describe());
    return {
      set: (on) => this.link.send(Buffer.from([0xff, n + 1, on ? 0x01 : 0x00]), `relay ${n + 1} ${on ? 'on' : 'off'}`),
      get: () => this.status(n),
    };
  }

  sense(): SenseInput | undefined {
    return undefined; // KMTronic USB relay boards have no inputs
  }

  describe(): string {
    return `kmtronic board (${this.channels} relays) on ${this.link.path}`;
  }

  close(): Promise<void> {
    return this.link.close();
  }

  private async status(n: number): Promise<boolean> {
    const small = this.channels <= 2;
    const request = small ? Buffer.from([0xff, n + 1, 0x03]) : Buffer.from([0xff, 0x09, 0x00]);
    const length = small ? 3 : this.channels;
    const what = `status request [${[...request].map((b) => b.toString(16).padStart(2, '0')).join(' ')}]`;
    const rx = await this.link.exchange(request, (b) => b.length >= length, what);
    const state = small ? rx.subarray(2, 3) : rx.subarray(0, length);
    const framed = !small || (rx[0] === 0xff && rx[1] === n + 1);
    if (rx.length !== length || !framed || !state.every((b) => b === 0 || b === 1)) {
      throw new RelayError('bad-reply', `${this.describe()}: reply ${showBytes(rx)} to ${what} is not ${small ? `[ff ${(n + 1).toString(16).padStart(2, '0')} 00|01]` : `${length} bytes of 00|01`}`);
    }
    return state[small ? 0 : n] === 1;
  }
}
