// The wires between a virtual relay board and a virtual camera, as a lab would solder them
// (docs/virtual-camera.md "Default wiring of a rig", rigs/wiring.ts):
//   relay channel wiring.inputs[n] on  -> camera input n's circuit closed
//   relay channel wiring.lamp         -> the lamp in the camera's view
//   camera output n's contacts closed -> board GPIO wiring.outputs[n] high (sense line)
// The board is the rig's, not the camera's: a camera reboot leaves relays and lamp as
// they are. startVirtualCamera() starts no board; the emulator CLI (--relay-pty: one board
// per camera, fleet.ts) and the rig fixture start one and wire it here, and close the board
// after the camera stops.
import { defaultWiring, type Wiring } from '../wiring.ts';
import type { VirtualRelayBoard } from '../virtual-relay/pty-board.ts';
import { ioOf } from './io/state.ts';
import type { VirtualCameraState } from './state.ts';
import { lampOf } from './video/lamp.ts';

/** The emulated Numato module has 8 relays and 8 GPIO lines. */
const BOARD_LINES = 8;

export interface RelayWires {
  /** One line per wire, e.g. "relay 0 -> input 1". */
  describe(): string[];
  /** Cuts the wires (listeners removed); the camera and board keep their last state. */
  unwire(): void;
}

/** the default wiring (docs/virtual-camera.md) without the wires to ports this camera's model lacks. */
export function defaultWiringFor(cam: VirtualCameraState): Wiring {
  return defaultWiring({ senseLines: true, cameraInputs: cam.model.inputs, cameraOutputs: cam.model.outputs });
}

/** Wires `board` to `cam`; throws for a wiring the camera or board cannot have. */
export function wireRelayBoard(cam: VirtualCameraState, board: VirtualRelayBoard, wiring: Readonly<Wiring> = defaultWiringFor(cam)): RelayWires {
  const inputs = Object.entries(wiring.inputs).map(([n, ch]) => [Number(n), ch] as const);
  const outputs = Object.entries(wiring.outputs).map(([n, gpio]) => [Number(n), gpio] as const);
  checkWiring(cam, inputs, wiring.lamp, outputs);
  const io = ioOf(cam);
  const lamp = lampOf(cam);

  const onRelay = (channel: number, on: boolean) => {
    for (const [input, ch] of inputs) if (ch === channel) io.setInput(input, on);
    if (wiring.lamp === channel) lamp.set(on);
  };
  const onContact = (output: number, closed: boolean) => {
    for (const [n, gpio] of outputs) if (n === output) board.setGpio(gpio, closed);
  };
  // Whatever the board and camera hold already counts from the first moment.
  for (const [input, ch] of inputs) io.setInput(input, board.relayState(ch));
  if (wiring.lamp !== null) lamp.set(board.relayState(wiring.lamp));
  for (const [n, gpio] of outputs) board.setGpio(gpio, io.contactClosed(n));
  board.on('relay', onRelay);
  io.events.on('contact', onContact);

  return {
    describe: () => [
      ...inputs.map(([n, ch]) => `relay ${ch} -> input ${n}`),
      ...(wiring.lamp === null ? [] : [`relay ${wiring.lamp} -> lamp`]),
      ...outputs.map(([n, gpio]) => `output ${n} -> sense ${gpio}`),
    ],
    unwire: () => {
      board.off('relay', onRelay);
      io.events.off('contact', onContact);
    },
  };
}

function checkWiring(cam: VirtualCameraState, inputs: readonly (readonly [number, number])[], lampChannel: number | null, outputs: readonly (readonly [number, number])[]): void {
  const { prodNbr, inputs: nIn, outputs: nOut } = cam.model;
  const line = (what: string, v: number) => {
    if (!Number.isInteger(v) || v < 0 || v >= BOARD_LINES) throw new Error(`relay wiring: ${what} ${v} is not on the virtual board (0..${BOARD_LINES - 1})`);
  };
  for (const [n, ch] of inputs) {
    if (!Number.isInteger(n) || n < 1 || n > nIn) throw new Error(`relay wiring: ${prodNbr} has no input ${n} (inputs: ${nIn ? `1..${nIn}` : 'none'})`);
    line('relay channel', ch);
  }
  if (lampChannel !== null) line('relay channel', lampChannel);
  for (const [n, gpio] of outputs) {
    if (!Number.isInteger(n) || n < 1 || n > nOut) throw new Error(`relay wiring: ${prodNbr} has no output ${n} (outputs: ${nOut ? `1..${nOut}` : 'none'})`);
    line('sense input', gpio);
  }
}
