// One MJPEG viewer (spec 2.3.6): writes each shared frame as a multipart part
// `--myboundary\r\nContent-Type: image/jpeg\r\nContent-Length: N\r\n\r\n<jpeg>\r\n`
// and ends with the closing boundary `--myboundary--\r\n` after nbrofframes frames or
// duration seconds. A viewer whose socket has not drained since its last part skips
// frames (whole parts: the stream stays well-formed) instead of queueing them; one stuck
// for more than STALL_MS is dropped. Neither slows the other viewers.
import type { ServerResponse } from 'node:http';

export const BOUNDARY = 'myboundary';
export const MJPEG_CONTENT_TYPE = `multipart/x-mixed-replace;boundary=${BOUNDARY}`;
export const STALL_MS = 10_000;
const CLOSING = Buffer.from(`--${BOUNDARY}--\r\n`, 'latin1');
const CRLF = Buffer.from('\r\n', 'latin1');

/**
 * A frame as one multipart part, built once and written to every viewer. The JPEG may
 * come in pieces (the encoder's output around an inserted COM segment): they are joined
 * here, in the one copy the part needs anyway.
 */
export function mjpegPart(jpeg: Buffer | readonly Buffer[]): Buffer {
  const pieces = Buffer.isBuffer(jpeg) ? [jpeg] : jpeg;
  const length = pieces.reduce((n, b) => n + b.length, 0);
  const head = Buffer.from(`--${BOUNDARY}\r\nContent-Type: image/jpeg\r\nContent-Length: ${length}\r\n\r\n`, 'latin1');
  return Buffer.concat([head, ...pieces, CRLF]);
}

export interface ClientLimits {
  /** End after this many frames (nbrofframes); undefined = no limit. */
  frames?: number;
  /** End after this many ms (duration); undefined = no limit. */
  durationMs?: number;
}

export interface ClientStats {
  sent: number;
  /** Frames passed over because the socket had not drained. */
  skipped: number;
  /** How the viewer left: 'limit' (nbrofframes/duration), 'closed' (peer or shutdown), 'stalled'. */
  ended?: 'limit' | 'closed' | 'stalled';
}

export class MjpegClient {
  readonly stats: ClientStats = { sent: 0, skipped: 0 };
  private blockedSince: number | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly res: ServerResponse,
    private readonly limits: ClientLimits,
    private readonly onGone: (c: MjpegClient) => void,
  ) {
    res.on('close', () => this.leave('closed'));
    res.on('drain', () => (this.blockedSince = undefined));
    if (limits.durationMs !== undefined) this.timer = setTimeout(() => this.finish(), limits.durationMs);
  }

  get done(): boolean {
    return this.stats.ended !== undefined;
  }

  /** A new frame for this viewer (nowMs on the performance.now() clock). */
  offer(part: Buffer, nowMs = performance.now()): void {
    if (this.done) return;
    if (this.res.destroyed) return this.leave('closed'); // closed before 'close' was seen
    if (this.res.writableNeedDrain) {
      this.blockedSince ??= nowMs;
      if (nowMs - this.blockedSince > STALL_MS) {
        this.leave('stalled');
        this.res.destroy();
        return;
      }
      this.stats.skipped++;
      return;
    }
    this.res.write(part);
    this.stats.sent++;
    if (this.limits.frames !== undefined && this.stats.sent >= this.limits.frames) this.finish();
  }

  /** Ends the stream cleanly with the closing boundary. */
  finish(): void {
    if (this.done) return;
    this.leave('limit');
    this.res.end(CLOSING);
  }

  private leave(how: NonNullable<ClientStats['ended']>): void {
    if (this.done) return;
    this.stats.ended = how;
    if (this.timer) clearTimeout(this.timer);
    this.onGone(this);
  }
}
