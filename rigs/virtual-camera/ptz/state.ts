// The head of the virtual camera: where it points now and how it gets somewhere else.
// Every move heads for a target clamped to PTZ.Limit.L1.* at a rate proportional to the
// speed (optics.ts), each axis on its own, so moves take time as on a real head and
// `query=position` during a move shows the way there. A continuous move heads for the limit
// in its direction until a stop. Reboot and factory default put the head back home at
// once (the camera re-homes while it is down); a limit change moves it inside the new limits.
import type { VirtualCameraState } from '../state.ts';
import { perCamera } from '../per-camera.ts';
import { Axis } from './axis.ts';
import { horizontalFov, panTiltRate, ZOOM_MIN, zoomRate } from './optics.ts';
import { LIMIT, MOVE_SPEED } from './params.ts';
import { homePreset, type Position } from './presets.ts';

export interface View extends Position {
  /** Horizontal field of view in degrees at this zoom. */
  hfov: number;
}

export interface Limits {
  minPan: number;
  maxPan: number;
  minTilt: number;
  maxTilt: number;
  minZoom: number;
  maxZoom: number;
  maxSpeed: number;
}

/** Continuous velocities, -100..100 each (a share of the top rate); 0 stops that axis. */
export interface Velocity {
  pan?: number;
  tilt?: number;
  zoom?: number;
}

