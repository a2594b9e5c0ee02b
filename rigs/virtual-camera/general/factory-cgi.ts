// factorydefault.cgi and hardfactorydefault.cgi (spec §1.3, §1.4).
// Soft: every parameter back to its factory value except exactly the five Network
// parameters of §1.3, so the unit keeps its address; the user database is kept too
// (users are not parameters, and an admin must still be able to log in to the unit the
// kept address leads to). Hard: every parameter, the five included, and the users:
// only root remains, with the password the camera was started with (its "label").
// Both answer OK, then restart the camera as VAPIX cameras do: a client must wait for
// it to come back (options.rebootMs).
import type { ServerResponse } from 'node:http';
import { onlyKnown } from '../http/query.ts';
import { sendOk } from '../http/reply.ts';
import type { CgiRequest, Route } from '../http/route.ts';
import { NETWORK_KEPT } from '../params/catalog.ts';
import type { VirtualCameraState } from '../state.ts';
import { assertNotRestarting, restartAfterReply } from './restart.ts';

/** Resets the camera's configuration; returns nothing, the changes are announced as events. */
export function factoryDefault(cam: VirtualCameraState, hard: boolean): void {
  const before = cam.params.snapshot();
  cam.params.resetToFactory(hard ? [] : NETWORK_KEPT);
  if (hard) cam.users.reset(cam.options.password);
  const after = cam.params.snapshot();
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  cam.events.emit('factory', hard);
  cam.changed([...names].filter((n) => before[n] !== after[n]));
}

function handler(hard: boolean) {
  return (req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): void => {
    onlyKnown(req.query, []);
    assertNotRestarting(cam);
    factoryDefault(cam, hard);
    const what = hard ? 'hard factory default: every parameter and the users reset' : `factory default: parameters reset except ${NETWORK_KEPT.join(', ')}`;
    cam.log.add('system', `${what}, by ${req.user.name}`);
    restartAfterReply(res, cam, hard ? 'hard factory default' : 'factory default');
    sendOk(res);
  };
}

export const factoryRoutes: Route[] = [
  { path: '/factorydefault.cgi', role: 'admin', summary: 'factory default except the five Network parameters; restarts', handle: handler(false) },
  { path: '/hardfactorydefault.cgi', role: 'admin', summary: 'factory default of everything, users included; restarts', handle: handler(true) },
];
