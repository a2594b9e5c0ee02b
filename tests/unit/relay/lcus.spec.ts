import { test, expect } from '@playwright/test';
import { openBoard } from '../../../rigs/relay/open.ts';
import { lcusFrame } from '../../../rigs/relay/lcus.ts';
import { RelayError } from '../../../rigs/relay/errors.ts';
import { scriptedPort } from './scripted-port.ts';

const hex = (b: Buffer) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');

test('frames are A0 relay state checksum, relays from 1', () => {
  expect(hex(lcusFrame(1, true))).toBe('a0 01 01 a2');
  expect(hex(lcusFrame(1, false))).toBe('a0 01 00 a1');
  expect(hex(lcusFrame(8, true))).toBe('a0 08 01 a9');
  expect(hex(lcusFrame(4, false))).toBe('a0 04 00 a4');
});

test('switching writes exactly the frames; harness channel 0 is board relay 1', async () => {
  const port = scriptedPort(() => undefined); // LCUS boards never answer
  const board = await openBoard({ driver: 'lcus', path: port.path, binding: port.binding, channels: 4 });
  expect(port.written().length).toBe(0); // nothing to probe with
  await board.channel(0).set(true);
  await board.channel(3).set(true);
  await board.channel(0).set(false);
  expect(hex(port.written())).toBe('a0 01 01 a2 a0 04 01 a5 a0 01 00 a1');
  expect(board.describe()).toBe(`lcus board (4 relays) on ${port.path}`);
  await board.close();
});

test('get() is the last commanded state, and refuses to guess before a set', async () => {
  const port = scriptedPort(() => undefined);
  const board = await openBoard({ driver: 'lcus', path: port.path, binding: port.binding, channels: 2 });
  const err = await board.channel(1).get().catch((e: RelayError) => e);
  expect((err as RelayError).kind).toBe('usage');
  expect((err as Error).message).toContain('cannot be read back and channel 1 has not been set');
  await board.channel(1).set(true);
  expect(await board.channel(1).get()).toBe(true);
  await board.channel(1).set(false);
  expect(await board.channel(1).get()).toBe(false);
  expect(port.written().length).toBe(8); // get() sent nothing
  await board.close();
});

test('no sense inputs; channel counts checked', async () => {
  const port = scriptedPort(() => undefined);
  const board = await openBoard({ driver: 'lcus', path: port.path, binding: port.binding });
  expect(board.sense(0)).toBeUndefined();
  expect(() => board.channel(1)).toThrow(/lcus board \(1 relays\) on .* has no relay channel 1 \(valid: 0\.\.0\)/);
  await board.close();
  await expect(openBoard({ driver: 'lcus', path: port.path, binding: port.binding, channels: 3 })).rejects.toThrow(/channels must be 1, 2, 4 or 8, got 3/);
});

test('missing and busy ports say so', async () => {
  const port = scriptedPort(() => undefined);
  await expect(openBoard({ driver: 'lcus', path: '/dev/ttyUSB-NOPE', binding: port.binding })).rejects.toThrow('lcus board: port /dev/ttyUSB-NOPE does not exist');
  const first = await openBoard({ driver: 'lcus', path: port.path, binding: port.binding });
  await expect(openBoard({ driver: 'lcus', path: port.path, binding: port.binding })).rejects.toThrow(`lcus board: port ${port.path} is busy`);
  await first.close();
});
