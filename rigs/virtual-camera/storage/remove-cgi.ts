// remove.cgi (spec §8.5): recordingid=<id>|all (diskid=SD_DISK optional). The disk must
// be mounted and not locked; an unknown id is an error and removes nothing.
import type { ServerResponse } from 'node:http';
import { onlyKnown, required, single } from '../http/query.ts';
import { sendOk } from '../http/reply.ts';
import { CgiError, type CgiRequest, type Route } from '../http/route.ts';
import type { VirtualCameraState } from '../state.ts';
import { checkDiskId, checkRecordingId, requireCard, requireMounted, requireUnlocked } from './disk.ts';
import { DISK_ID } from './sd-card.ts';

function remove(req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): void {
  const card = requireCard(cam);
  onlyKnown(req.query, ['recordingid', 'diskid']);
  const diskid = single(req.query, 'diskid');
  if (diskid !== undefined) checkDiskId(diskid, true);
  const id = required(req.query, 'recordingid');
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

export const removeRoutes: Route[] = [{ path: '/remove.cgi', role: 'admin', summary: 'remove a recording (or all) from the SD card', handle: remove }];
