// The virtual micro SD card (spec §8) of models with storage: its mount state and the
// recordings on it, attached per camera. A card is media, not configuration: factory
// defaults and restores leave its recordings alone, as on a real camera. It starts
// holding three scheduled recordings (the spec's ids) and is mounted at every boot
// when Storage.S0.AutoMount is yes. format empties it. insertCard() stands for a person
// swapping the card, for rigs that need known recordings back after a test emptied it.
import type { VirtualCameraState } from '../state.ts';
import { perCamera } from '../per-camera.ts';

export interface Recording {
  /** File name on the card, e.g. 20090101_010101.avi. */
  id: string;
  /** YYYYMMDD_hhmmss, as the spec's starttime attribute. */
  starttime: string;
  recordingtype: 'scheduled' | 'triggered' | 'continuous';
  sizeKB: number;
}

export const DISK_ID = 'SD_DISK';
/** The spec's sample disk: 124048 KB, of which an empty file system uses 16 KB. */
export const TOTAL_KB = 124048;
export const FS_OVERHEAD_KB = 16;

export function sampleRecordings(): Recording[] {
  return [
    { id: '20090101_010101.avi', starttime: '20090101_010101', recordingtype: 'scheduled', sizeKB: 2048 },
    { id: '20090101_010201.avi', starttime: '20090101_010201', recordingtype: 'scheduled', sizeKB: 1536 },
    { id: '20090101_010301.avi', starttime: '20090101_010301', recordingtype: 'triggered', sizeKB: 3072 },
  ];
}

export class SdCard {
  mounted = true;
  private readonly recs = new Map<string, Recording>();

  constructor(recordings: readonly Recording[] = sampleRecordings()) {
    this.insertCard(recordings);
  }

  /** A card holding these recordings is put in and mounted. */
  insertCard(recordings: readonly Recording[]): void {
    this.recs.clear();
    for (const r of recordings) this.recs.set(r.id, { ...r });
    this.mounted = true;
  }

  recordings(): Recording[] {
    return [...this.recs.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  get(id: string): Recording | undefined {
    return this.recs.get(id);
  }

  remove(id: string): boolean {
    return this.recs.delete(id);
  }

  removeAll(): number {
    const n = this.recs.size;
    this.recs.clear();
    return n;
  }

  /** A fresh file system: no recordings; the card stays as mounted as it was (unmounted). */
  format(): void {
    this.recs.clear();
  }

  get freeKB(): number {
    let used = FS_OVERHEAD_KB;
    for (const r of this.recs.values()) used += r.sizeKB;
    return Math.max(0, TOTAL_KB - used);
  }
}

const cardOf = perCamera((cam) => {
  const c = new SdCard();
  cam.events.on('boot', () => {
    if (cam.params.get('Storage.S0.AutoMount') === 'yes') c.mounted = true;
  });
  return c;
});

/** The camera's card, or undefined on a model without a micro SD socket. */
export function sdCard(cam: VirtualCameraState): SdCard | undefined {
  return cam.model.storage ? cardOf(cam) : undefined;
}
