// Motion detection (spec chapter 4): windows are config.cgi entries from the `motion`
// template (Motion.M<n>.Name/Top/Bottom/Left/Right/Sensitivity/Threshold, coordinates
// 0..9999 as in VAPIX); motion.cgi streams levels as multipart text parts, each holding
// `group=<n>;level=<l>;threshold=<t>;` lines.

import type { Config, GroupForm, ParamValues } from './config.ts';
import type { CameraClient, CameraStream } from './http.ts';
import { intParam, paramsUnder, type Params } from './params.ts';
import type { Query } from './query.ts';
import { expectNoError } from './reply.ts';

export interface MotionWindowSettings {
  name?: string;
  top?: number;
  bottom?: number;
  left?: number;
  right?: number;
  sensitivity?: number;
  threshold?: number;
}

export interface MotionWindow extends MotionWindowSettings {
  /** Entry name, e.g. `M0`. */
  id: string;
  group: number;
  /** Every parameter of the entry, by its last name part (`Top`, `History`, ...). */
  raw: Record<string, string>;
}

export interface MotionLevel {
  group: number;
  level: number;
  threshold: number;
}

const FIELDS: Array<[keyof MotionWindowSettings, string, number]> = [
  ['name', 'Name', 0],
  ['top', 'Top', 9999],
  ['bottom', 'Bottom', 9999],
  ['left', 'Left', 9999],
  ['right', 'Right', 9999],
  ['sensitivity', 'Sensitivity', 100],
  ['threshold', 'Threshold', 100],
];

/** `M3` or 3 -> 3. */
export function motionGroupNumber(id: string | number): number {
  const n = typeof id === 'number' ? id : /^M(\d+)$/.exec(id)?.[1];
  if (n === undefined || !Number.isInteger(Number(n)) || Number(n) < 0) throw new Error(`bad motion window id ${JSON.stringify(id)} (M<n> or n)`);
  return Number(n);
}

function settingsToParams(prefix: string, s: MotionWindowSettings): ParamValues {
  const out: ParamValues = {};
  for (const [key, param, max] of FIELDS) {
    const v = s[key];
    if (v === undefined) continue;
    if (key === 'name') {
      if (typeof v !== 'string' || /[\r\n]/.test(v)) throw new Error(`motion window name must be one line: ${JSON.stringify(v)}`);
    } else if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) {
      throw new Error(`motion window ${key} must be an integer 0..${max}, got ${v}`);
    }
    out[`${prefix}.${param}`] = v;
  }
  return out;
}

/** The windows in a Motion parameter list, ordered by group number. */
export function windowsFromParams(params: Params): MotionWindow[] {
  const byGroup = new Map<number, Record<string, string>>();
  for (const [name, value] of paramsUnder(params, 'Motion')) {
    const m = /^Motion\.M(\d+)\.(.+)$/.exec(name);
    if (!m) continue; // group-level settings, not a window
    const entry = byGroup.get(Number(m[1])) ?? {};
    entry[m[2]] = value;
    byGroup.set(Number(m[1]), entry);
  }
  return [...byGroup]
    .sort(([a], [b]) => a - b)
    .map(([group, raw]) => ({
      id: `M${group}`,
      group,
      raw,
      name: raw['Name'],
      top: intParam(raw['Top']),
      bottom: intParam(raw['Bottom']),
      left: intParam(raw['Left']),
      right: intParam(raw['Right']),
      sensitivity: intParam(raw['Sensitivity']),
      threshold: intParam(raw['Threshold']),
    }));
}

/**
 * Parses one motion.cgi part: `group=0;level=12;threshold=50;` per line (spaces around
 * tokens, a missing final `;`, blank lines and a Content-Type header line tolerated).
 */
export function parseMotionLevels(text: string): MotionLevel[] {
  const out: MotionLevel[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || /^content-/i.test(line) || line.startsWith('--')) continue;
    const fields = new Map<string, string>();
    for (const part of line.split(';')) {
      if (part.trim() === '') continue;
      const eq = part.indexOf('=');
      if (eq < 0) throw new Error(`motion level line not understood: ${JSON.stringify(line.slice(0, 80))}`);
      fields.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
    }
    const get = (k: string): number => {
      const v = fields.get(k);
      if (v === undefined || !/^-?\d+(\.\d+)?$/.test(v)) throw new Error(`motion level line lacks a numeric ${k}: ${JSON.stringify(line.slice(0, 80))}`);
      return Number(v);
    };
    out.push({ group: get('group'), level: get('level'), threshold: get('threshold') });
  }
  return out;
}

export class Motion {
  constructor(
    private readonly client: CameraClient,
    private readonly config: Config,
  ) {}

  /** Adds a window from the `motion` template; returns its entry name (`M0`). */
  async addWindow(settings: MotionWindowSettings = {}): Promise<string> {
    return this.config.add('Motion', 'motion', settingsToParams('Motion.M', settings));
  }

  /**
   * config.cgi?action=update of a window (§4.3). §4.3 shows no answer, so this resolves to
   * the camera's answer text (the family says `OK`) and only a `# Error:` answer throws.
   */
  async updateWindow(id: string | number, settings: MotionWindowSettings): Promise<string> {
    const values = settingsToParams(`Motion.M${motionGroupNumber(id)}`, settings);
    if (Object.keys(values).length === 0) throw new Error('motion update: no settings given');
    const res = await this.client.get('/config.cgi', [['action', 'update'], ...Object.entries(values)]);
    expectNoError(res);
    return res.text;
  }

  /** Removes windows in one request; form 'spec' writes §4.2's own `group=Motion.M3,group=Motion.M5`. */
  async removeWindows(ids: ReadonlyArray<string | number>, opts: { form?: GroupForm } = {}): Promise<void> {
    await this.config.remove(ids.map((id) => `Motion.M${motionGroupNumber(id)}`), opts);
  }

  /**
   * All windows (`group=Motion`), or the ones given (`group=Motion.M1,Motion.M2`; form 'spec'
   * writes §4.4's `group=Motion.M1,group=Motion.M2`), ordered by group number ([] when none).
   */
  async listWindows(ids?: ReadonlyArray<string | number>, opts: { form?: GroupForm } = {}): Promise<MotionWindow[]> {
    const groups = ids === undefined ? ['Motion'] : ids.map((id) => `Motion.M${motionGroupNumber(id)}`);
    return windowsFromParams(await this.config.list(groups, opts));
  }

  /** Opens motion.cgi's level stream (multipart, boundary mdb in the spec); close() it when done. */
  levels(query?: Query, opts: { idleTimeoutMs?: number; timeoutMs?: number } = {}): Promise<CameraStream> {
    return this.client.stream('/motion.cgi', query, opts);
  }
}
