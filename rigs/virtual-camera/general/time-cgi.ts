// time.cgi (spec §1.10): action=get answers `Oct 03, 2008 15:16:04`; action=set takes
// year, month, day, hour, minute and second (VAPIX analog), all required and checked as
// a whole date (Feb 30 is refused), after which the clock runs on from the set time.
import type { ServerResponse } from 'node:http';
import { intParam, onlyKnown, single } from '../http/query.ts';
import { sendOk, sendText } from '../http/reply.ts';
import { CgiError, type CgiRequest, type Route } from '../http/route.ts';
import type { VirtualCameraState } from '../state.ts';
import { CameraClock } from './clock.ts';

const FIELDS = ['year', 'month', 'day', 'hour', 'minute', 'second'] as const;

/** The date a set request names, as UTC fields (the camera keeps local time in them). */
export function parseTimeSet(q: URLSearchParams): Date {
  onlyKnown(q, ['action', ...FIELDS]);
  const missing = FIELDS.filter((f) => !q.has(f));
  if (missing.length) throw new CgiError(`action=set needs ${missing.join(', ')}`);
  // The camera's clock is a 32-bit time_t: it cannot hold dates past January 2038.
  const year = intParam(q, 'year', 1970, 2037)!;
  const month = intParam(q, 'month', 1, 12)!;
  const day = intParam(q, 'day', 1, 31)!;
  const hour = intParam(q, 'hour', 0, 23)!;
  const minute = intParam(q, 'minute', 0, 59)!;
  const second = intParam(q, 'second', 0, 59)!;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) throw new CgiError(`day: ${year}-${String(month).padStart(2, '0')} has ${daysInMonth} days, not ${day}`);
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
}

function time(req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): void {
  const action = single(req.query, 'action');
  if (action === 'get') {
    onlyKnown(req.query, ['action']);
    return sendText(res, `${CameraClock.format(cam.clock.now())}\r\n`);
  }
  if (action === 'set') {
    const when = parseTimeSet(req.query);
    const was = CameraClock.format(cam.clock.now());
    cam.clock.set(when);
    cam.log.add('time', `date and time set to ${CameraClock.format(when)} (was ${was}) by ${req.user.name}`);
    return sendOk(res);
  }
  if (action === undefined) throw new CgiError('missing parameter action (get or set)');
  throw new CgiError(`unknown action "${action.slice(0, 40)}" (get or set)`);
}

export const timeRoutes: Route[] = [{ path: '/time.cgi', role: 'admin', summary: 'get or set the date and time', handle: time }];
