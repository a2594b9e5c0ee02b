// Fallback for machines without socat: the virtual board lives inside this process, behind
// serialport's MockBinding. The harness still runs the numato driver and serialport's
// stream layer; only the OS serial binding is not exercised, and only this process can
// open the port.

import { SerialPortMock } from 'serialport';
import type { OpenOptions as StreamOpenOptions } from '@serialport/stream';

/** A serialport binding, as openBoard({ binding }) takes it. */
export type SerialBinding = StreamOpenOptions['binding'];

const MockBinding = SerialPortMock.binding;

export interface MockBoardLink {
  /** Pass this to openBoard({ binding }) to reach the board at its path. */
  binding: SerialBinding;
  /** Afterwards the path is gone: opening it fails as for an unplugged board. */
  close(): void;
}

/** Creates the mock port `path` whose writes go to `feed` and whose replies come back. */
export function mockBoardLink(path: string, feed: (bytes: Buffer) => Buffer): MockBoardLink {
  MockBinding.createPort(path, { echo: false, record: false });
  let closed = false;
  const binding: SerialBinding = {
    list: () => MockBinding.list(),
    async open(options: Parameters<SerialBinding['open']>[0]) {
      if (closed && options.path === path) throw new Error(`No such file or directory, cannot open ${path}`);
      const port = await MockBinding.open(options);
      if (options.path !== path) return port;
      const write = port.write.bind(port);
      // Answer like the board would: after the bytes have "gone out".
      port.write = async (buffer: Buffer) => {
        await write(buffer);
        const reply = closed ? Buffer.alloc(0) : feed(buffer);
        if (reply.length > 0 && port.isOpen) port.emitData(reply);
      };
      return port;
    },
  };
  return { binding, close: () => { closed = true; } };
}
