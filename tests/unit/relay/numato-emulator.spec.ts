import { test, expect } from '@playwright/test';
import { NumatoEmulator } from '../../../rigs/virtual-relay/numato-emulator.ts';

const talk = (e: NumatoEmulator, s: string) => e.feed(Buffer.from(s, 'latin1')).toString('latin1');

test('answers like the real board: echo, value, \\n\\r> prompt', () => {
  const e = new NumatoEmulator();
  expect(talk(e, 'ver\r')).toBe('ver\n\r00000008\n\r>');
  expect(talk(e, 'relay read 0\r')).toBe('relay read 0\n\roff\n\r>');
  expect(talk(e, 'relay on 0\r')).toBe('relay on 0\n\r>');
  expect(talk(e, 'relay read 0\r')).toBe('relay read 0\n\ron\n\r>');
  expect(talk(e, 'gpio read 7\r')).toBe('gpio read 7\n\r0\n\r>');
  expect(talk(e, 'id get\r')).toBe('id get\n\r00000000\n\r>');
  expect(talk(e, '\r')).toBe('\n\r>');
});

test('echoes each character as it arrives; a command split over writes still works', () => {
  const e = new NumatoEmulator();
  expect(talk(e, 'rel')).toBe('rel');
  expect(talk(e, 'ay on 5')).toBe('ay on 5');
  expect(talk(e, '\r')).toBe('\n\r>');
  expect(e.relay(5)).toBe(true);
  expect(talk(e, 'relay off 5\r\n')).toBe('relay off 5\n\r>'); // the LF of CR LF is ignored
  expect(e.relay(5)).toBe(false);
});

test('unknown commands and numbers it does not have: echo and prompt only, no change', () => {
  const changes: Array<[number, boolean]> = [];
  const e = new NumatoEmulator((n, on) => changes.push([n, on]));
  for (const cmd of ['blink 0', 'relay on 8', 'relay on A', 'relay on a', 'relay toggle 1', 'gpio read 8', 'relay on 1 2']) {
    expect(talk(e, `${cmd}\r`)).toBe(`${cmd}\n\r>`);
  }
  expect(changes).toEqual([]);
});

test('tells of relay changes only; gpio levels come from outside', () => {
  const changes: Array<[number, boolean]> = [];
  const e = new NumatoEmulator((n, on) => changes.push([n, on]));
  talk(e, 'relay on 2\rrelay on 2\rrelay off 2\rrelay on 7\r');
  expect(changes).toEqual([[2, true], [2, false], [7, true]]);
  expect(talk(e, 'relay readall\r')).toBe('relay readall\n\r80\n\r>');
  e.setGpio(3, true);
  expect(talk(e, 'gpio read 3\r')).toBe('gpio read 3\n\r1\n\r>');
  talk(e, 'relay reset\r');
  expect(changes.at(-1)).toEqual([7, false]);
  expect(() => e.setGpio(8, true)).toThrow(/no GPIO 8/);
  expect(() => e.relay(-1)).toThrow(/no relay -1/);
});

test('an endless line does not grow without bound', () => {
  const e = new NumatoEmulator();
  talk(e, 'x'.repeat(10_000));
  expect(talk(e, '\r')).toBe('\n\r>');
  expect(talk(e, 'ver\r')).toBe('ver\n\r00000008\n\r>');
});
