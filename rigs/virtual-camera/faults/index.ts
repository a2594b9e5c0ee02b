// Fault injection for one virtual camera: a fault set chosen per run (CLI --faults,
// installFaults(cam, spec) in-process, or the control endpoint /_hil/faults), applied by
// one request hook of the HTTP server and one call per frame in the stream hub.
// See README.md for the grammar and what each fault does.
//
//   const cam = await startVirtualCamera();
//   const faults = installFaults(cam, 'latency=300@/config.cgi,drop=every:5');
//   ... faults.set('reset=0.2,seed=7'); faults.clear(); faults.frameEvents() ...
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CameraHttpServer } from '../http/server.ts';
import type { VirtualCameraState } from '../state.ts';
import { CONTROL_PATH, handleControl, type FaultSet } from './control.ts';
import { FrameFaults, type FrameEvent } from './frames.ts';
import { RequestFaults } from './requests.ts';
import { videoSourceOf } from '../video/source.ts';
import { emptySpec, formatFaultSpec, parseFaultSpec, type FaultSpec } from './spec.ts';

export { CONTROL_PATH } from './control.ts';
export type { FrameAction, FrameEvent } from './frames.ts';
export { FaultSpecError, formatFaultSpec, parseFaultSpec, type FaultSpec } from './spec.ts';

export interface FaultableCamera {
  state: VirtualCameraState;
  http: CameraHttpServer;
}

export class FaultController implements FaultSet {
  private spec: FaultSpec = emptySpec();
  private requests = new RequestFaults(this.spec);
  private frames = new FrameFaults(this.spec);
  private readonly rebootMsBefore: number;
  private readonly hook = (req: IncomingMessage, res: ServerResponse) => this.onRequest(req, res);

  constructor(private readonly cam: FaultableCamera) {
    this.rebootMsBefore = cam.state.options.rebootMs;
    cam.http.hooks.unshift(this.hook);
    cam.state.events.on('shutdown', () => this.frames.dispose());
  }

  /** Replaces the fault set (text is parsed strictly: FaultSpecError on a bad one). */
  set(spec: string | FaultSpec): void {
    const next = typeof spec === 'string' ? parseFaultSpec(spec) : spec;
    this.frames.dispose();
    this.spec = next;
    this.requests = new RequestFaults(next);
    this.frames = new FrameFaults(next);
    // reboot.cgi, factory defaults and upgrades all take their down time from here.
    this.cam.state.options.rebootMs = next.rebootMs ?? this.rebootMsBefore;
    videoSourceOf(this.cam.state).set(!next.noVideo);
  }

  clear(): void {
    this.set(emptySpec());
  }

  /** The active fault set in its canonical text ('' when none). */
  describe(): string {
    return formatFaultSpec(this.spec);
  }

  /** How often each fault fired since the set was last changed. */
  counts(): Record<string, number> {
    return { ...this.requests.counts, ...this.frames.counts };
  }

  /** What the frame faults did to each frame, oldest first (bounded). */
  frameEvents(): FrameEvent[] {
    return this.frames.events();
  }

  /** The stream hub's per-frame call (via faultFrame). */
  deliverFrame(stream: object, part: Buffer, send: (part: Buffer) => void): void {
    if (!this.frames.active) return send(part);
    this.frames.deliver(stream, part, send);
  }

  /** Takes the hook out and restores the reboot time; the camera behaves again. */
  uninstall(): void {
    this.clear();
    const i = this.cam.http.hooks.indexOf(this.hook);
    if (i >= 0) this.cam.http.hooks.splice(i, 1);
    controllers.delete(this.cam.state);
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    // The control endpoint is never subject to the faults it controls.
    if (path === CONTROL_PATH) return handleControl(req, res, this.cam, this);
    if (!this.requests.active) return false;
    return this.requests.apply(req, res, path, q < 0 ? '' : url.slice(q + 1));
  }
}

const controllers = new WeakMap<VirtualCameraState, FaultController>();

/** Adds fault injection (and /_hil/faults) to a camera, once; returns its controller. */
export function installFaults(cam: FaultableCamera, spec?: string | FaultSpec): FaultController {
  let c = controllers.get(cam.state);
  if (!c) {
    c = new FaultController(cam);
    controllers.set(cam.state, c);
  }
  if (spec !== undefined) c.set(spec);
  return c;
}

/**
 * The stream hub's hook: sends the part through the camera's frame faults, or straight
 * to `send` when the camera has none.
 */
export function faultFrame(cam: VirtualCameraState, stream: object, part: Buffer, send: (part: Buffer) => void): void {
  const c = controllers.get(cam);
  if (c) c.deliverFrame(stream, part, send);
  else send(part);
}
