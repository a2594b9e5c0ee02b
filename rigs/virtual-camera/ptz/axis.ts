// One axis of the head (pan, tilt or zoom) as a straight-line move in time: from `from` at
// t0 to `to` at t1, then still. Every move, including a continuous one (which heads for
// the limit in its direction), is such a segment, so the position at any instant is one
// interpolation — cheap enough for the renderer to ask every frame.

export interface AxisSegment {
  from: number;
  to: number;
  t0: number;
  t1: number;
  /** A continuous move: relative moves start from where it is, not from where it heads. */
  continuous: boolean;
}

export class Axis {
  private seg: AxisSegment;

  constructor(value: number, nowMs: number) {
    this.seg = { from: value, to: value, t0: nowMs, t1: nowMs, continuous: false };
  }

  at(nowMs: number): number {
    const s = this.seg;
    if (nowMs >= s.t1) return s.to;
    if (nowMs <= s.t0) return s.from;
    return s.from + ((s.to - s.from) * (nowMs - s.t0)) / (s.t1 - s.t0);
  }

  moving(nowMs: number): boolean {
    return nowMs < this.seg.t1;
  }

  /** Where a relative move starts: the target of a positioning move, the current place otherwise. */
  base(nowMs: number): number {
    return this.seg.continuous ? this.at(nowMs) : this.seg.to;
  }

  get target(): number {
    return this.seg.to;
  }

  /** Heads for `to` at `rate` units per second from wherever the axis is now. */
  moveTo(to: number, rate: number, nowMs: number, continuous = false): void {
    const from = this.at(nowMs);
    const ms = rate > 0 ? (Math.abs(to - from) / rate) * 1000 : 0;
    this.seg = { from, to: rate > 0 ? to : from, t0: nowMs, t1: nowMs + ms, continuous };
  }

  stop(nowMs: number): void {
    this.jump(this.at(nowMs), nowMs);
  }

  /** Puts the axis somewhere at once (boot, factory default). */
  jump(value: number, nowMs: number): void {
    this.seg = { from: value, to: value, t0: nowMs, t1: nowMs, continuous: false };
  }
}
