// Sends the robustness probes and keeps two books. Required of every camera (a miss is a
// camera defect): an answer below 500, in time, no file outside the camera's data in it,
// the camera still up afterwards, and nothing changed by a request it refused. Observed
// (house rules, lib/signoff/house-rules/robustness.ts; a miss fails only where a profile
// promotes the rule): whether each kind of probe was refused at all, with a 4xx, and saying
// what is wrong.
import type { Observe } from '../../fixtures/observe.ts';
import { CameraConnectionError, isNoAnswer, type Camera } from '../../lib/camera/index.ts';
import { CameraDefect } from '../../lib/errors.ts';
import type { Probe, ProbeKind } from './probes.ts';
import { judgeRefusal, leaksFile, send, type Answer } from './send.ts';
import type { StateWatch } from './unchanged.ts';

/** How long a camera that closed the connection on a probe may take to answer again. */
const BACK_WITHIN_MS = 10_000;

const RULE: Record<ProbeKind, string> = {
  'unknown-parameter': 'robustness.unknown-parameter.refused',
  method: 'robustness.method.refused',
  malformed: 'robustness.malformed.refused',
  'bad-value': 'robustness.bad-value.refused',
  path: 'robustness.path.refused',
};

/**
 * The camera closed or reset the connection instead of answering (not a timeout, not
 * broken HTTP). UploadCutOff, the same while a body was going out, is one of these.
 */
export function closedByCamera(err: unknown): boolean {
  return err instanceof CameraConnectionError && err.failure === 'dropped';
}

/** Waits until the camera answers again; a camera that stays away crashed on what it was sent. */
async function stillUp(camera: Camera, after: string): Promise<void> {
  const back = await camera.client.waitUntilReachable(BACK_WITHIN_MS).then(() => true, () => false);
  if (!back) throw new CameraDefect(`the camera stopped answering after ${after} (not back within ${BACK_WITHIN_MS} ms)`);
}

interface Tally {
  total: number;
  off: string[];
}

export class RefusalBook {
  /** Required: server errors, hangs, leaks, refused requests that changed something. */
  readonly defects: string[] = [];
  private readonly kinds = new Map<ProbeKind, Tally>();
  private readonly status: Tally = { total: 0, off: [] };
  private readonly explained: Tally = { total: 0, off: [] };

  constructor(
    private readonly camera: Camera,
    /** Checked after every probe: a refused one must have changed nothing. */
    private readonly watch: StateWatch,
  ) {}

  /** Sends one probe and books the answer; throws CameraDefect when the camera stays down. */
  async probe(p: Probe): Promise<void> {
    const shown = `${p.method} ${p.path} with ${p.what}`;
    const tally = this.kinds.get(p.kind) ?? { total: 0, off: [] };
    this.kinds.set(p.kind, tally);
    tally.total++;
    let a: Answer | undefined;
    try {
      a = await send(this.camera, p.path, { method: p.method, query: p.query, body: p.body, contentType: p.contentType });
    } catch (e) {
      if (!isNoAnswer(e)) throw e;
      await stillUp(this.camera, shown);
      if (!closedByCamera(e)) {
        // No answer in time (a hang), or not HTTP. Whatever it changed is its own, not the next probe's.
        const changed = await this.watch.changes();
        this.defects.push(`${shown}: ${(e as Error).message}${changed.length ? `; it changed the camera:\n${changed.join('\n')}` : ''}`);
        return;
      }
    }
    // a === undefined: closed without an answer, and up again — a refusal, if nothing changed.
    if (a && leaksFile(a.text)) this.defects.push(`${shown}: the answer holds the content of /etc/passwd`);
    const changed = await this.watch.changes();
    const changeText = changed.length ? `; it changed the camera:\n${changed.join('\n')}` : '';
    if (a && a.status >= 500) {
      this.defects.push(`${shown}: HTTP ${a.status}, a server error${changeText}`);
      return;
    }
    const j = a ? judgeRefusal(a, { serverLevel: p.serverLevel }) : { refused: true, status4xx: false, unexplained: undefined, shown: 'connection closed without an answer' };
    if (!j.refused) {
      // Accepted: a change is what an accepted request may do (the state guard puts it back).
      tally.off.push(`${shown}: accepted, ${j.shown}${changeText}`);
      return;
    }
    if (changed.length) this.defects.push(`${shown}: refused (${j.shown}) but${changeText.slice(1)}`);
    this.status.total++;
    if (!j.status4xx) this.status.off.push(`${shown}: ${j.shown}`);
    this.explained.total++;
    if (j.unexplained) this.explained.off.push(`${shown}: ${j.unexplained}`);
  }

  async probeAll(probes: readonly Probe[]): Promise<void> {
    for (const p of probes) await this.probe(p);
  }

  /** Records one observation per house rule exercised; returns the full text for an attachment. */
  report(observe: Observe): string {
    const lines: string[] = [];
    const book = (name: string, t: Tally, expected: string, noun: string) => {
      if (t.total === 0) return;
      const summary = `${t.total - t.off.length} of ${t.total} ${noun}`;
      observe(name, { expected, observed: t.off.length ? `${summary}; ${t.off.slice(0, 5).join(' | ')}` : summary, holds: t.off.length === 0 });
      lines.push(`${name}: ${summary}`, ...t.off.map((o) => `  ${o}`));
    };
    for (const [kind, t] of this.kinds) book(RULE[kind], t, 'every one refused (4xx or a "# Error:" line)', 'refused');
    book('robustness.refusal.status', this.status, 'every refusal a 4xx', 'refusals with a 4xx');
    book('robustness.refusal.explained', this.explained, 'every refusal with a "# Error:" line (401/404 may be empty)', 'refusals saying what is wrong');
    return lines.join('\n');
  }
}
