// Test helper: a serialport MockBinding port that answers each write through a script, and
// records every byte written so tests can compare them byte for byte.

import { SerialPortMock } from 'serialport';
import type { SerialBinding } from '../../../rigs/relay/open.ts';

// serialport's MockBinding (@serialport/binding-mock), reached through serialport: that
// package's own export map carries no types under NodeNext resolution.
export const MockBinding = SerialPortMock.binding;
type MockPortBinding = Awaited<ReturnType<typeof MockBinding.open>>;

/** What the fake board sends back for one write: nothing, bytes, or several chunks. */
export type Reply = undefined | string | Buffer | Array<string | Buffer>;

let seq = 0;

export function scriptedPort(reply: (written: Buffer) => Reply) {
  const path = `/dev/ttyMOCK${++seq}`;
  MockBinding.createPort(path, { echo: false, record: true });
  let port: MockPortBinding | undefined;
  const binding: SerialBinding = {
    list: () => MockBinding.list(),
    async open(options: Parameters<SerialBinding['open']>[0]) {
      const p = await MockBinding.open(options);
      port = p;
      const write = p.write.bind(p);
      p.write = async (buffer: Buffer) => {
        await write(buffer);
        const r = reply(Buffer.from(buffer));
        const chunks = r === undefined ? [] : Array.isArray(r) ? r : [r];
        // Several chunks arrive apart, as bytes from a slow board do.
        chunks.forEach((c, i) => setTimeout(() => p.isOpen && p.emitData(c), 5 * i));
      };
      return p;
    },
  };
  return {
    path,
    binding,
    /** Every byte written since the port was opened. */
    written: (): Buffer => port?.recording ?? Buffer.alloc(0),
  };
}

/** A well-behaved Numato: echo, value, "\n\r>" prompt. `values` maps a command to its value. */
export function numatoReplies(values: Record<string, string> = {}) {
  return (w: Buffer): Reply => {
    const cmd = w.toString('latin1').replace(/\r$/, '');
    const value = Object.hasOwn(values, cmd) ? `${values[cmd]}\n\r` : '';
    return `${cmd}\n\r${value}>`;
  };
}
