// PTZ (spec chapter 3) with the VAPIX analogs: ptz.cgi moves and queries, configptz.cgi
// presets. Units: pan/tilt in degrees (positive pan turns right, positive tilt up),
// zoom 1..9999, speed 1..100, continuous moves -100..100.
//
// Query answers are `name=value` lines (position: `pan=`, `tilt=`, `zoom=`); limits
// and presets use the VAPIX names (MinPan/MaxPan..., presetposno<N>=<name>), matched
// case-insensitively.

import type { CameraClient } from './http.ts';
import { parseParamList, type Params } from './params.ts';
import type { QueryValue } from './query.ts';
import { expectNoError, parseReply } from './reply.ts';

export type PtzDirection = 'home' | 'up' | 'down' | 'left' | 'right' | 'upleft' | 'upright' | 'downleft' | 'downright' | 'stop';

export interface PtzPosition {
  pan: number;
  tilt: number;
  zoom: number;
  /** Everything the camera answered, e.g. focus or iris. */
  raw: Params;
}

export interface PtzLimits {
  minPan?: number;
  maxPan?: number;
  minTilt?: number;
  maxTilt?: number;
  minZoom?: number;
  maxZoom?: number;
  raw: Params;
}

export interface PtzPreset {
  number: number;
  name: string;
}

type Q = Record<string, QueryValue | undefined>;

const DIRECTIONS = new Set<PtzDirection>(['home', 'up', 'down', 'left', 'right', 'upleft', 'upright', 'downleft', 'downright', 'stop']);

function num(name: string, v: number | undefined, min: number, max: number, integer = false): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    throw new Error(`${name} must be ${integer ? 'an integer' : 'a number'} in ${min}..${max}, got ${v}`);
  }
  return v;
}

/** A lookup by case-insensitive name in a query answer. */
function pick(p: Params, name: string): string | undefined {
  const want = name.toLowerCase();
  for (const [k, v] of p) if (k.toLowerCase() === want) return v;
  return undefined;
}

function numberOf(p: Params, name: string, required: true): number;
function numberOf(p: Params, name: string, required?: false): number | undefined;
function numberOf(p: Params, name: string, required = false): number | undefined {
  const v = pick(p, name);
  if (v === undefined) {
    if (required) throw new Error(`answer lacks ${name}=`);
    return undefined;
  }
  const n = Number(v.trim());
  if (v.trim() === '' || !Number.isFinite(n)) throw new Error(`${name}=${JSON.stringify(v)} is not a number`);
  return n;
}

/** `pan=<deg>` `tilt=<deg>` `zoom=<n>` lines (others kept in raw). */
export function parsePtzPosition(text: string): PtzPosition {
  const raw = parseParamList(text);
  return { pan: numberOf(raw, 'pan', true), tilt: numberOf(raw, 'tilt', true), zoom: numberOf(raw, 'zoom', true), raw };
}

/** VAPIX limits (`MinPan=-170` ...); absent fields stay undefined. */
export function parsePtzLimits(text: string): PtzLimits {
  const raw = parseParamList(text);
  return {
    minPan: numberOf(raw, 'MinPan'),
    maxPan: numberOf(raw, 'MaxPan'),
    minTilt: numberOf(raw, 'MinTilt'),
    maxTilt: numberOf(raw, 'MaxTilt'),
    minZoom: numberOf(raw, 'MinZoom'),
    maxZoom: numberOf(raw, 'MaxZoom'),
    raw,
  };
}

/** `presetposno<N>=<name>` lines (also `<N>=<name>`), sorted by number. */
export function parsePtzPresets(text: string): PtzPreset[] {
  const out: PtzPreset[] = [];
  for (const [k, v] of parseParamList(text)) {
    const m = /^(?:presetposno)?(\d+)$/i.exec(k.trim());
    if (!m) throw new Error(`preset line not understood: ${JSON.stringify(`${k}=${v}`.slice(0, 80))}`);
    out.push({ number: Number(m[1]), name: v.trim() });
  }
  return out.sort((a, b) => a.number - b.number);
}

/** The speed query's `speed=<n>`. */
export function parsePtzSpeed(text: string): number {
  return numberOf(parseParamList(text), 'speed', true);
}

export class Ptz {
  constructor(
    private readonly client: CameraClient,
    /** Which video source the commands address (camera=N); undefined leaves it out. */
    private readonly camera?: number,
  ) {}

  // Commands resolve to the camera's answer text: the spec shows none (§3), so a suite may
  // observe it but must not require one.

  async move(direction: PtzDirection): Promise<string> {
    if (!DIRECTIONS.has(direction)) throw new Error(`unknown PTZ direction ${JSON.stringify(direction)}`);
    return this.command({ move: direction });
  }

  home(): Promise<string> {
    return this.move('home');
  }

  stop(): Promise<string> {
    return this.move('stop');
  }

