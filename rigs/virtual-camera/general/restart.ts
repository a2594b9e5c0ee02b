// Restarting after an answer: reboot.cgi, factory defaults and firmware upgrades answer
// `OK` first, then go down (as a camera does). The restart starts once the answer has
// left, so the client always reads it; a second restart request in that short window is
// refused rather than queued, so one request gives exactly one reboot.
import type { ServerResponse } from 'node:http';
import { CgiError } from '../http/route.ts';
import type { VirtualCameraState } from '../state.ts';

const pending = new WeakSet<VirtualCameraState>();

/** Throws when a restart is already on its way (call before changing anything). */
export function assertNotRestarting(cam: VirtualCameraState): void {
  if (pending.has(cam)) throw new CgiError('the camera is restarting; try again when it is back', 409);
}

/**
 * Reboots once `res` is done. `beforeShutdown` runs in the same tick as the shutdown, so
 * no request is served between it and the camera going down (the new firmware is never
 * seen by a client before the reboot).
 */
export function restartAfterReply(res: ServerResponse, cam: VirtualCameraState, reason: string, beforeShutdown?: () => void): void {
  assertNotRestarting(cam);
  pending.add(cam);
  cam.events.once('boot', () => pending.delete(cam));
  let done = false;
  const go = () => {
    if (done) return;
    done = true;
    // A short grace lets the kernel hand the answer to the client before sockets close.
    setTimeout(() => {
      beforeShutdown?.();
      cam.reboot(reason);
    }, 20);
  };
  res.once('finish', go);
  res.once('close', go);
}
