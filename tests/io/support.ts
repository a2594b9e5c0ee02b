// What the I/O suites share: the input monitor read as it streams (each part with the
// time it arrived, for latencies), and a sense line watched closely (for the output
// latency and pulse lengths). Every wait has a deadline and says what it was waiting for.
import type { Camera, CameraStream, IoState } from '../../lib/camera/index.ts';
import { parseIoStates } from '../../lib/camera/index.ts';
import { MultipartParser } from '../../lib/media/multipart.ts';
import type { SenseInput } from '../../rigs/relay/protocol.ts';

export interface MonitorPart {
  states: IoState[];
  /** performance.now() when the part's last byte arrived. */
  arrivedAt: number;
  index: number;
}

/** input.cgi?monitor=<ports>, parts queued as they arrive; close() it when done. */
export class InputMonitor {
  private readonly parts: MonitorPart[] = [];
  private cursor = 0;
  private failure: Error | undefined;
  private ended = false;
  private wake: (() => void) | undefined;

  private constructor(private readonly stream: CameraStream) {
    const parser = new MultipartParser(stream.contentType);
    stream.body.on('data', (chunk: Buffer) => {
      try {
        for (const p of parser.push(chunk)) this.parts.push({ states: parseIoStates(p.body.toString('latin1')), arrivedAt: p.arrivedAt, index: p.index });
      } catch (err) {
        this.failure = err as Error;
        stream.close();
      }
      this.wake?.();
    });
    stream.body.on('error', (err) => ((this.failure ??= err), this.wake?.()));
    stream.body.on('close', () => ((this.ended = true), this.wake?.()));
  }

  static async open(camera: Camera, ports: readonly number[], timeoutMs = 10_000): Promise<InputMonitor> {
    // The stream is silent between edges: no idle timeout, the waits below have deadlines.
    return new InputMonitor(await camera.io.monitor(ports, { idleTimeoutMs: 0, timeoutMs }));
  }

  /** The next part (after those already taken) that `match`es; earlier ones are skipped. */
  async next(what: string, match: (p: MonitorPart) => boolean, timeoutMs = 5000): Promise<MonitorPart> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      while (this.cursor < this.parts.length) {
        const p = this.parts[this.cursor++];
        if (match(p)) return p;
      }
      if (this.failure) throw new Error(`input monitor failed while waiting for ${what}: ${this.failure.message}`);
      if (this.ended) throw new Error(`input monitor ended while waiting for ${what} (${this.parts.length} parts)`);
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`input monitor: no part with ${what} within ${timeoutMs} ms (parts so far: ${this.describe()})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => (clearTimeout(timer), resolve());
      });
      this.wake = undefined;
    }
  }

  /** The state of `port` in every part so far, in order. */
  history(port: number): (boolean | undefined)[] {
    return this.parts.map((p) => stateOf(p, port));
  }

  describe(): string {
    return this.parts.map((p) => p.states.map((s) => `IO${s.port}:${s.char}`).join(' ')).join(' | ') || 'none';
  }

  close(): void {
    this.stream.close();
  }
}

/** The state of `port` in a part (undefined when the part does not list it). */
export function stateOf(p: MonitorPart, port: number): boolean | undefined {
  return p.states.find((s) => s.port === port)?.active;
}

/**
 * Reads the sense line back to back until it shows `level`; resolves with the
 * performance.now() of the read that saw it. The error of one edge is one read's round
 * trip (a few ms), much finer than SenseInput.waitFor's 10 ms polling.
 */
export async function senseSeenAt(sense: SenseInput, level: boolean, timeoutMs: number, what: string): Promise<number> {
  const start = performance.now();
  for (;;) {
    const now = await sense.read();
    const t = performance.now();
    if (now === level) return t;
    if (t - start > timeoutMs) throw new Error(`${what}: the sense line did not go ${level ? 'high' : 'low'} within ${timeoutMs} ms`);
    // A board answering without real I/O (the in-process mock) would otherwise keep the
    // loop in promise callbacks, starving the HTTP request this watch is waiting for.
    await new Promise((r) => setImmediate(r));
  }
}