  /** Absolute move; give at least one of pan, tilt, zoom. */
  async absolute(to: { pan?: number; tilt?: number; zoom?: number; speed?: number }): Promise<string> {
    if (to.pan === undefined && to.tilt === undefined && to.zoom === undefined) throw new Error('PTZ absolute: give pan, tilt or zoom');
    return this.command({
      pan: num('pan', to.pan, -360, 360),
      tilt: num('tilt', to.tilt, -180, 180),
      zoom: num('zoom', to.zoom, 1, 9999, true),
      speed: num('speed', to.speed, 1, 100, true),
    });
  }

  /** Relative move (rpan/rtilt/rzoom); give at least one. */
  async relative(by: { pan?: number; tilt?: number; zoom?: number; speed?: number }): Promise<string> {
    if (by.pan === undefined && by.tilt === undefined && by.zoom === undefined) throw new Error('PTZ relative: give pan, tilt or zoom');
    return this.command({
      rpan: num('rpan', by.pan, -360, 360),
      rtilt: num('rtilt', by.tilt, -360, 360),
      rzoom: num('rzoom', by.zoom, -9999, 9999, true),
      speed: num('speed', by.speed, 1, 100, true),
    });
  }

  /** Continuous move at -100..100 per axis until stop() or a zero move. */
  async continuous(v: { pan?: number; tilt?: number; zoom?: number }): Promise<string> {
    const pt = v.pan !== undefined || v.tilt !== undefined;
    if (!pt && v.zoom === undefined) throw new Error('PTZ continuous: give pan/tilt or zoom');
    return this.command({
      continuouspantiltmove: pt ? `${num('pan', v.pan ?? 0, -100, 100, true)},${num('tilt', v.tilt ?? 0, -100, 100, true)}` : undefined,
      continuouszoommove: num('zoom', v.zoom, -100, 100, true),
    });
  }

  /** speed=N alone: the speed of this and later moves. */
  async setSpeed(speed: number): Promise<string> {
    return this.command({ speed: num('speed', speed, 1, 100, true) });
  }

  /** Goes to a preset by name (string) or number. */
  async gotoPreset(preset: string | number): Promise<string> {
    return this.command(typeof preset === 'number' ? { gotoserverpresetno: presetNo(preset) } : { gotoserverpresetname: presetName(preset) });
  }

  /** Stores the current position as a preset (by name, optionally with a number; home=yes makes it home). */
  async setPreset(name: string, opts: { number?: number; home?: boolean } = {}): Promise<string> {
    return this.storePreset({ name, ...opts });
  }

  /**
   * Stores the current position: by name (setserverpresetname), by number
   * (setserverpresetno), or both; home=yes also makes it home.
   */
  async storePreset(at: { name?: string; number?: number; home?: boolean }): Promise<string> {
    if (at.name === undefined && at.number === undefined) throw new Error('PTZ preset: give a name or a number');
    return this.configure({
      setserverpresetname: at.name === undefined ? undefined : presetName(at.name),
      setserverpresetno: at.number === undefined ? undefined : presetNo(at.number),
      home: at.home === undefined ? undefined : at.home,
    });
  }

  /** configptz.cgi?home=yes: the current position becomes home (move=home goes there). */
  async setHomeHere(): Promise<string> {
    return this.configure({ home: true });
  }

  /** Removes a preset by name, or by number (removeserverpresetno, the VAPIX analog). */
  async removePreset(preset: string | number): Promise<string> {
    return this.configure(
      typeof preset === 'number' ? { removeserverpresetno: presetNo(preset) } : { removeserverpresetname: presetName(preset) },
    );
  }

  async position(): Promise<PtzPosition> {
    return parseReply(await this.client.get('/ptz.cgi', this.q({ query: 'position' })), parsePtzPosition);
  }

  async limits(): Promise<PtzLimits> {
    return parseReply(await this.client.get('/ptz.cgi', this.q({ query: 'limits' })), parsePtzLimits);
  }

  async speed(): Promise<number> {
    return parseReply(await this.client.get('/ptz.cgi', this.q({ query: 'speed' })), parsePtzSpeed);
  }

  async presets(): Promise<PtzPreset[]> {
    return parseReply(await this.client.get('/ptz.cgi', this.q({ query: 'presetposall' })), parsePtzPresets);
  }

  private q(query: Q): Q {
    return { ...query, camera: this.camera };
  }

  // Moves answer 204 or 200 with an empty/OK body in the family; a `# Error:` line fails.
  private async command(query: Q): Promise<string> {
    const res = await this.client.get('/ptz.cgi', this.q(query));
    expectNoError(res);
    return res.text;
  }

  private async configure(query: Q): Promise<string> {
    const res = await this.client.get('/configptz.cgi', this.q(query));
    expectNoError(res);
    return res.text;
  }
}

function presetName(name: string): string {
  if (name.trim() === '' || /[\r\n]/.test(name)) throw new Error(`bad preset name ${JSON.stringify(name)}`);
  return name;
}

function presetNo(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new Error(`preset number must be a positive integer, got ${n}`);
  return n;
}
