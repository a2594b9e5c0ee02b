// The relay rig's protocols, labgrid style: tiny interfaces every board family implements.
//
// Channel and input numbers are 0-based everywhere in the harness (the documented default
// wiring says "relay channel 0"). A driver maps them to its board's own numbering: on LCUS
// and KMTronic boards, whose relays are labelled from 1, channel 0 is the relay labelled 1.

/** One relay contact. */
export interface RelayChannel {
  /** Switch the relay; resolves once the board has taken the command. */
  set(on: boolean): Promise<void>;
  /**
   * The relay's state. Boards with read-back (Numato, KMTronic) are asked. Boards without
   * it (LCUS) return the state last commanded through this object, and throw when the
   * channel has not been set since the board was opened: a guess would hide a fault.
   */
  get(): Promise<boolean>;
}

/** One digital sense line (a board GPIO wired to a camera output). */
export interface SenseInput {
  /** The level now: true = high. */
  read(): Promise<boolean>;
  /** Resolves with the milliseconds waited once the line is at `level`; rejects after `timeoutMs`. */
  waitFor(level: boolean, timeoutMs: number): Promise<number>;
}

export interface RelayBoard {
  /** Throws a RelayError for a channel the board does not have. */
  channel(n: number): RelayChannel;
  /** undefined when the board has no such sense input (or none at all). */
  sense(n: number): SenseInput | undefined;
  /** e.g. "numato 8-channel on /dev/ttyACM0". */
  describe(): string;
  close(): Promise<void>;
}

export type RelayDriverName = 'numato' | 'lcus' | 'kmtronic' | 'virtual';
export const RELAY_DRIVERS: readonly RelayDriverName[] = ['numato', 'lcus', 'kmtronic', 'virtual'];
