// mount.cgi and format.cgi (spec §8.1, §8.2). format requires the disk to be unmounted
// first (a camera does not pull the file system from under its own recorder) and leaves
// it unmounted and empty; mount it again to record. Mounting a mounted disk (or
// unmounting an unmounted one) is an error, so a client learns its idea of the state
// was wrong. Both take GET or POST (spec: "Method: GET/POST"), a POST's parameters in an
// application/x-www-form-urlencoded body or the query string (http/form.ts).
import type { ServerResponse } from 'node:http';
import { formParams } from '../http/form.ts';
import { onlyKnown, required } from '../http/query.ts';
import { sendOk } from '../http/reply.ts';
import { CgiError, type CgiRequest, type Route } from '../http/route.ts';
import type { VirtualCameraState } from '../state.ts';
import { checkDiskId, requireCard, requireUnlocked } from './disk.ts';
import { DISK_ID } from './sd-card.ts';

async function mount(req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): Promise<void> {
  const card = requireCard(cam);
  const q = await formParams(req);
  onlyKnown(q, ['diskid', 'action']);
  checkDiskId(required(q, 'diskid'), false);
  const action = required(q, 'action');
  if (action !== 'mount' && action !== 'umount') throw new CgiError(`action: "${action.slice(0, 40)}" is not mount or umount`);
  const want = action === 'mount';
  if (card.mounted === want) throw new CgiError(`${DISK_ID} is already ${want ? 'mounted' : 'unmounted'}`);
  card.mounted = want;
  cam.log.add('storage', `${DISK_ID} ${want ? 'mounted' : 'unmounted'} by ${req.user.name}`);
  sendOk(res);
}

async function format(req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): Promise<void> {
  const card = requireCard(cam);
  const q = await formParams(req);
  onlyKnown(q, ['diskid']);
  checkDiskId(required(q, 'diskid'), false);
  if (card.mounted) throw new CgiError(`${DISK_ID} is mounted: unmount it first (mount.cgi?diskid=${DISK_ID}&action=umount)`);
  requireUnlocked(cam);
  const n = card.recordings().length;
  card.format();
  cam.log.add('storage', `${DISK_ID} formatted by ${req.user.name} (${n} recordings erased)`);
  sendOk(res);
}

export const diskRoutes: Route[] = [
  { path: '/mount.cgi', role: 'admin', methods: ['GET', 'POST'], summary: 'mount or unmount the SD card', handle: mount },
  { path: '/format.cgi', role: 'admin', methods: ['GET', 'POST'], summary: 'format the (unmounted) SD card', handle: format },
];
