// list.cgi (spec §8.3, §8.4). diskid=SD_DISK|all lists disks; recordingid=<id>|all lists
// recordings (diskid= may narrow it, VAPIX style). Viewers may list: it is status, as
// the family's viewer group may read (mount, format and remove need admin).
import type { ServerResponse } from 'node:http';
import { onlyKnown, single } from '../http/query.ts';
import { sendXml } from '../http/reply.ts';
import { CgiError, type CgiRequest, type Route } from '../http/route.ts';
import type { VirtualCameraState } from '../state.ts';
import { checkDiskId, checkRecordingId, diskStatus, requireCard, requireMounted } from './disk.ts';
import { DISK_ID } from './sd-card.ts';
import { disksXml, recordingsXml } from './xml.ts';

function list(req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): void {
  const card = requireCard(cam);
  onlyKnown(req.query, ['diskid', 'recordingid']);
  const diskid = single(req.query, 'diskid');
  const recordingid = single(req.query, 'recordingid');
  if (diskid !== undefined) checkDiskId(diskid, true);
  if (recordingid === undefined) {
    if (diskid === undefined) throw new CgiError('list.cgi needs diskid=SD_DISK|all or recordingid=<id>|all');
    return sendXml(res, disksXml([diskStatus(cam, card)]));
  }
  if (recordingid !== 'all') checkRecordingId(recordingid);
  requireMounted(card);
  if (recordingid === 'all') return sendXml(res, recordingsXml(DISK_ID, card.recordings()));
  const rec = card.get(recordingid);
  if (!rec) throw new CgiError(`no recording ${recordingid} on ${DISK_ID}`);
  sendXml(res, recordingsXml(DISK_ID, [rec]));
}

export const listRoutes: Route[] = [
  { path: '/list.cgi', role: 'viewer', summary: 'SD card status (diskid=) and recordings (recordingid=) as XML', handle: list },
];
