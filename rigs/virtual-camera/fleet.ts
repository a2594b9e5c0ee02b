// A fleet of virtual cameras in one process (`npm run emulator -- --count N`): cameras
// virtual-1 .. virtual-N on consecutive ports from the first one (port 0: each on a free
// port), each optionally with its own virtual relay board wired to it.
//
// The cameras are independent: each is its own startVirtualCamera(), so its parameters,
// users, clock, SD card, PTZ head, I/O, stream hub, faults and Digest nonces are its own
// (chapters keep runtime state per camera, per-camera.ts). Only pure work is shared: the
// panorama (video/panorama.ts) and the JPEGs of equal pictures (video/shared-pictures.ts).
//
// Starting is all or nothing: when one camera or board cannot start, the ones already up
// are stopped before the error is thrown. stop() may come at any moment, also while the
// fleet is starting; it stops every camera and board started so far.
import { installFaults, type FaultController, type FaultSpec } from './faults/index.ts'; // FAULTS (robustness helper)
import { startVirtualCamera, type VirtualCamera, type VirtualCameraOptions } from './index.ts';
import { defaultWiringFor, wireRelayBoard, type RelayWires } from './relay-wiring.ts';
import { startVirtualRelayBoard, type VirtualRelayBoard } from '../virtual-relay/pty-board.ts';
import type { Wiring } from '../wiring.ts';

export interface FleetOptions {
  count: number;
  /** What every camera is; `port` is the first camera's (0 or absent: each on a free port). */
  camera: VirtualCameraOptions;
  /** Start a virtual Numato board per camera on a pty: at this path for one camera, at PATH-1 .. PATH-N for more. */
  relayPty?: string;
  faults?: FaultSpec; // FAULTS (robustness helper)
}

export interface FleetBoard {
  board: VirtualRelayBoard;
  /** The wires between this board and its camera (the default wiring for the camera's model). */
  wiring: Wiring;
  wires: RelayWires;
}

export interface FleetMember {
  /** virtual-1 .. virtual-N */
  name: string;
  camera: VirtualCamera;
  faults: FaultController; // FAULTS (robustness helper)
  board?: FleetBoard;
}

/** Why the fleet did not start. `usage`: the arguments are at fault (exit 2); else the machine (exit 1). */
export class FleetStartError extends Error {
  constructor(message: string, readonly usage: boolean) {
    super(message);
  }
}

/** start() was cut short by stop(). */
export class FleetStopped extends Error {
  constructor() {
    super('the fleet was stopped while it was starting');
  }
}

function fleetName(index: number): string {
  return `virtual-${index + 1}`;
}

/** Where camera `index`'s board is linked: the path itself for a single camera, PATH-1 .. PATH-N for a fleet. */
export function boardPath(relayPty: string, index: number, count: number): string {
  return count === 1 ? relayPty : `${relayPty}-${index + 1}`;
}

export class Fleet {
  readonly members: FleetMember[] = [];
  private starting: Promise<void> | undefined;
  private stopRequested = false;

  constructor(private readonly o: FleetOptions) {
    if (!Number.isInteger(o.count) || o.count < 1) throw new Error(`a fleet needs a whole number of cameras >= 1, got ${o.count}`);
  }

  /** Starts every camera and board, in order; on failure nothing stays up. */
  start(): Promise<void> {
    if (this.starting) throw new Error('the fleet was started already');
    this.starting = this.startAll();
    return this.starting;
  }

  /** Stops every camera and its board (also the ones a start() in progress is bringing up). */
  async stop(): Promise<void> {
    this.stopRequested = true;
    await this.starting?.catch(() => {});
    await this.stopMembers();
  }

  private async startAll(): Promise<void> {
    try {
      for (let i = 0; i < this.o.count; i++) await this.startMember(i);
    } catch (e) {
      // The start's error is the one to report; the process ends after it anyway.
      await this.stopMembers().catch(() => {});
      throw e;
    }
  }

  private async startMember(index: number): Promise<void> {
    const { count, camera: opts } = this.o;
    const port = opts.port ? opts.port + index : 0;
    let camera: VirtualCamera;
    try {
      camera = await startVirtualCamera({ ...opts, port });
    } catch (e) {
      throw startError(e, opts.host ?? '127.0.0.1', port, opts.port ? [opts.port, opts.port + count - 1] : undefined);
    }
    let faults: FaultController; // FAULTS (robustness helper)
    try {
      faults = installFaults(camera, this.o.faults);
    } catch (e) {
      await camera.stop();
      throw new FleetStartError(`--faults: ${(e as Error).message}`, true);
    }
    const member: FleetMember = { name: fleetName(index), camera, faults };
    this.members.push(member);
    // Stopping the camera also unwires and closes its relay board.
    camera.onStop(async () => {
      member.board?.wires.unwire();
      await member.board?.board.close();
    });
    if (this.stopRequested) throw new FleetStopped();
    if (this.o.relayPty !== undefined) member.board = await this.startBoard(member, boardPath(this.o.relayPty, index, count));
  }

  private async startBoard(member: FleetMember, linkPath: string): Promise<FleetBoard> {
    let board: VirtualRelayBoard;
    try {
      board = await startVirtualRelayBoard({ linkPath });
    } catch (e) {
      throw new FleetStartError((e as Error).message, true);
    }
    if (this.stopRequested || board.kind === 'mock') {
      await board.close();
      if (this.stopRequested) throw new FleetStopped();
      throw new FleetStartError('--relay-pty needs socat: without it the virtual board lives inside this process, where no other program can open it', true);
    }
    try {
      const wiring = defaultWiringFor(member.camera.state);
      return { board, wiring, wires: wireRelayBoard(member.camera.state, board, wiring) };
    } catch (e) {
      await board.close();
      throw new FleetStartError(`${member.name}: ${(e as Error).message}`, false);
    }
  }

  private async stopMembers(): Promise<void> {
    const stopping = this.members.splice(0).map((m) => m.camera.stop());
    const failed = (await Promise.allSettled(stopping)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}

/** A camera that could not listen, said as what the user can change; `range`: the fleet's ports. */
function startError(e: unknown, host: string, port: number, range: [number, number] | undefined): Error {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EADDRINUSE') {
    const taken = `port ${port} is in use on ${host} (another emulator or camera service?)`;
    return new FleetStartError(
      range && range[1] > range[0]
        ? `${taken}; the cameras need ports ${range[0]}..${range[1]}: choose another --port, or --port 0 for free ones`
        : `${taken}: choose another with --port, or --port 0 for a free one`,
      false,
    );
  }
  if (err.code === 'EADDRNOTAVAIL') return new FleetStartError(`${host} is not an address of this machine: choose another --host`, false);
  if (err.code === 'EACCES') return new FleetStartError(`port ${port} needs privileges on this machine: choose one above 1023`, false);
  // Anything else startVirtualCamera refuses is an option it was given (a firmware version, a dialect).
  return new FleetStartError(err.message, true);
}
