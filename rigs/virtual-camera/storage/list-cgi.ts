// list.cgi (spec §8.3, §8.4). diskid=SD_DISK|all lists disks; recordingid=<id>|all lists
// recordings (diskid= may narrow it, VAPIX style). Viewers may list: it is status, as
// the family's viewer group may read (mount, format and remove need admin). GET or POST
// (spec: "Method: GET/POST"), a POST's parameters in a form body (http/form.ts).
import type { ServerResponse } from 'node:http';
import { formParams } from '../http/form.ts';
import { onlyKnown, single } from '../http/query.ts';
import { sendXml } from '../http/reply.ts';
import { CgiError, type CgiRequest, type Route } from '../http/route.ts';
import type { VirtualCameraState } from '../state.ts';
import { checkDiskId, checkRecordingId, diskStatus, requireCard, requireMounted } from './disk.ts';
import { DISK_ID } from './sd-card.ts';
import { disksXml, recordingsXml } from './xml.ts';

async function list(req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): Promise<void> {
  const card = requireCard(cam);
  const q = await formParams(req);
  onlyKnown(q, ['diskid', 'recordingid']);
  const diskid = single(q, 'diskid');
  const recordingid = single(q, 'recordingid');
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
  { path: '/list.cgi', role: 'viewer', methods: ['GET', 'POST'], summary: 'SD card status (diskid=) and recordings (recordingid=) as XML', handle: list },
];
