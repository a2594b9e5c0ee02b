// Seeded randomness for fault decisions, so a run with the same fault set and the same
// sequence of requests and frames injects exactly the same faults (a failure seen once
// can be reproduced). Every fault entry draws from its own generator, derived from the
// seed and the entry's name, so adding one fault does not shift another's decisions.
import type { Trigger } from './spec.ts';
import { mulberry32 } from '../random.ts';

/** FNV-1a of a name, to derive one generator per fault entry from the run's seed. */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Decides, event by event, whether a fault fires; also hands out random numbers for its details. */
export class FaultDice {
  private readonly next: () => number;
  private events = 0;

  constructor(seed: number, name: string, private readonly trigger: Trigger) {
    this.next = mulberry32(seed ^ hashName(name));
  }

  /** One event (a request, a frame): true when the fault fires for it. */
  fires(): boolean {
    this.events++;
    if ('every' in this.trigger) return this.events % this.trigger.every === 0;
    // Always draw, so the sequence of decisions depends only on the number of events.
    const r = this.next();
    return r < this.trigger.probability;
  }

  /** A number in [0, 1) for the fault's details (where to cut, which bit to flip). */
  random(): number {
    return this.next();
  }

  /** An integer in [lo, hi). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo));
  }
}
