// The wires between the virtual relay board and the virtual camera: the board on its pty
// (or the mock binding where socat is missing), driven through the numato driver as the
// harness drives it, and the camera seen through its own state.
import { expect, test } from '@playwright/test';
import { openBoard } from '../../../rigs/relay/open.ts';
import type { RelayBoard } from '../../../rigs/relay/protocol.ts';
import { startVirtualCamera, type VirtualCamera } from '../../../rigs/virtual-camera/index.ts';
import { parseAction } from '../../../rigs/virtual-camera/io/action.ts';
import { ioOf } from '../../../rigs/virtual-camera/io/state.ts';
import { defaultWiringFor, wireRelayBoard, type RelayWires } from '../../../rigs/virtual-camera/relay-wiring.ts';
import { lampOf } from '../../../rigs/virtual-camera/video/lamp.ts';
import { startVirtualRelayBoard, type VirtualRelayBoard } from '../../../rigs/virtual-relay/pty-board.ts';

let cam: VirtualCamera;
let vboard: VirtualRelayBoard;
let board: RelayBoard;
let wires: RelayWires;

test.beforeAll(async () => {
  cam = await startVirtualCamera({ rebootMs: 50 });
  vboard = await startVirtualRelayBoard();
  board = await openBoard({ driver: 'numato', path: vboard.path, binding: vboard.binding });
  // A relay already on when the wires go in counts at once.
  await board.channel(0).set(true);
  wires = wireRelayBoard(cam.state, vboard);
});
test.afterAll(async () => {
  await board?.close();
  await cam?.stop();
  wires?.unwire();
  await vboard?.close();
});

test('the default wiring, described', () => {
  expect(wires.describe()).toEqual(['relay 0 -> input 1', 'relay 1 -> lamp', 'output 1 -> sense 0']);
});

test('relay 0 drives camera input 1, from the state it had before wiring on', async () => {
  expect(ioOf(cam.state).isActive(1)).toBe(true);
  await board.channel(0).set(false);
  expect(ioOf(cam.state).isActive(1)).toBe(false);
  await board.channel(0).set(true);
  expect(ioOf(cam.state).isActive(1)).toBe(true);
  await board.channel(0).set(false);
});

test('relay 1 switches the lamp and nothing else', async () => {
  await board.channel(1).set(true);
  expect(lampOf(cam.state).on).toBe(true);
  expect(ioOf(cam.state).isActive(1)).toBe(false);
  await board.channel(1).set(false);
  expect(lampOf(cam.state).on).toBe(false);
});

test('camera output 1 shows on sense input 0, following Output.O0.Active', async () => {
  const sense = board.sense(0)!;
  expect(await sense.read()).toBe(false);
  ioOf(cam.state).run(1, parseAction('1:/').steps, 'test');
  expect(await sense.read()).toBe(true);
  cam.state.changed(cam.state.params.update([['Output.O0.Active', 'open']]));
  expect(await sense.read()).toBe(false);
  cam.state.changed(cam.state.params.update([['Output.O0.Active', 'closed']]));
  ioOf(cam.state).run(1, parseAction('1:\\').steps, 'test');
  expect(await sense.read()).toBe(false);
  expect(await board.sense(1)!.read()).toBe(false);
});

test('a camera reboot leaves the relays and lamp alone and drops the output', async () => {
  await board.channel(0).set(true);
  await board.channel(1).set(true);
  ioOf(cam.state).run(1, parseAction('1:/').steps, 'test');
  const booted = new Promise<void>((r) => cam.state.events.once('boot', r));
  cam.state.reboot('test');
  expect(await board.sense(0)!.read()).toBe(false);
  expect(ioOf(cam.state).isActive(1)).toBe(true);
  expect(lampOf(cam.state).on).toBe(true);
  await booted;
  await board.channel(0).set(false);
  await board.channel(1).set(false);
});

test('wiring the camera lacks, or lines the board lacks, is refused', () => {
  expect(() => wireRelayBoard(cam.state, vboard, { inputs: { 2: 0 }, lamp: null, outputs: {} })).toThrow('relay wiring: IPC-7100 has no input 2 (inputs: 1..1)');
  expect(() => wireRelayBoard(cam.state, vboard, { inputs: {}, lamp: 8, outputs: {} })).toThrow('relay wiring: relay channel 8 is not on the virtual board (0..7)');
  expect(() => wireRelayBoard(cam.state, vboard, { inputs: {}, lamp: null, outputs: { 3: 0 } })).toThrow(/has no output 3/);
  expect(defaultWiringFor(cam.state)).toEqual({ inputs: { 1: 0 }, lamp: 1, outputs: { 1: 0 } });
});

test('unwired, the camera no longer follows the board', async () => {
  const extra = wireRelayBoard(cam.state, vboard, { inputs: {}, lamp: 2, outputs: {} });
  extra.unwire();
  await board.channel(2).set(true);
  expect(lampOf(cam.state).on).toBe(false);
  await board.channel(2).set(false);
});
