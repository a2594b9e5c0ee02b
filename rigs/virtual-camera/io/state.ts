// The virtual camera's digital I/O at run time (spec §5), one per camera: `ioOf(cam)`.
//
// Inputs are driven from outside (the relay wiring, a unit test): setInput(n, closed)
// says whether the input's circuit is closed (relay on). Input.I<n-1>.Trig says which
// circuit state counts as ACTIVE: `closed` (default) or `open`.
// Outputs are driven by output.cgi / port.cgi, with pulse sequences. Output.O<n-1>.Active
// says what the contacts do when the output is active: `closed` (default) closes them,
// `open` opens them. The contact is what the rig's sense line sees (closed = high).
//
// Events: `edge` whenever a port's active state changes (for input.cgi's monitor),
// `contact` whenever an output's contacts change (for the relay wiring). A reboot or a
// factory default cancels running sequences and leaves every output inactive; input
// circuits belong to the rig and keep their state.
import { EventEmitter } from 'node:events';
import type { VirtualCameraState } from '../state.ts';
import { perCamera } from '../per-camera.ts';
import { formatSteps, type ActionStep } from './action.ts';
import { allPorts, type Port } from './ports.ts';
import { syncTwins } from './twins.ts';

export interface IoEvents {
  /** Port (from 1, inputs first) went active (true) or inactive. */
  edge: [port: number, active: boolean];
  /** Output n's (from 1) contacts closed (true) or opened. */
  contact: [output: number, closed: boolean];
}

export class IoState {
  readonly events = new EventEmitter<IoEvents>();
  private readonly closed: boolean[]; // input circuits, index n-1
  private readonly driven: boolean[]; // outputs' commanded state, index n-1
  private readonly timers: (NodeJS.Timeout | undefined)[]; // a running sequence per output
  private active: boolean[] = []; // per port, index port-1: what was last reported
  private contacts: boolean[] = []; // per output, index n-1

  constructor(private readonly cam: VirtualCameraState) {
    this.closed = new Array<boolean>(cam.model.inputs).fill(false);
    this.driven = new Array<boolean>(cam.model.outputs).fill(false);
    this.timers = new Array<NodeJS.Timeout | undefined>(cam.model.outputs).fill(undefined);
    this.active = allPorts(cam.model).map((p) => this.compute(p));
    this.contacts = this.driven.map((_, i) => this.contactOf(i + 1));
    this.events.setMaxListeners(64); // monitor streams each listen; motion's cap is similar
    cam.events.on('params', (names) => this.paramsChanged(names));
    cam.events.on('shutdown', () => this.allInactive('camera going down'));
    cam.events.on('factory', () => this.allInactive('factory default'));
    cam.events.on('boot', () => this.refresh());
  }

  /** Drives input n's circuit (true = closed). Throws for an input the model lacks. */
  setInput(n: number, closed: boolean): void {
    if (!Number.isInteger(n) || n < 1 || n > this.closed.length)
      throw new RangeError(`virtual camera ${this.cam.model.prodNbr} has no input ${n} (inputs: ${this.closed.length ? `1..${this.closed.length}` : 'none'})`);
    this.closed[n - 1] = closed;
    this.refresh();
  }

  inputClosed(n: number): boolean {
    return this.closed[n - 1] ?? false;
  }

  /** The port's state as input.cgi reports it. */
  isActive(port: number): boolean {
    return this.active[port - 1] ?? false;
  }

  /** Output n's contacts (true = closed): what a sense line wired to it reads. */
  contactClosed(n: number): boolean {
    return this.contacts[n - 1] ?? false;
  }

  /** True while a pulse sequence runs on output n. */
  busy(n: number): boolean {
    return this.timers[n - 1] !== undefined;
  }

  /**
   * Runs validated steps on output n (from 1), replacing any sequence still running on
   * it. Steps before the first wait take effect before this returns; the rest follow on
   * a drift-free schedule (each wait counts from when the previous one was due).
   */
  run(n: number, steps: readonly ActionStep[], who: string): void {
    this.cancel(n);
    if (steps.length > 1) this.cam.log.add('io', `output ${n}: sequence ${formatSteps(steps)} (${who})`);
    let i = 0;
    let due = performance.now();
    const advance = () => {
      this.timers[n - 1] = undefined;
      while (i < steps.length) {
        const s = steps[i++];
        if (s.kind === 'set') {
          this.drive(n, s.active, who);
          continue;
        }
        due += s.ms;
        const t = setTimeout(advance, Math.max(0, due - performance.now()));
        // A stopped camera must not keep the process alive for the rest of a long sequence.
        t.unref();
        this.timers[n - 1] = t;
        return;
      }
    };
    advance();
  }

  private drive(n: number, active: boolean, who: string): void {
    if (this.driven[n - 1] === active) return;
    this.driven[n - 1] = active;
    this.cam.log.add('io', `output ${n} ${active ? 'active' : 'inactive'} (${who})`);
    this.refresh();
  }

  private cancel(n: number): void {
    const t = this.timers[n - 1];
    if (t) clearTimeout(t);
    this.timers[n - 1] = undefined;
  }

  private allInactive(why: string): void {
    for (let n = 1; n <= this.driven.length; n++) {
      this.cancel(n);
      this.drive(n, false, why);
    }
  }

  private paramsChanged(names: readonly string[]): void {
    if (!names.some((n) => /^(Input|Output|IOPort)\./.test(n))) return;
    const twins = syncTwins(this.cam, names);
    this.refresh();
    // Listeners of the camera learn about the twins too (this handler sees them unchanged).
    this.cam.changed(twins);
  }

  /** Recomputes every port from circuits, commands and parameters; emits what changed. */
  private refresh(): void {
    for (const p of allPorts(this.cam.model)) {
      const now = this.compute(p);
      if (this.active[p.port - 1] === now) continue;
      this.active[p.port - 1] = now;
      this.events.emit('edge', p.port, now);
    }
    for (let n = 1; n <= this.driven.length; n++) {
      const now = this.contactOf(n);
      if (this.contacts[n - 1] === now) continue;
      this.contacts[n - 1] = now;
      this.events.emit('contact', n, now);
    }
  }

  private compute(p: Port): boolean {
    if (p.kind === 'output') return this.driven[p.n - 1];
    // Trig names the circuit state that counts as active.
    return this.closed[p.n - 1] === (this.setting(`Input.I${p.n - 1}.Trig`) === 'closed');
  }

  private contactOf(n: number): boolean {
    return this.driven[n - 1] === (this.setting(`Output.O${n - 1}.Active`) === 'closed');
  }

  private setting(name: string): string {
    // A parameter missing (e.g. mid-upgrade) falls back to the factory meaning.
    return this.cam.params.get(name) ?? 'closed';
  }
}

export const ioOf = perCamera((cam) => new IoState(cam));
