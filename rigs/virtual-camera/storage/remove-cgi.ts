// remove.cgi (spec §8.5): recordingid=<id>|all (diskid=SD_DISK optional). The disk must
// be mounted and not locked; an unknown id is an error and removes nothing. GET or POST
// (spec: "Method: GET/POST"), a POST's parameters in a form body (http/form.ts).
import type { ServerResponse } from 'node:http';
import { formParams } from '../http/form.ts';
import { onlyKnown, required, single } from '../http/query.ts';
import { sendOk } from '../http/reply.ts';
import { CgiError, type CgiRequest, type Route } from '../http/route.ts';
import type { VirtualCameraState } from '../state.ts';
import { checkDiskId, checkRecordingId, requireCard, requireMounted, requireUnlocked } from './disk.ts';
import { DISK_ID } from './sd-card.ts';

async function remove(req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): Promise<void> {
  const card = requireCard(cam);
  const q = await formParams(req);
  onlyKnown(q, ['recordingid', 'diskid']);
  const diskid = single(q, 'diskid');
  if (diskid !== undefined) checkDiskId(diskid, true);
  const id = required(q, 'recordingid');
  if (id !== 'all') checkRecordingId(id);
  requireMounted(card);
  requireUnlocked(cam);
  if (id === 'all') {
    const n = card.removeAll();
    cam.log.add('storage', `all ${n} recordings removed from ${DISK_ID} by ${req.user.name}`);
  } else {
    if (!card.remove(id)) throw new CgiError(`no recording ${id} on ${DISK_ID}`);
    cam.log.add('storage', `recording ${id} removed from ${DISK_ID} by ${req.user.name}`);
  }
  sendOk(res);
}

export const removeRoutes: Route[] = [{ path: '/remove.cgi', role: 'admin', methods: ['GET', 'POST'], summary: 'remove a recording (or all) from the SD card', handle: remove }];
