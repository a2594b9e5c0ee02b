// How a rig is wired to its camera, defined once for the lab inventory (rigs/lab/inventory.ts),
// the rig fixture (fixtures/rig.ts) and the virtual camera's own board (rigs/virtual-camera/
// relay-wiring.ts). The default wiring (docs/virtual-camera.md "Default wiring of a rig"):
//   relay channel 0 -> camera input 1
//   relay channel 1 -> the lamp in the camera's view (motion stimulus)
//   camera output 1 -> board sense input 0
// Below the inventory, so that the emulator does not depend on the lab inventory for it.

/** What the rig is wired to. Numbers are 0-based relay channels / sense inputs. */
export interface Wiring {
  /** Camera digital input number (from 1) -> relay channel driving it. */
  inputs: Record<number, number>;
  /** Relay channel switching the lamp in the camera's view (motion stimulus); null: none. */
  lamp: number | null;
  /** Camera digital output number (from 1) -> board sense input reading it. */
  outputs: Record<number, number>;
}

export const DEFAULT_WIRING: Readonly<Wiring> = Object.freeze({ inputs: Object.freeze({ 1: 0 }), lamp: 1, outputs: Object.freeze({ 1: 0 }) });

/**
 * The default wiring without the wires to what is not there: no output wire on a board
 * without sense lines, none to a camera input or output beyond the camera's count.
 */
export function defaultWiring(has: { senseLines: boolean; cameraInputs?: number; cameraOutputs?: number }): Wiring {
  const upTo = (map: Readonly<Record<number, number>>, count = Infinity) => Object.fromEntries(Object.entries(map).filter(([n]) => Number(n) <= count));
  return {
    inputs: upTo(DEFAULT_WIRING.inputs, has.cameraInputs),
    lamp: DEFAULT_WIRING.lamp,
    outputs: has.senseLines ? upTo(DEFAULT_WIRING.outputs, has.cameraOutputs) : {},
  };
}

/** `relay 0 -> input 1, relay 1 -> lamp, output 1 -> sense 0`, for logs and reports. */
export function describeWiring(w: Wiring): string {
  return [
    ...Object.entries(w.inputs).map(([n, ch]) => `relay ${ch} -> input ${n}`),
    ...(w.lamp === null ? [] : [`relay ${w.lamp} -> lamp`]),
    ...Object.entries(w.outputs).map(([n, line]) => `output ${n} -> sense ${line}`),
  ].join(', ') || 'nothing wired';
}
