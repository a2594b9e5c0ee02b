// The virtual relay board on a pseudo-terminal: socat creates a pty and links it at
// `path`; the emulator answers on socat's other side. The harness opens `path` with the
// real serialport binding and the same numato driver it uses for a real board.
//
// socat's other side is its STDIO (our pipes) rather than a second pty: when this process
// dies, even by SIGKILL, socat reads EOF on its stdin and exits, removing the link. With two
// ptys it would live on as an orphan.
//
// Without socat the board falls back to serialport's in-process MockBinding (mock-board.ts)
// and says so in one line; `kind` and `binding` tell the caller which it got.

import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SerialBinding } from './mock-board.ts';
import { NumatoEmulator } from './numato-emulator.ts';
import { mockBoardLink } from './mock-board.ts';

export interface VirtualRelayOptions {
  /** Where to link the board's terminal; default: a fresh temporary directory. */
  linkPath?: string;
  /** socat executable (default: `socat` on PATH; the harness passes SOCAT, fixtures/options.ts). */
  socat?: string;
  /** How long to wait for socat to link the terminal (default 5000 ms). */
  startTimeoutMs?: number;
}

export interface VirtualRelayBoard {
  readonly kind: 'pty' | 'mock';
  /** What a driver opens: openBoard({ driver: 'virtual', path, binding }). */
  readonly path: string;
  /** Only for kind 'mock': the binding openBoard needs to reach the board. */
  readonly binding: SerialBinding | undefined;
  on(event: 'relay', listener: (channel: number, on: boolean) => void): this;
  off(event: 'relay', listener: (channel: number, on: boolean) => void): this;
  relayState(n: number): boolean;
  /** Drives GPIO n (a camera output wired to a sense line). */
  setGpio(n: number, level: boolean): void;
  close(): Promise<void>;
}

class Board extends EventEmitter implements VirtualRelayBoard {
  readonly emulator = new NumatoEmulator((channel, on) => this.emit('relay', channel, on));
  closer: () => Promise<void> = async () => {};
  constructor(readonly kind: 'pty' | 'mock', readonly path: string, readonly binding: SerialBinding | undefined) {
    super();
  }
  relayState(n: number): boolean {
    return this.emulator.relay(n);
  }
  setGpio(n: number, level: boolean): void {
    this.emulator.setGpio(n, level);
  }
  close(): Promise<void> {
    const close = this.closer;
    this.closer = async () => {};
    return close();
  }
}

const running = new Set<ChildProcess>();
let mockCount = 0;

export async function startVirtualRelayBoard(o: VirtualRelayOptions = {}): Promise<VirtualRelayBoard> {
  const socat = findExecutable(o.socat ?? 'socat');
  if (!socat) {
    const where = o.linkPath ?? `/virtual/relay-${process.pid}-${++mockCount}`;
    console.warn(`virtual relay board: socat not found (${o.socat ?? 'socat'}), using serialport's in-process mock binding at ${where}`);
    let board: Board | undefined;
    const link = mockBoardLink(where, (bytes) => board!.emulator.feed(bytes));
    board = new Board('mock', where, link.binding);
    board.closer = async () => link.close();
    return board;
  }
  const tmp = o.linkPath ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'camera-hil-relay-'));
  const link = o.linkPath ?? path.join(tmp!, 'ttyVRELAY0');
  try {
    prepareLink(link);
    return await startPty(socat, link, o.startTimeoutMs ?? 5000, tmp);
  } catch (err) {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

async function startPty(socat: string, link: string, timeoutMs: number, tmp: string | undefined): Promise<Board> {
  const child = spawn(socat, ['-d', '-d', `pty,raw,echo=0,link=${link}`, 'STDIO'], { stdio: ['pipe', 'pipe', 'pipe'] });
  running.add(child);
  let log = '';
  child.stderr!.on('data', (d: Buffer) => { log = (log + d.toString()).slice(-4000); });
  child.stdin!.on('error', () => {}); // EPIPE once socat has gone; the exit is what matters
  let gone = false; // exited, or never started (spawn error: no 'exit' event then)
  const exited = new Promise<void>((resolve) => {
    const done = () => { gone = true; running.delete(child); resolve(); };
    child.once('exit', done);
    child.once('error', (err) => { log += `\n${err.message}`; done(); });
  });
  const board = new Board('pty', link, undefined);
  child.stdout!.on('data', (d: Buffer) => {
    const reply = board.emulator.feed(d);
    if (reply.length > 0 && child.stdin!.writable) child.stdin!.write(reply);
  });
  board.closer = async () => {
    if (!gone) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
    }
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  };
  const ready = await new Promise<boolean>((resolve) => {
    const deadline = Date.now() + timeoutMs;
    const check = () => {
      if (/starting data transfer loop/.test(log) && fs.existsSync(link)) resolve(true);
      else if (gone || Date.now() > deadline) resolve(false);
      else setTimeout(check, 10);
    };
    check();
  });
  if (!ready) {
    const exitedEarly = gone;
    await board.close();
    const tail = log.trim().split('\n').slice(-3).join(' | ');
    throw new Error(`virtual relay board: socat ${exitedEarly ? 'exited' : `did not link ${link} within ${timeoutMs} ms`}${tail ? `: ${tail}` : ''}`);
  }
  return board;
}

// socat silently replaces whatever sits at its link path and deletes it on exit: refuse
// anything but a stale link left by a board that died.
function prepareLink(link: string): void {
  if (/[,:!'"\s]/.test(link)) throw new Error(`virtual relay board: link path ${JSON.stringify(link)} contains a character socat's address syntax reserves (, : ! quote or space)`);
  let st: fs.Stats;
  try {
    st = fs.lstatSync(link);
  } catch {
    return; // nothing there
  }
  if (st.isSymbolicLink() && !fs.existsSync(link)) return fs.unlinkSync(link);
  const what = st.isSymbolicLink() ? `links to ${fs.readlinkSync(link)}, a live terminal (another virtual board?)` : 'exists and is not a link';
  throw new Error(`virtual relay board: ${link} ${what}; refusing to replace it`);
}

function findExecutable(name: string): string | undefined {
  const candidates = name.includes('/') ? [name] : (process.env.PATH ?? '').split(':').filter(Boolean).map((dir) => path.join(dir, name));
  return candidates.find((file) => {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

// A process that exits without closing its boards must not leave socat behind.
process.once('exit', () => { for (const child of running) child.kill('SIGKILL'); });
