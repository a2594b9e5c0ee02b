// The protocol side of the virtual relay board: a Numato 8-relay + 8-GPIO module, bytes in,
// bytes out. Written from the board's manual, deliberately sharing no code with the numato
// driver in rigs/relay, so a misreading of the protocol cannot hide on both sides.
//
// Like the real board it echoes every character as it arrives, answers CR with "\n\r",
// then the value line (if any) and the ">" prompt. A command it does not know (or a relay
// or GPIO it does not have) is echoed and prompted, nothing else, as the real board does.

const RELAYS = 8;
const GPIOS = 8;
const VERSION = '00000008';
const MAX_LINE = 64; // the real board's line buffer is small; never grow without bound

export class NumatoEmulator {
  private readonly relays = new Array<boolean>(RELAYS).fill(false);
  private readonly gpios = new Array<boolean>(GPIOS).fill(false);
  private line = '';

  /** `onRelay` is told of every relay that changes state. */
  constructor(private readonly onRelay: (channel: number, on: boolean) => void = () => {}) {}

  /** Feeds what the host wrote; returns what the board sends back. */
  feed(input: Buffer): Buffer {
    let out = '';
    for (const byte of input) {
      const ch = String.fromCharCode(byte);
      if (ch === '\r') {
        out += '\n\r' + this.run(this.line.trim()) + '>';
        this.line = '';
      } else if (ch !== '\n') { // terminals that send CR LF: the LF is not part of a command
        out += ch;
        if (this.line.length < MAX_LINE) this.line += ch;
      }
    }
    return Buffer.from(out, 'latin1');
  }

  relay(n: number): boolean {
    return this.relays[index(n, RELAYS, 'relay')];
  }

  setGpio(n: number, level: boolean): void {
    this.gpios[index(n, GPIOS, 'GPIO')] = level;
  }

  /** Runs one command line; returns the value line(s) to print before the prompt. */
  private run(line: string): string {
    const words = line.split(/\s+/);
    const [cmd, sub, arg] = words;
    const value = (v: string) => `${v}\n\r`;
    if (words.length === 1 && cmd === 'ver') return value(VERSION);
    if (words.length === 2 && cmd === 'id' && sub === 'get') return value('00000000');
    if (words.length === 2 && cmd === 'relay' && sub === 'readall') {
      const mask = this.relays.reduce((m, on, i) => m | (on ? 1 << i : 0), 0);
      return value(mask.toString(16).padStart(2, '0'));
    }
    if (words.length === 2 && cmd === 'relay' && sub === 'reset') {
      this.relays.forEach((_, i) => this.switch(i, false));
      return '';
    }
    if (words.length !== 3) return '';
    const n = boardNumber(arg);
    if (cmd === 'relay' && n !== undefined && n < RELAYS) {
      if (sub === 'on' || sub === 'off') this.switch(n, sub === 'on');
      if (sub === 'read') return value(this.relays[n] ? 'on' : 'off');
    }
    if (cmd === 'gpio' && sub === 'read' && n !== undefined && n < GPIOS) return value(this.gpios[n] ? '1' : '0');
    return '';
  }

  private switch(n: number, on: boolean): void {
    if (this.relays[n] === on) return;
    this.relays[n] = on;
    this.onRelay(n, on);
  }
}

/** The board numbers things 0-9, then A, B, C... (upper case, as in the manual). */
function boardNumber(s: string): number | undefined {
  if (/^[0-9]$/.test(s)) return Number(s);
  if (/^[A-V]$/.test(s)) return s.charCodeAt(0) - 'A'.charCodeAt(0) + 10;
  return undefined;
}

function index(n: number, count: number, what: string): number {
  if (!Number.isInteger(n) || n < 0 || n >= count) throw new RangeError(`virtual relay board has no ${what} ${n} (0..${count - 1})`);
  return n;
}
