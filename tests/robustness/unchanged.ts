// What "the camera is unchanged" means for the robustness suites — the data-safety
// requirement of every refused request: the same configuration, the same users, the same
// SD card status and no recording gone. Configuration is compared with the state guard's
// rule (fixtures/state-guard.ts): read-only groups and values that tick on their own
// (uptime, the clock, counters on a real camera) are status, reported but never failed.
import { changedNames, compareConfiguration, reportMoved } from '../../fixtures/state-guard.ts';
import { parseRecordings, type Camera, type Params } from '../../lib/camera/index.ts';

export interface Snapshot {
  params: Params;
  users: string;
  /** The disk's status line (sizes dropped), undefined without an SD card. */
  sd: string | undefined;
  /** Recording ids on the card. */
  recordings: string[];
}

export async function snapshot(camera: Camera): Promise<Snapshot> {
  const params = await camera.config.list();
  const users = (await camera.users.get()).map((u) => `${u.name}=${u.groups.join(':')}`).sort().join('\n');
  const sdRes = await camera.client.get('/list.cgi', { diskid: 'SD_DISK' }, { expectStatus: 'any' });
  // Drop the size figures: recordings may be written by the camera itself meanwhile.
  const sd = sdRes.status === 200 ? sdRes.text.replace(/(total|free)size="\d+"/g, '') : undefined;
  let recordings: string[] = [];
  if (sd !== undefined) {
    const rec = await camera.client.get('/list.cgi', { recordingid: 'all' }, { expectStatus: 'any' });
    if (rec.status === 200) recordings = parseRecordings(rec.text).map((r) => r.recordingId).sort();
  }
  return { params, users, sd, recordings };
}

/**
 * Watches the camera through a run of probes: `changes()` says what changed since the
 * previous call (configuration, users, SD card), one line each, and moves on. Status values
 * that moved are collected and reported on the test by `finish()`, which must be called.
 * Its reads go through a client of their own without the test's transcript: hundreds of
 * parameter lists would bury the probes there (a change found is named in the failure).
 */
export class StateWatch {
  private readonly moved: string[] = [];

  private constructor(
    private readonly camera: Camera,
    private last: Snapshot,
    /** Parameters that changed between two reads with nothing in between (state guard rule 2). */
    private readonly selfChanged: ReadonlySet<string>,
  ) {}

  static async start(camera: Camera): Promise<StateWatch> {
    const quiet = camera.derive({ transcript: undefined });
    try {
      const first = await snapshot(quiet);
      const second = await snapshot(quiet);
      return new StateWatch(quiet, second, new Set(changedNames(first.params, second.params)));
    } catch (e) {
      await quiet.close();
      throw e;
    }
  }

  get current(): Snapshot {
    return this.last;
  }

  async changes(): Promise<string[]> {
    const now = await snapshot(this.camera);
    const out: string[] = [];
    const paramsDiffer = changedNames(this.last.params, now.params).length > 0;
    if (paramsDiffer) {
      // Writes configured values back (the user's own values): later probes run on the
      // original state, and the next comparison starts from it.
      const c = await compareConfiguration(this.camera, this.last.params, now.params, { selfChanged: this.selfChanged });
      out.push(...c.lost);
      this.moved.push(...c.moved);
    }
    if (this.last.users !== now.users) out.push(`  users: were\n${this.last.users}\n  now\n${now.users}`);
    if (this.last.sd !== now.sd) out.push(`  SD card: was ${JSON.stringify(this.last.sd)}, now ${JSON.stringify(now.sd)}`);
    const gone = this.last.recordings.filter((r) => !now.recordings.includes(r));
    if (gone.length) out.push(`  recordings gone from the SD card: ${gone.join(', ')}`);
    // After a write-back the camera holds other values than `now`: read again.
    this.last = paramsDiffer ? await snapshot(this.camera) : now;
    return out;
  }

  /** Reports the status values that moved meanwhile (an observation, never a failure); closes the watch's client. */
  async finish(what: string): Promise<void> {
    try {
      await reportMoved(this.camera, what, this.moved);
    } finally {
      await this.camera.close();
    }
  }
}
