// Frame faults of the MJPEG streams: the stream hub hands every encoded part to
// `deliver` here (one marked call in video/stream-hub.ts) together with the function
// that writes it to the stream's viewers. Without frame faults the part goes straight
// through. With them, in this order per frame:
//   stall      after N frames of a stream nothing more is sent (connections stay open)
//   drop       the frame is not sent
//   truncate   the JPEG is cut inside its entropy data (Content-Length still honest)
//   bitflip    one bit of the entropy data is flipped; the JPEG still decodes
//   partlength the part's Content-Length says 16 bytes more than the JPEG has
//   dup        the part is sent twice in one write (same seq twice; one write so a
//              viewer's back-pressure skip cannot split the pair)
//   late       the part is sent late-ms later than due (after newer frames)
// Every decision is logged per seq (FrameEvent), so a test can compare what the harness
// reports with what the camera did.
import { mjpegPart, BOUNDARY } from '../video/stream-client.ts';
import { flipEntropyBit, truncateJpeg } from './jpeg-damage.ts';
import { FaultDice } from './random.ts';
import type { FaultSpec, FrameFaultKind } from './spec.ts';

export type FrameAction = 'sent' | 'stalled' | 'dropped' | 'truncated' | 'bitflip' | 'bitflip-skipped' | 'partlength' | 'duplicated' | 'late';

export interface FrameEvent {
  /** From the frame's stamp (`camera-hil seq=N`, video/encoder.ts); -1 when it has none. */
  seq: number;
  /** What happened to it; `sent` alone means unchanged and on time. */
  actions: FrameAction[];
}

const LOG_SIZE = 5000;
/** Late frames waiting at once; beyond this a late frame is dropped (and logged so). */
const MAX_PENDING_LATE = 100;

export class FrameFaults {
  private readonly dice: Partial<Record<FrameFaultKind, FaultDice>> = {};
  private readonly perStream = new WeakMap<object, number>();
  private readonly log: FrameEvent[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  readonly counts: Record<string, number> = {};

  constructor(private readonly spec: FaultSpec) {
    for (const [kind, trigger] of Object.entries(spec.frames)) {
      this.dice[kind as FrameFaultKind] = new FaultDice(spec.seed, `frame:${kind}`, trigger);
    }
  }

  get active(): boolean {
    return Object.keys(this.dice).length > 0 || this.spec.stallAfter !== undefined;
  }

  /** Recent decisions, oldest first (at most LOG_SIZE). */
  events(): FrameEvent[] {
    return this.log.slice();
  }

  /** Stops late frames still waiting (the fault set changed or the camera stops). */
  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** `stream` identifies the stream (its frame count for stall); `part` is a whole multipart part. */
  deliver(stream: object, part: Buffer, send: (part: Buffer) => void): void {
    const seq = seqOf(part);
    const actions: FrameAction[] = [];
    const record = () => {
      this.log.push({ seq, actions });
      if (this.log.length > LOG_SIZE) this.log.splice(0, this.log.length - LOG_SIZE);
      for (const a of actions) this.counts[a] = (this.counts[a] ?? 0) + 1;
    };
    const n = (this.perStream.get(stream) ?? 0) + 1;
    this.perStream.set(stream, n);
    if (this.spec.stallAfter !== undefined && n > this.spec.stallAfter) return void (actions.push('stalled'), record());
    if (this.dice.drop?.fires()) return void (actions.push('dropped'), record());

    let jpeg: Buffer | undefined;
    const body = () => (jpeg ??= jpegOf(part));
    if (this.dice.truncate?.fires()) {
      jpeg = truncateJpeg(body(), () => this.dice.truncate!.random());
      actions.push('truncated');
    }
    if (this.dice.bitflip?.fires()) {
      const flipped = flipEntropyBit(body(), () => this.dice.bitflip!.random());
      actions.push(flipped ? 'bitflip' : 'bitflip-skipped');
      if (flipped) jpeg = flipped;
    }
    let out = jpeg ? mjpegPart(jpeg) : part;
    if (this.dice.partlength?.fires()) {
      out = partWithLength(body(), body().length + 16);
      actions.push('partlength');
    }
    if (this.dice.dup?.fires()) {
      out = Buffer.concat([out, out]);
      actions.push('duplicated');
    }
    if (this.dice.late?.fires()) {
      if (this.timers.size >= MAX_PENDING_LATE) return void (actions.push('dropped'), record());
      actions.push('late');
      const t = setTimeout(() => {
        this.timers.delete(t);
        send(out);
      }, this.spec.lateMs);
      this.timers.add(t);
      return record();
    }
    if (actions.length === 0) actions.push('sent');
    record();
    send(out);
  }
}

/** The seq of the frame stamp the stream hub writes into a COM segment near the start. */
function seqOf(part: Buffer): number {
  const m = /camera-hil seq=(\d+)/.exec(part.subarray(0, 512).toString('latin1'));
  return m ? Number(m[1]) : -1;
}

/** The JPEG inside a part built by mjpegPart: after the header block, before the final CRLF. */
function jpegOf(part: Buffer): Buffer {
  const head = part.indexOf('\r\n\r\n');
  return part.subarray(head + 4, part.length - 2);
}

/** A part like mjpegPart's, but declaring `declared` bytes. */
function partWithLength(jpeg: Buffer, declared: number): Buffer {
  const head = Buffer.from(`--${BOUNDARY}\r\nContent-Type: image/jpeg\r\nContent-Length: ${declared}\r\n\r\n`, 'latin1');
  return Buffer.concat([head, jpeg, Buffer.from('\r\n', 'latin1')]);
}
