// configptz.cgi (spec §3.2): presets at the current position and home, VAPIX analogs.
//   setserverpresetname=NAME [&setserverpresetno=N] [&home=yes|no]  store here (by name,
//       by number, or that name at that number); home=yes makes it home
//   setserverpresetno=N                 store here as preset N (keeps its name, else `PresetN`)
//   removeserverpresetname=NAME | removeserverpresetno=N   forget a preset
//   home=yes                            store here as home (the home preset, else a new "Home")
//   home=no                             no home preset: home is pan 0, tilt 0, widest zoom
// Presets are parameters (ptz/params.ts); each request is one validated store update.
import type { ServerResponse } from 'node:http';
import { intParam, onlyKnown, single } from '../http/query.ts';
import { sendOk } from '../http/reply.ts';
import { CgiError, type CgiRequest, type Route } from '../http/route.ts';
import type { VirtualCameraState } from '../state.ts';
import { HOME_POSITION, PRESET_SLOTS } from './params.ts';
import { homePreset, planRemove, planSave, presetByName, presetByNo } from './presets.ts';
import { requirePtz } from './ptz-cgi.ts';
import { checkCamera } from './ptz-request.ts';
import { ptzOf } from './state.ts';

const KNOWN = ['setserverpresetname', 'setserverpresetno', 'removeserverpresetname', 'removeserverpresetno', 'home', 'camera'] as const;

/** The parameter pairs a request writes, and what to log; throws before anything is written. */
function plan(q: URLSearchParams, cam: VirtualCameraState): { pairs: [string, string][]; did: string } {
  onlyKnown(q, KNOWN);
  checkCamera(q);
  const setName = single(q, 'setserverpresetname');
  const setNo = intParam(q, 'setserverpresetno', 1, PRESET_SLOTS);
  const rmName = single(q, 'removeserverpresetname');
  const rmNo = intParam(q, 'removeserverpresetno', 1, PRESET_SLOTS);
  const homeWord = single(q, 'home');
  if (homeWord !== undefined && homeWord !== 'yes' && homeWord !== 'no') throw new CgiError(`home: "${homeWord.slice(0, 20)}" is not yes or no`);
  const home = homeWord === undefined ? undefined : homeWord === 'yes';
  const setting = setName !== undefined || setNo !== undefined;
  const removing = rmName !== undefined || rmNo !== undefined;

  if (removing) {
    if (setting || home !== undefined) throw new CgiError('removeserverpreset... cannot be combined with setserverpreset... or home');
    if (rmName !== undefined && rmNo !== undefined) throw new CgiError('removeserverpresetname and removeserverpresetno cannot be combined: which preset?');
    const p = rmName !== undefined ? presetByName(cam.params, rmName) : presetByNo(cam.params, rmNo!);
    if (!p) throw new CgiError(rmName !== undefined ? `no preset named ${rmName.slice(0, 40)}` : `no preset number ${rmNo}`);
    return { pairs: planRemove(cam.params, p), did: `removed preset ${p.no} (${p.name})` };
  }
  const here = ptzOf(cam).position();
  if (setting) {
    const { no, pairs } = planSave(cam.params, here, { name: setName, no: setNo, home });
    return { pairs, did: `stored preset ${no}${home ? ' as home' : ''}` };
  }
  if (home === true) {
    const current = homePreset(cam.params);
    const { no, pairs } = planSave(cam.params, here, current ? { no: current.no, home: true } : { name: 'Home', home: true });
    return { pairs, did: `stored preset ${no} as home` };
  }
  if (home === false) return { pairs: [[HOME_POSITION, '0']], did: 'cleared the home preset' };
  throw new CgiError(`configptz.cgi needs one of ${KNOWN.filter((k) => k !== 'camera').join(', ')}`);
}

function handle(req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): void {
  requirePtz(cam);
  const { pairs, did } = plan(req.query, cam);
  const changed = cam.params.update(pairs);
  cam.log.add('ptz', `${did} by ${req.user.name}`);
  cam.changed(changed);
  sendOk(res);
}

export const configPtzRoute: Route = {
  path: '/configptz.cgi',
  role: 'operator',
  summary: 'PTZ presets (store, remove) and home position',
  handle,
};
