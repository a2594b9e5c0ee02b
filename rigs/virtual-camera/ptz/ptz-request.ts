// Parses a ptz.cgi query into one command, checking everything before anything moves.
// A request does one thing: a query, a `move=`, absolute/relative positioning, a
// continuous move, or a preset; `speed=` may come alone or with any of the moves, and
// `camera=1` with anything. Mixing two kinds, or the same axis absolute and relative,
// is refused: which one would the camera obey?
import { intParam, onlyKnown, single } from '../http/query.ts';
import { CgiError } from '../http/route.ts';
import type { Position } from './presets.ts';
import type { Velocity } from './state.ts';

const MOVES = ['home', 'up', 'down', 'left', 'right', 'upleft', 'upright', 'downleft', 'downright', 'stop'] as const;
export type MoveWord = (typeof MOVES)[number];
const QUERIES = ['position', 'limits', 'speed', 'presetposall'] as const;
export type QueryWord = (typeof QUERIES)[number];

export type PtzCommand =
  | { kind: 'query'; what: QueryWord }
  | { kind: 'move'; move: MoveWord; speed?: number }
  | { kind: 'position'; abs: Partial<Position>; rel: Partial<Position>; speed?: number }
  | { kind: 'continuous'; velocity: Velocity; speed?: number }
  | { kind: 'preset'; name?: string; no?: number; speed?: number }
  | { kind: 'speed'; speed: number };

const PTZ_PARAMS = [
  'move', 'pan', 'tilt', 'zoom', 'rpan', 'rtilt', 'rzoom', 'continuouspantiltmove', 'continuouszoommove',
  'speed', 'gotoserverpresetname', 'gotoserverpresetno', 'camera', 'query',
] as const;

const POSITIONAL = ['pan', 'tilt', 'zoom', 'rpan', 'rtilt', 'rzoom'];
const CONTINUOUS = ['continuouspantiltmove', 'continuouszoommove'];
const PRESET = ['gotoserverpresetname', 'gotoserverpresetno'];

/** `camera=N`: the family numbers video sources from 1; this camera has one. */
export function checkCamera(q: URLSearchParams): void {
  const camera = single(q, 'camera');
  if (camera !== undefined && camera !== '1') throw new CgiError(`camera=${camera.slice(0, 20)}: this camera has one video source, camera=1`);
}

/** A decimal number of degrees within [min, max]. */
function degrees(q: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const v = single(q, name);
  if (v === undefined) return undefined;
  if (!/^-?\d{1,6}(\.\d{1,6})?$/.test(v)) throw new CgiError(`${name}: "${v.slice(0, 40)}" is not a number of degrees`);
  const n = Number(v);
  if (n < min || n > max) throw new CgiError(`${name}: ${n} is out of range ${min}..${max}`);
  return n;
}

function velocity(v: string, name: string, count: number): number[] {
  const parts = v.split(',');
  if (parts.length !== count || parts.some((p) => !/^-?\d{1,3}$/.test(p.trim())))
    throw new CgiError(`${name}: "${v.slice(0, 40)}" is not ${count === 2 ? 'x,y' : 'a speed'} with ${count === 2 ? 'each ' : ''}-100..100`);
  const nums = parts.map((p) => Number(p.trim()));
  if (nums.some((n) => n < -100 || n > 100)) throw new CgiError(`${name}: ${v.slice(0, 40)} is out of range -100..100`);
  return nums;
}

export function parsePtzRequest(q: URLSearchParams): PtzCommand {
  onlyKnown(q, PTZ_PARAMS);
  checkCamera(q);
  const has = (names: readonly string[]) => names.filter((n) => q.has(n));
  const kinds = [has(['query']), has(['move']), has(POSITIONAL), has(CONTINUOUS), has(PRESET)].filter((k) => k.length > 0);
  if (kinds.length > 1) throw new CgiError(`${kinds[0][0]} and ${kinds[1][0]} cannot be combined in one request`);
  const speed = intParam(q, 'speed', 1, 100);
  const what = kinds[0]?.[0];

  if (what === 'query') {
    if (speed !== undefined) throw new CgiError('query cannot be combined with speed');
    const w = single(q, 'query') ?? '';
    if (!(QUERIES as readonly string[]).includes(w)) throw new CgiError(`query: "${w.slice(0, 40)}" is not one of ${QUERIES.join(', ')}`);
    return { kind: 'query', what: w as QueryWord };
  }
  if (what === 'move') {
    const m = single(q, 'move') ?? '';
    if (!(MOVES as readonly string[]).includes(m)) throw new CgiError(`move: "${m.slice(0, 40)}" is not one of ${MOVES.join(', ')}`);
    return { kind: 'move', move: m as MoveWord, speed };
  }
  if (what !== undefined && POSITIONAL.includes(what)) {
    for (const axis of ['pan', 'tilt', 'zoom'])
      if (q.has(axis) && q.has(`r${axis}`)) throw new CgiError(`${axis} and r${axis} cannot be combined: absolute or relative?`);
    const abs = { pan: degrees(q, 'pan', -180, 180), tilt: degrees(q, 'tilt', -180, 180), zoom: intParam(q, 'zoom', 1, 9999) };
    const rel = { pan: degrees(q, 'rpan', -360, 360), tilt: degrees(q, 'rtilt', -360, 360), zoom: intParam(q, 'rzoom', -9999, 9999) };
    return { kind: 'position', abs: defined(abs), rel: defined(rel), speed };
  }
  if (what !== undefined && CONTINUOUS.includes(what)) {
    const pt = single(q, 'continuouspantiltmove');
    const z = single(q, 'continuouszoommove');
    const [pan, tilt] = pt === undefined ? [] : velocity(pt, 'continuouspantiltmove', 2);
    const [zoom] = z === undefined ? [] : velocity(z, 'continuouszoommove', 1);
    return { kind: 'continuous', velocity: defined({ pan, tilt, zoom }), speed };
  }
  if (what !== undefined && PRESET.includes(what)) {
    if (q.has('gotoserverpresetname') && q.has('gotoserverpresetno'))
      throw new CgiError('gotoserverpresetname and gotoserverpresetno cannot be combined: which preset?');
    const name = single(q, 'gotoserverpresetname');
    if (name === '') throw new CgiError('gotoserverpresetname is empty');
    return { kind: 'preset', name, no: intParam(q, 'gotoserverpresetno', 0, 999), speed };
  }
  if (speed !== undefined) return { kind: 'speed', speed };
  throw new CgiError(`ptz.cgi needs a command: ${PTZ_PARAMS.filter((p) => p !== 'camera').join(', ')}`);
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