const FIXED_LIMITS: Limits = { minPan: 0, maxPan: 0, minTilt: 0, maxTilt: 0, minZoom: ZOOM_MIN, maxZoom: ZOOM_MIN, maxSpeed: 1 };
const clampTo = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export class PtzState {
  private readonly pan: Axis;
  private readonly tilt: Axis;
  private readonly zoom: Axis;
  private headSpeed = 50;

  constructor(private readonly cam: VirtualCameraState, nowMs = performance.now()) {
    const home = this.homePosition();
    this.pan = new Axis(home.pan, nowMs);
    this.tilt = new Axis(home.tilt, nowMs);
    this.zoom = new Axis(home.zoom, nowMs);
    this.headSpeed = this.configuredSpeed();
  }

  get hasPtz(): boolean {
    return this.cam.model.ptz;
  }

  /** What the lens sees now; the renderer calls this every frame (a few interpolations). */
  view(nowMs = performance.now()): View {
    const zoom = this.zoom.at(nowMs);
    return { pan: this.pan.at(nowMs), tilt: this.tilt.at(nowMs), zoom, hfov: horizontalFov(zoom) };
  }

  position(nowMs = performance.now()): Position {
    return { pan: this.pan.at(nowMs), tilt: this.tilt.at(nowMs), zoom: this.zoom.at(nowMs) };
  }

  /** Where the head is heading (equals position when still). */
  target(): Position {
    return { pan: this.pan.target, tilt: this.tilt.target, zoom: this.zoom.target };
  }

  moving(nowMs = performance.now()): boolean {
    return this.pan.moving(nowMs) || this.tilt.moving(nowMs) || this.zoom.moving(nowMs);
  }

  /** The speed moves use (1..100), never above PTZ.Limit.L1.MaxSpeed. */
  get speed(): number {
    return Math.min(this.headSpeed, this.limits().maxSpeed);
  }

  setSpeed(speed: number): void {
    this.headSpeed = speed;
  }

  limits(): Limits {
    if (!this.hasPtz) return FIXED_LIMITS;
    const n = (name: string) => Number(this.cam.params.must(name));
    // Min/max zoom are separate parameters; if someone sets them crossed, use them sorted.
    const [z1, z2] = [n(LIMIT.minZoom), n(LIMIT.maxZoom)];
    return {
      minPan: n(LIMIT.minPan),
      maxPan: n(LIMIT.maxPan),
      minTilt: n(LIMIT.minTilt),
      maxTilt: n(LIMIT.maxTilt),
      minZoom: Math.min(z1, z2),
      maxZoom: Math.max(z1, z2),
      maxSpeed: n(LIMIT.maxSpeed),
    };
  }

  clamp(p: Position, l = this.limits()): Position {
    return { pan: clampTo(p.pan, l.minPan, l.maxPan), tilt: clampTo(p.tilt, l.minTilt, l.maxTilt), zoom: clampTo(p.zoom, l.minZoom, l.maxZoom) };
  }

  /** Absolute move of the axes given; the others keep what they are doing. */
  moveTo(target: Partial<Position>, nowMs = performance.now()): void {
    const l = this.limits();
    const s = this.speed;
    if (target.pan !== undefined) this.pan.moveTo(clampTo(target.pan, l.minPan, l.maxPan), panTiltRate(s), nowMs);
    if (target.tilt !== undefined) this.tilt.moveTo(clampTo(target.tilt, l.minTilt, l.maxTilt), panTiltRate(s), nowMs);
    if (target.zoom !== undefined) this.zoom.moveTo(clampTo(target.zoom, l.minZoom, l.maxZoom), zoomRate(s), nowMs);
  }

  /** Relative move: from the target of a move under way, or from here. */
  moveBy(delta: Partial<Position>, nowMs = performance.now()): void {
    this.moveTo(
      {
        pan: delta.pan === undefined ? undefined : this.pan.base(nowMs) + delta.pan,
        tilt: delta.tilt === undefined ? undefined : this.tilt.base(nowMs) + delta.tilt,
        zoom: delta.zoom === undefined ? undefined : this.zoom.base(nowMs) + delta.zoom,
      },
      nowMs,
    );
  }

  /** Continuous move: each given axis heads for its limit at |v|% of the top rate (capped by MaxSpeed). */
  continuous(v: Velocity, nowMs = performance.now()): void {
    const l = this.limits();
    const go = (axis: Axis, vel: number | undefined, lo: number, hi: number, rate: (s: number) => number) => {
      if (vel === undefined) return;
      if (vel === 0) return axis.stop(nowMs);
      axis.moveTo(vel > 0 ? hi : lo, rate(Math.min(Math.abs(vel), l.maxSpeed)), nowMs, true);
    };
    go(this.pan, v.pan, l.minPan, l.maxPan, panTiltRate);
    go(this.tilt, v.tilt, l.minTilt, l.maxTilt, panTiltRate);
    go(this.zoom, v.zoom, l.minZoom, l.maxZoom, zoomRate);
  }

  stop(nowMs = performance.now()): void {
    this.pan.stop(nowMs);
    this.tilt.stop(nowMs);
    this.zoom.stop(nowMs);
  }

  /** The home preset's position, else pan 0, tilt 0, the widest zoom — inside the limits. */
  homePosition(): Position {
    if (!this.hasPtz) return { pan: 0, tilt: 0, zoom: ZOOM_MIN };
    const l = this.limits();
    return this.clamp(homePreset(this.cam.params)?.pos ?? { pan: 0, tilt: 0, zoom: l.minZoom }, l);
  }

  /** Back home at once with the configured speed: after a boot or a factory default. */
  reset(nowMs = performance.now()): void {
    const home = this.homePosition();
    this.pan.jump(home.pan, nowMs);
    this.tilt.jump(home.tilt, nowMs);
    this.zoom.jump(home.zoom, nowMs);
    this.headSpeed = this.configuredSpeed();
  }

  /** Parameters changed: follow a new default speed, keep inside new limits. */
  paramsChanged(names: readonly string[], nowMs = performance.now()): void {
    if (!this.hasPtz) return;
    if (names.includes(MOVE_SPEED)) this.headSpeed = this.configuredSpeed();
    if (!names.some((n) => n.startsWith('PTZ.Limit.'))) return;
    const t = this.target();
    const inside = this.clamp(t);
    if (inside.pan !== t.pan || inside.tilt !== t.tilt || inside.zoom !== t.zoom) this.moveTo(inside, nowMs);
  }

  private configuredSpeed(): number {
    return this.hasPtz ? Number(this.cam.params.must(MOVE_SPEED)) : 1;
  }
}

/** The camera's head, created on first use and reset by the camera's own events. */
export const ptzOf = perCamera((cam) => {
  const h = new PtzState(cam);
  cam.events.on('factory', () => h.reset());
  cam.events.on('boot', () => h.reset());
  cam.events.on('shutdown', () => h.stop());
  cam.events.on('params', (names) => h.paramsChanged(names));
  return h;
});
