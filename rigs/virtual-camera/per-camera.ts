// Runtime state a chapter keeps per camera (the PTZ head, the stream hub, the SD card...):
// made on first use, with the camera events it follows wired up once, then looked up by
// camera. Held in a WeakMap, so a stopped camera's state goes with it.
import type { VirtualCameraState } from './state.ts';

export function perCamera<T>(create: (cam: VirtualCameraState) => T): (cam: VirtualCameraState) => T {
  const made = new WeakMap<VirtualCameraState, T>();
  return (cam) => {
    let v = made.get(cam);
    if (v === undefined) made.set(cam, (v = create(cam)));
    return v;
  };
}
