// What "the camera is unchanged" means for the robustness suites: the same parameter
// list, the same users, the same SD card status, and still answering.
import { differences } from '../../fixtures/state-guard.ts';
import type { Camera, Params } from '../../lib/camera/index.ts';

export interface Snapshot {
  params: Params;
  users: string;
  sd: string | undefined;
}

export async function snapshot(camera: Camera): Promise<Snapshot> {
  const params = await camera.config.list();
  const users = (await camera.users.get()).map((u) => `${u.name}=${u.groups.join(':')}`).sort().join('\n');
  const sdRes = await camera.client.get('/list.cgi', { diskid: 'SD_DISK' }, { expectStatus: 'any' });
  // Drop the size figures: recordings may be written by the camera itself meanwhile.
  const sd = sdRes.status === 200 ? sdRes.text.replace(/(total|free)size="\d+"/g, '') : undefined;
  return { params, users, sd };
}

/** Every difference between two snapshots, one per line; empty when they agree. */
export function changes(before: Snapshot, after: Snapshot): string[] {
  const out = differences(before.params, after.params);
  if (before.users !== after.users) out.push(`  users: were\n${before.users}\n  now\n${after.users}`);
  if (before.sd !== after.sd) out.push(`  SD card: was ${JSON.stringify(before.sd)}, now ${JSON.stringify(after.sd)}`);
  return out;
}
