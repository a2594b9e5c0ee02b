// What the I/O suites share: the input monitor read as it streams (each part with the
// time it arrived, for latencies), and a sense line watched closely (for the output
// latency and pulse lengths). Every wait has a deadline and says what it was waiting for;
// a camera that stays silent or whose output never moves is a CameraDefect, never a
// harness timeout.
import type { Camera, CameraStream, IoState } from '../../lib/camera/index.ts';
import { parseIoStates } from '../../lib/camera/index.ts';
import { CameraDefect, LabProblem } from '../../lib/errors.ts';
import { MultipartParser } from '../../lib/media/multipart.ts';
import { SenseLevelNotReached } from '../../rigs/relay/errors.ts';
import type { SenseInput } from '../../rigs/relay/protocol.ts';

export interface MonitorPart {
  states: IoState[];
  /** performance.now() when the part's last byte arrived. */
  arrivedAt: number;
  index: number;
}

/** input.cgi?monitor= sent no part with what was asked for before the deadline. */
class InputMonitorSilent extends CameraDefect {
  override name = 'InputMonitorSilent';
}

/** input.cgi?monitor=<ports>, parts queued as they arrive; close() it when done. */
export class InputMonitor {
  private readonly parts: MonitorPart[] = [];
  private cursor = 0;
  private failure: Error | undefined;
  private ended = false;
  private wake: (() => void) | undefined;
  readonly openedAt = performance.now();

  private constructor(private readonly stream: CameraStream) {
    let parser: MultipartParser;
    try {
      parser = new MultipartParser(stream.contentType);
    } catch (err) {
      stream.close();
      throw new CameraDefect(`input.cgi monitor answered Content-Type ${JSON.stringify(stream.contentType)}, not §5.2's multipart/x-mixed-replace: ${(err as Error).message}`);
    }
    stream.body.on('data', (chunk: Buffer) => {
      try {
        for (const p of parser.push(chunk)) this.parts.push({ states: parseIoStates(p.body.toString('latin1')), arrivedAt: p.arrivedAt, index: p.index });
      } catch (err) {
        // Framing or check data that is not §5.2's: what the camera sent is wrong.
        this.failure = new CameraDefect(`input.cgi monitor stream is not as §5.2 writes it: ${(err as Error).message}`);
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

  /** The next part (after those already taken) that `match`es; earlier ones are skipped. Throws InputMonitorSilent at the deadline. */
  async next(what: string, match: (p: MonitorPart) => boolean, timeoutMs = 5000): Promise<MonitorPart> {
    const p = await this.poll(match, timeoutMs);
    if (p) return p;
    throw new InputMonitorSilent(`input.cgi monitor sent no part with ${what} within ${timeoutMs} ms (parts so far: ${this.describe()})`);
  }

  /** Like next(), but resolves undefined at the deadline (for what the spec does not promise). */
  async poll(match: (p: MonitorPart) => boolean, timeoutMs: number): Promise<MonitorPart | undefined> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      while (this.cursor < this.parts.length) {
        const p = this.parts[this.cursor++];
        if (match(p)) return p;
      }
      if (this.failure) throw this.failure instanceof CameraDefect || this.failure instanceof LabProblem ? this.failure : new CameraDefect(`input.cgi monitor stream failed: ${this.failure.message}`);
      if (this.ended) throw new CameraDefect(`the camera ended the input.cgi monitor stream (${this.parts.length} parts: ${this.describe()})`);
      const left = deadline - performance.now();
      if (left <= 0) return undefined;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => (clearTimeout(timer), resolve());
      });
      this.wake = undefined;
    }
  }

  /** The state of `port` in every part so far that lists it, in order. */
  history(port: number): boolean[] {
    return this.parts.map((p) => stateOf(p, port)).filter((s): s is boolean => s !== undefined);
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

/** Runs of equal states folded into one: [a, a, b, a] → [a, b, a]. */
export function edges(states: readonly boolean[]): boolean[] {
  return states.filter((s, i) => i === 0 || s !== states[i - 1]);
}

/**
 * Adds what input.cgi?check says meanwhile to a silent monitor's message, so the report
 * tells "the monitor missed the edge" from "the input never changed".
 */
export async function explainSilence(err: unknown, camera: Camera, port: number): Promise<never> {
  if (err instanceof InputMonitorSilent) {
    const now = await camera.io.checkInputs([port]).then(
      (s) => s.map((x) => `IO${x.port}:${x.char}`).join(' ') || 'no line',
      (e: Error) => `no answer (${e.message})`,
    );
    err.message += `; input.cgi?check=${port} meanwhile reports ${now}`;
  }
  throw err;
}

/** input.cgi?check=<port> until it reports `want` or `timeoutMs` passed; the last state read. */
export async function inputStateSettled(camera: Camera, port: number, want: boolean, timeoutMs = 3000): Promise<IoState> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const states = await camera.io.checkInputs([port]);
    const mine = states.find((s) => s.port === port);
    if (!mine) throw new CameraDefect(`input.cgi?check=${port} answered without an IO${port} line (${states.map((s) => `IO${s.port}:${s.char}`).join(' ') || 'nothing'})`);
    if (mine.active === want || performance.now() > deadline) return mine;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Reads the sense line back to back until it shows `level`; resolves with the
 * performance.now() of the read that saw it. The error of one edge is one read's round
 * trip (a few ms), much finer than SenseInput.waitFor's 10 ms polling. A line that never
 * gets there is SenseLevelNotReached: the camera output driving it did not follow.
 */
export async function senseSeenAt(sense: SenseInput, level: boolean, timeoutMs: number, what: string): Promise<number> {
  const seen = await senseWithin(sense, level, timeoutMs);
  if (seen.at !== undefined) return seen.at;
  throw new SenseLevelNotReached(`${what}: the sense line wired to the output did not go ${level ? 'high' : 'low'} within ${timeoutMs} ms`);
}

/** Like senseSeenAt, for what the spec does not promise: `at` is undefined when the level never showed. */
export async function senseWithin(sense: SenseInput, level: boolean, timeoutMs: number): Promise<{ at?: number; last: boolean }> {
  const start = performance.now();
  for (;;) {
    const now = await sense.read();
    const t = performance.now();
    if (now === level) return { at: t, last: now };
    if (t - start > timeoutMs) return { last: now };
    // A board answering without real I/O (the in-process mock) would otherwise keep the
    // loop in promise callbacks, starving the HTTP request this watch is waiting for.
    await new Promise((r) => setImmediate(r));
  }
}

export const levelName = (high: boolean): string => (high ? 'high' : 'low');
