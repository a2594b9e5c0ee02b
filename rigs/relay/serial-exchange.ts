// The one piece of serial plumbing every board driver shares: open a port with a clear
// error, then "write, then read until the reply is complete, with a timeout", one command
// in flight per port. Boards talk in request/reply pairs; a reply that never completes
// must become an error naming the port and the command, never a hang.

// serialport (its native binding included) is loaded when a port is opened, not with this
// module: every Playwright runner imports the suites, and with them this file, only to list
// the tests (~0.1 s of CPU per process that never opens a port).
import type { SerialPortStream, OpenOptions } from '@serialport/stream';
import { RelayError } from './errors.ts';

/** A serialport binding (the OS one, MockBinding, or the in-process virtual board's). */
export type SerialBinding = OpenOptions['binding'];

export interface LinkOptions {
  path: string;
  baudRate: number;
  /** Defaults to the real OS binding; tests and the in-process virtual board pass their own. */
  binding?: SerialBinding;
  /** Per-command reply timeout (default 1000 ms). */
  timeoutMs?: number;
  /** How the board is named in messages, e.g. "numato board". */
  label: string;
}

interface Waiter {
  complete: (rx: Buffer) => boolean;
  resolve: (rx: Buffer) => void;
  reject: (err: Error) => void;
}

/** Printable text as a JSON string, anything else as hex: what a technician can compare. */
export function showBytes(b: Buffer): string {
  const cut = b.subarray(0, 64);
  const more = b.length > cut.length ? ` ...(${b.length} bytes)` : '';
  if (cut.every((c) => (c >= 0x20 && c < 0x7f) || c === 0x0a || c === 0x0d)) {
    return JSON.stringify(cut.toString('latin1')) + more;
  }
  return `[${[...cut].map((c) => c.toString(16).padStart(2, '0')).join(' ')}]${more}`;
}

// serialport's errors carry no code, only text: classify on the OS wording.
function openError(err: Error, path: string, label: string): RelayError {
  const m = err.message;
  if (/no such file|ENOENT|does not exist/i.test(m)) {
    return new RelayError('missing', `${label}: port ${path} does not exist (is the board plugged in? see ls /dev/serial/by-id/)`);
  }
  if (/cannot lock|locked|EBUSY|busy|temporarily unavailable/i.test(m)) {
    return new RelayError('busy', `${label}: port ${path} is busy: another process has it open (find it with: fuser ${path})`);
  }
  if (/permission denied|EACCES/i.test(m)) {
    return new RelayError('permission', `${label}: no permission to open ${path} (add the user to the dialout group)`);
  }
  return new RelayError('io', `${label}: cannot open ${path}: ${m}`);
}

export class SerialLink {
  private rx = Buffer.alloc(0);
  private waiter: Waiter | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private closed: Error | undefined;

  private constructor(private readonly port: SerialPortStream, readonly path: string, readonly label: string, readonly timeoutMs: number) {
    port.on('data', (chunk: Buffer) => {
      this.rx = Buffer.concat([this.rx, chunk]);
      if (this.waiter?.complete(this.rx)) {
        const w = this.waiter;
        this.waiter = undefined;
        w.resolve(this.rx);
      }
    });
    port.on('error', (err: Error) => this.fail(new RelayError('io', `${label}: port ${path} failed: ${err.message}`)));
    port.on('close', () => this.fail(new RelayError('io', `${label}: port ${path} was closed (unplugged?)`)));
  }

  static async open(o: LinkOptions): Promise<SerialLink> {
    const timeoutMs = o.timeoutMs ?? 1000;
    const { SerialPortStream } = await import('@serialport/stream');
    const binding = o.binding ?? (await import('serialport')).SerialPort.binding;
    const port = new SerialPortStream({ binding, path: o.path, baudRate: o.baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) => {
      // Opening a wedged USB device can stall in the kernel; do not wait for ever.
      let late = false;
      const timer = setTimeout(() => {
        late = true;
        reject(new RelayError('no-answer', `${o.label}: opening ${o.path} did not finish within ${5 * timeoutMs} ms`));
      }, 5 * timeoutMs);
      port.open((err) => {
        clearTimeout(timer);
        if (late) { if (!err) port.close(); return; } // nobody waits for it any more
        if (err) reject(openError(err, o.path, o.label));
        else resolve();
      });
    });
    // Bytes the board sent before we opened belong to nobody.
    // A wedged device must not hang the open: give the flush the same deadline.
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, timeoutMs);
      port.flush(() => (clearTimeout(t), resolve()));
    });
    return new SerialLink(port, o.path, o.label, timeoutMs);
  }

  /** Write `out`, resolve with the reply once `complete(reply)` says it is whole. */
  exchange(out: Buffer, complete: (rx: Buffer) => boolean, what: string, timeoutMs = this.timeoutMs): Promise<Buffer> {
    return this.serial(() => new Promise<Buffer>((resolve, reject) => {
      if (this.closed) return reject(this.closed);
      this.rx = Buffer.alloc(0); // a late reply to an earlier, timed-out command is stale
      const timer = setTimeout(() => {
        this.waiter = undefined;
        const got = this.rx.length ? ` (received only ${showBytes(this.rx)})` : '';
        reject(new RelayError('no-answer', `${this.label}: no complete answer on ${this.path} to ${what} within ${timeoutMs} ms${got}`));
      }, timeoutMs);
      this.waiter = {
        complete,
        resolve: (rx) => { clearTimeout(timer); resolve(Buffer.from(rx)); },
        reject: (err) => { clearTimeout(timer); reject(err); },
      };
      this.write(out, what, timeoutMs).catch((err: Error) => { this.waiter?.reject(err); this.waiter = undefined; });
    }));
  }

  /** Write a command the board does not answer; resolves once the OS has sent it. */
  send(out: Buffer, what: string, timeoutMs = this.timeoutMs): Promise<void> {
    return this.serial(() => (this.closed ? Promise.reject(this.closed) : this.write(out, what, timeoutMs)));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.fail(new RelayError('io', `${this.label}: port ${this.path} is closed`));
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.timeoutMs);
      this.port.close(() => { clearTimeout(timer); resolve(); });
    });
  }

  private write(out: Buffer, what: string, timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new RelayError('no-answer', `${this.label}: ${this.path} did not accept ${what} within ${timeoutMs} ms`)), timeoutMs);
      const done = (err: Error | null | undefined) => {
        clearTimeout(timer);
        if (err) reject(new RelayError('io', `${this.label}: writing ${what} to ${this.path} failed: ${err.message}`));
        else resolve();
      };
      this.port.write(out, (err) => (err ? done(err) : this.port.drain(done)));
    });
  }

  private fail(err: Error): void {
    this.closed ??= err;
    const w = this.waiter;
    this.waiter = undefined;
    w?.reject(err);
  }

  // One command in flight per port: replies carry no id, so overlap would mix them up.
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
