// What every storage CGI checks first: that the camera has a card, which disk is meant,
// that a recording id is a plain file name, and the disk's status as list.cgi shows it.
import { CgiError } from '../http/route.ts';
import type { VirtualCameraState } from '../state.ts';
import { DISK_ID, sdCard, TOTAL_KB, type SdCard } from './sd-card.ts';
import type { DiskStatus } from './xml.ts';

export function requireCard(cam: VirtualCameraState): SdCard {
  const card = sdCard(cam);
  if (!card) throw new CgiError('this camera has no SD card', 404);
  return card;
}

/** `SD_DISK` (and `all` where the CGI takes it); anything else names the known disks. */
export function checkDiskId(v: string, allowAll: boolean): void {
  if (v === DISK_ID || (allowAll && v === 'all')) return;
  throw new CgiError(`diskid: unknown disk "${v.slice(0, 40)}" (${allowAll ? `${DISK_ID} or all` : DISK_ID})`);
}

/** A recording id is a file name on the card: a path (traversal included) is refused. */
export function checkRecordingId(v: string): void {
  if (/[/\\]/.test(v) || v.includes('..')) throw new CgiError(`recordingid: "${v.slice(0, 60)}" is a path, not a recording id`);
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(v)) throw new CgiError(`recordingid: "${v.slice(0, 60)}" is not a recording id (e.g. 20090101_010101.avi)`);
}

export function requireMounted(card: SdCard): void {
  if (!card.mounted) throw new CgiError(`${DISK_ID} is not mounted (mount it with mount.cgi?diskid=${DISK_ID}&action=mount)`);
}

export function requireUnlocked(cam: VirtualCameraState): void {
  if (cam.params.get('Storage.S0.Locked') === 'yes') throw new CgiError(`${DISK_ID} is locked (Storage.S0.Locked=yes): its recordings cannot be removed nor the disk formatted`);
}

/**
 * The disk as §8.3 lists it. Sizes are the file system's, last known while mounted;
 * an unmounted disk reports status `disconnected` (it is not available for recording).
 */
export function diskStatus(cam: VirtualCameraState, card: SdCard): DiskStatus {
  const p = (n: string) => cam.params.get(`Storage.S0.${n}`) ?? '';
  const free = card.freeKB;
  return {
    diskid: DISK_ID,
    totalsize: TOTAL_KB,
    freesize: free,
    cleanuplevel: p('CleanupLevel'),
    cleanupmaxage: p('CleanupMaxAge'),
    cleanuppolicy: p('CleanupPolicy'),
    locked: p('Locked'),
    full: free === 0 ? 'yes' : 'no',
    readonly: 'no',
    status: card.mounted ? 'OK' : 'disconnected',
  };
}
