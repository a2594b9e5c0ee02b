// I/O (spec chapter 5): outputs through output.cgi or port.cgi with VAPIX action
// strings (`1:/` active, `1:\` inactive, `1:/300\` a 300 ms pulse), inputs through
// input.cgi: check=1,2 answers `IO<n>:<char>` lines (/ or H active, \ or L inactive,
// extra blank lines allowed); monitor=<ports> streams the same lines as multipart parts.

import type { CameraClient, CameraStream } from './http.ts';
import { expectNoError, parseReply } from './reply.ts';

export interface IoState {
  port: number;
  active: boolean;
  /** The character the camera sent. */
  char: string;
}

/** One step of an action: '/' activate, '\\' deactivate, a number waits that many ms. */
export type IoStep = '/' | '\\' | number;

function port(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new Error(`I/O port must be an integer 1..99, got ${n}`);
  return n;
}

/** Builds `<port>:<steps>`, e.g. (1, ['/', 300, '\\']) -> `1:/300\`. */
export function ioAction(p: number, steps: readonly IoStep[]): string {
  if (steps.length === 0) throw new Error('I/O action needs at least one step');
  const body = steps
    .map((s) => {
      if (s === '/' || s === '\\') return s;
      if (typeof s === 'number' && Number.isInteger(s) && s > 0) return String(s);
      throw new Error(`bad I/O action step ${JSON.stringify(s)} ('/', '\\\\' or a positive integer of ms)`);
    })
    .join('');
  // Two waits in a row would read as one number on the wire.
  if (/\d$/.test(body) || steps.some((s, i) => typeof s === 'number' && typeof steps[i + 1] === 'number')) {
    throw new Error(`I/O action ${JSON.stringify(body)}: a wait must sit between two state changes`);
  }
  return `${port(p)}:${body}`;
}

/** Parses `IO<n>:<char>` lines; blank lines are skipped, anything else is an error. */
export function parseIoStates(text: string): IoState[] {
  const out: IoState[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || /^content-/i.test(line)) continue;
    const m = /^IO(\d+)\s*:\s*(\S)$/i.exec(line);
    if (!m) throw new Error(`I/O state line not understood: ${JSON.stringify(line.slice(0, 80))}`);
    const ch = m[2];
    let active: boolean;
    if (ch === '/' || ch.toUpperCase() === 'H') active = true;
    else if (ch === '\\' || ch.toUpperCase() === 'L') active = false;
    else throw new Error(`I/O state ${JSON.stringify(line)}: ${JSON.stringify(ch)} is none of / H \\ L`);
    out.push({ port: Number(m[1]), active, char: ch });
  }
  return out;
}

export class Io {
  constructor(private readonly client: CameraClient) {}

  /** Sets an output active or inactive (`output.cgi` by default, or `port.cgi`). */
  async setOutput(p: number, active: boolean, via: 'output' | 'port' = 'output'): Promise<void> {
    await this.action(p, [active ? '/' : '\\'], via);
  }

  /** A pulse: active for `ms`, then inactive (`1:/300\`). */
  async pulse(p: number, ms: number, via: 'output' | 'port' = 'output'): Promise<void> {
    await this.action(p, ['/', ms, '\\'], via);
  }

  /** Any action sequence, e.g. ['/', 200, '\\', 200, '/']. */
  async action(p: number, steps: readonly IoStep[], via: 'output' | 'port' = 'output'): Promise<void> {
    if (via !== 'output' && via !== 'port') throw new Error(`I/O via must be 'output' or 'port', got ${JSON.stringify(via)}`);
    expectNoError(await this.client.get(`/${via}.cgi`, { action: ioAction(p, steps) }));
  }

  /** input.cgi?check=1,2: the current state of the given inputs. */
  async checkInputs(ports: readonly number[] = [1]): Promise<IoState[]> {
    if (ports.length === 0) throw new Error('input check: give at least one port');
    const res = await this.client.get('/input.cgi', { check: ports.map(port).join(',') });
    return parseReply(res, parseIoStates);
  }

  /** input.cgi?monitor=1[,2]: a multipart stream of state parts (boundary ioboundary); close() it when done. */
  monitor(ports: readonly number[] = [1], opts: { idleTimeoutMs?: number; timeoutMs?: number } = {}): Promise<CameraStream> {
    if (ports.length === 0) throw new Error('input monitor: give at least one port');
    return this.client.stream('/input.cgi', { monitor: ports.map(port).join(',') }, opts);
  }
}
