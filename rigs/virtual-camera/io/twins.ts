// Input.* / Output.* and IOPort.* describe the same ports twice (the older per-direction
// groups and the newer port-numbered one, as VAPIX has both). A camera keeps them equal:
// after a change to one, the other takes the same value. When a request changes both
// twins to different values, the Input./Output. one wins (it is the one the I/O logic
// reads; the request's other value is overwritten, which the next list shows).
import type { VirtualCameraState } from '../state.ts';

/** Pairs [Input./Output. name, IOPort. name] for the camera's model. */
function twinPairs(cam: VirtualCameraState): [string, string][] {
  const { inputs, outputs } = cam.model;
  const pairs: [string, string][] = [];
  for (let i = 0; i < inputs; i++) {
    pairs.push([`Input.I${i}.Name`, `IOPort.I${i}.Input.Name`], [`Input.I${i}.Trig`, `IOPort.I${i}.Input.Trig`]);
  }
  for (let o = 0; o < outputs; o++) {
    const k = inputs + o;
    pairs.push([`Output.O${o}.Name`, `IOPort.I${k}.Output.Name`], [`Output.O${o}.Active`, `IOPort.I${k}.Output.Active`]);
  }
  return pairs;
}

/** Copies each changed parameter to its twin; returns the twins written. */
export function syncTwins(cam: VirtualCameraState, changed: readonly string[]): string[] {
  const names = new Set(changed);
  const written: string[] = [];
  for (const [main, twin] of twinPairs(cam)) {
    const [from, to] = names.has(main) ? [main, twin] : names.has(twin) ? [twin, main] : [undefined, undefined];
    if (!from || !to || !cam.params.has(from) || !cam.params.has(to)) continue;
    const value = cam.params.must(from);
    if (cam.params.get(to) === value) continue;
    cam.params.setInternal(to, value);
    written.push(to);
  }
  return written;
}
