// backup.cgi and restore.cgi (spec §1.5, §1.6): every parameter and every user, in the
// file format of backup-format.ts. A restore is checked whole (framing, checksum, model,
// serial, every parameter value, every user) before anything is applied, so a corrupt,
// truncated or foreign file changes nothing. Network parameters are restored too: the
// backup is unit specific. The camera does not reboot after a restore (no need: every
// setting takes effect at once), which keeps the harness's state guard fast.
import type { ServerResponse } from 'node:http';
import { onlyKnown } from '../http/query.ts';
import { sendOk } from '../http/reply.ts';
import { CgiError, type CgiRequest, type Route } from '../http/route.ts';
import type { VirtualCameraState } from '../state.ts';
import { decodeBackup, encodeBackup } from './backup-format.ts';
import { assertNotRestarting } from './restart.ts';
import { uploadedFile } from './upload.ts';

const MAX_BACKUP_BYTES = 2 << 20;

/** Brand.* and Properties.* describe the unit and its firmware, not its configuration. */
const describesUnit = (name: string) => name.startsWith('Brand.') || name.startsWith('Properties.');

export function makeBackup(cam: VirtualCameraState): Buffer {
  return encodeBackup({
    model: cam.model.prodNbr,
    serial: cam.options.serial,
    firmware: cam.firmware,
    created: cam.clock.now().toISOString(),
    params: cam.params.snapshot(),
    users: cam.users.export(),
  });
}

function backup(req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): void {
  onlyKnown(req.query, []);
  const file = makeBackup(cam);
  cam.log.add('config', `backup downloaded by ${req.user.name}`);
  res.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Disposition': 'attachment; filename=backup.bin',
    'Content-Length': file.length,
    'Cache-Control': 'no-cache',
  });
  res.end(file);
}

/** Applies a backup file to the camera, or throws CgiError having changed nothing. */
export function restoreBackup(cam: VirtualCameraState, file: Buffer): { created: string; firmware: string } {
  const b = decodeBackup(file);
  if (b.model !== cam.model.prodNbr) throw new CgiError(`backup file is from model ${b.model}, this camera is a ${cam.model.prodNbr}`);
  if (b.serial !== cam.options.serial) throw new CgiError(`backup file is from another unit (serial ${b.serial}); restore accepts only this unit's backups`);
  const current = cam.params.snapshot();
  const snap: Record<string, string> = {};
  for (const [n, v] of Object.entries(b.params)) if (!describesUnit(n)) snap[n] = v;
  for (const [n, v] of Object.entries(current)) if (describesUnit(n)) snap[n] = v;
  const bad = cam.params.checkSnapshot(snap);
  if (bad) throw new CgiError(`backup file does not fit this camera: ${bad}`);
  const usersBefore = cam.users.export();
  cam.users.import(b.users); // validates every entry before replacing any
  try {
    cam.params.applySnapshot(snap);
  } catch (e) {
    cam.users.import(usersBefore); // checked above, so unreachable; never leave half a restore
    throw e;
  }
  const after = cam.params.snapshot();
  const names = new Set([...Object.keys(current), ...Object.keys(after)]);
  cam.changed([...names].filter((n) => current[n] !== after[n]));
  return { created: b.created, firmware: b.firmware };
}

async function restore(req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): Promise<void> {
  onlyKnown(req.query, []);
  assertNotRestarting(cam);
  const file = await uploadedFile(req, MAX_BACKUP_BYTES);
  // An upgrade or factory default may have been accepted while this body arrived: the
  // restart would throw the restored configuration away half-way.
  assertNotRestarting(cam);
  const made = restoreBackup(cam, file);
  cam.log.add('config', `restore: parameters and users restored from the backup of ${made.created} (firmware ${made.firmware}) by ${req.user.name}`);
  sendOk(res);
}

export const backupRoutes: Route[] = [
  { path: '/backup.cgi', role: 'admin', summary: 'download backup.bin: every parameter and user (unit specific)', handle: backup },
  { path: '/restore.cgi', role: 'admin', methods: ['POST'], summary: 'upload a backup.bin of this unit (multipart field "file" or octet-stream)', handle: restore },
];
