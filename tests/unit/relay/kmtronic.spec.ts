import { test, expect } from '@playwright/test';
import { openBoard } from '../../../rigs/relay/open.ts';
import { RelayError } from '../../../rigs/relay/errors.ts';
import { scriptedPort, type Reply } from './scripted-port.ts';

const hex = (b: Buffer) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');

/** A KMTronic board with `n` relays: switches on FF r s, answers the status requests. */
function kmtronic(n: number) {
  const relays = new Array<number>(n).fill(0);
  return (w: Buffer): Reply => {
    if (w.length !== 3 || w[0] !== 0xff) return undefined;
    if (n > 2 && w[1] === 0x09 && w[2] === 0x00) return Buffer.from(relays);
    if (n <= 2 && w[2] === 0x03) return Buffer.from([0xff, w[1], relays[w[1] - 1]]);
    if (w[2] <= 1) relays[w[1] - 1] = w[2];
    return undefined;
  };
}

test('8-relay board: FF r 01/00 to switch, FF 09 00 for status (one byte per relay)', async () => {
  const port = scriptedPort(kmtronic(8));
  const board = await openBoard({ driver: 'kmtronic', path: port.path, binding: port.binding, channels: 8 });
  expect(hex(port.written())).toBe('ff 09 00'); // the probe
  await board.channel(0).set(true);
  await board.channel(7).set(true);
  expect(await board.channel(7).get()).toBe(true);
  expect(await board.channel(1).get()).toBe(false);
  await board.channel(7).set(false);
  expect(await board.channel(7).get()).toBe(false);
  expect(hex(port.written())).toBe('ff 09 00 ff 01 01 ff 08 01 ff 09 00 ff 09 00 ff 08 00 ff 09 00');
  expect(board.sense(0)).toBeUndefined();
  await board.close();
});

test('1- and 2-relay boards: FF r 03 answered by FF r state', async () => {
  const port = scriptedPort(kmtronic(2));
  const board = await openBoard({ driver: 'kmtronic', path: port.path, binding: port.binding, channels: 2 });
  await board.channel(1).set(true);
  expect(await board.channel(1).get()).toBe(true);
  expect(await board.channel(0).get()).toBe(false);
  expect(hex(port.written())).toBe('ff 01 03 ff 02 01 ff 02 03 ff 01 03');
  await board.close();
});

test('a board that never answers the status request fails at open, naming port and request', async () => {
  const port = scriptedPort(() => undefined);
  const err = await openBoard({ driver: 'kmtronic', path: port.path, binding: port.binding, timeoutMs: 150 }).catch((e: RelayError) => e);
  expect((err as RelayError).kind).toBe('no-answer');
  expect((err as Error).message).toBe(`kmtronic board: no complete answer on ${port.path} to status request [ff 01 03] within 150 ms`);
  // the failed open released the port
  const again = scriptedPort(kmtronic(1));
  await (await openBoard({ driver: 'kmtronic', path: again.path, binding: again.binding })).close();
});

test('garbage replies are clear errors', async () => {
  const wrongRelay = scriptedPort((w) => (w[2] === 0x03 ? Buffer.from([0xff, 0x02, 0x01]) : undefined));
  await expect(openBoard({ driver: 'kmtronic', path: wrongRelay.path, binding: wrongRelay.binding }))
    .rejects.toThrow(`kmtronic board (1 relays) on ${wrongRelay.path}: reply [ff 02 01] to status request [ff 01 03] is not [ff 01 00|01]`);
  const notBits = scriptedPort((w) => (w[1] === 0x09 ? Buffer.from('OK\r\n') : undefined));
  const err = await openBoard({ driver: 'kmtronic', path: notBits.path, binding: notBits.binding, channels: 4 }).catch((e: RelayError) => e);
  expect((err as RelayError).kind).toBe('bad-reply');
  expect((err as Error).message).toContain('reply "OK\\r\\n" to status request [ff 09 00] is not 4 bytes of 00|01');
  const tooLong = scriptedPort((w) => (w[1] === 0x09 ? Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0]) : undefined));
  await expect(openBoard({ driver: 'kmtronic', path: tooLong.path, binding: tooLong.binding, channels: 8 })).rejects.toThrow(/is not 8 bytes of 00\|01/);
});

test('channel counts are checked', async () => {
  const port = scriptedPort(kmtronic(4));
  const board = await openBoard({ driver: 'kmtronic', path: port.path, binding: port.binding, channels: 4 });
  expect(() => board.channel(4)).toThrow(/has no relay channel 4 \(valid: 0\.\.3\)/);
  await board.close();
  await expect(openBoard({ driver: 'kmtronic', path: port.path, binding: port.binding, channels: 16 })).rejects.toThrow(/channels must be 1, 2, 4 or 8/);
});
