// Preset positions over the PTZ.Preset.P0.* parameters (layout in params.ts). Reads go to
// the parameter store every time, so a preset restored from a backup or edited through
// config.cgi is what the head goes to. Writes are planned as parameter pairs and applied
// with one validated store update: all or nothing.
import { CgiError } from '../http/route.ts';
import type { ParamStore } from '../params/store.ts';
import { HOME_POSITION, PRESET_DATA, PRESET_NAME, PRESET_NAME_MAX, PRESET_SLOTS, presetData, presetName } from './params.ts';

export interface Position {
  pan: number;
  tilt: number;
  zoom: number;
}

export interface Preset {
  no: number;
  name: string;
  /** Undefined when the slot has a name but no position (edited by hand through config.cgi). */
  pos?: Position;
}

/** Degrees as the camera shows them: at most two decimals, no `-0`. */
export function formatDeg(v: number): string {
  const r = Number(v.toFixed(2));
  return String(r === 0 ? 0 : r);
}

function formatData(p: Position): string {
  return `pan=${formatDeg(p.pan)}:tilt=${formatDeg(p.tilt)}:zoom=${Math.round(p.zoom)}`;
}

function parseData(data: string): Position | undefined {
  if (data === '' || !PRESET_DATA.test(data)) return undefined;
  const f = Object.fromEntries(data.split(':').map((kv) => kv.split('=') as [string, string]));
  return { pan: Number(f.pan), tilt: Number(f.tilt), zoom: Number(f.zoom) };
}

export function listPresets(params: ParamStore): Preset[] {
  const out: Preset[] = [];
  for (let no = 1; no <= PRESET_SLOTS; no++) {
    const name = params.get(presetName(no)) ?? '';
    if (name !== '') out.push({ no, name, pos: parseData(params.get(presetData(no)) ?? '') });
  }
  return out;
}

/** Lowest number first, so two presets with one name (config.cgi edits) resolve predictably. */
export function presetByName(params: ParamStore, name: string): Preset | undefined {
  return listPresets(params).find((p) => p.name === name);
}

export function presetByNo(params: ParamStore, no: number): Preset | undefined {
  return listPresets(params).find((p) => p.no === no);
}

/** The home preset, if one is set and its slot holds a position. */
export function homePreset(params: ParamStore): Preset | undefined {
  const no = Number(params.get(HOME_POSITION) ?? '0');
  const p = no > 0 ? presetByNo(params, no) : undefined;
  return p?.pos ? p : undefined;
}

function checkPresetName(name: string): void {
  if (name === '') throw new CgiError('preset name is empty');
  if (name.length > PRESET_NAME_MAX) throw new CgiError(`preset name is ${name.length} characters, at most ${PRESET_NAME_MAX} allowed`);
  if (!PRESET_NAME.test(name)) throw new CgiError(`preset name "${name.slice(0, 40)}" may hold printable ASCII except "="`);
}

export interface SavePlan {
  name?: string;
  no?: number;
  /** true: this preset becomes home; false: if it was home, it no longer is. */
  home?: boolean;
}

/**
 * The parameter pairs that store `pos` as a preset. By name: the preset of that name is
 * overwritten, else the lowest free slot is taken. By number: that slot (keeping its name,
 * or `Preset<n>`). Both: that slot gets that name (the name must not be used elsewhere).
 */
export function planSave(params: ParamStore, pos: Position, plan: SavePlan): { no: number; pairs: [string, string][] } {
  if (plan.name !== undefined) checkPresetName(plan.name);
  const presets = listPresets(params);
  const named = plan.name !== undefined ? presets.find((p) => p.name === plan.name) : undefined;
  let no = plan.no ?? named?.no;
  if (plan.no !== undefined && named && named.no !== plan.no)
    throw new CgiError(`preset name ${plan.name} is already used by preset ${named.no}`);
  if (no === undefined) {
    const used = new Set(presets.map((p) => p.no));
    for (let n = 1; n <= PRESET_SLOTS && no === undefined; n++) if (!used.has(n)) no = n;
    if (no === undefined) throw new CgiError(`all ${PRESET_SLOTS} preset positions are in use; remove one first`);
  }
  const name = plan.name ?? presets.find((p) => p.no === no)?.name ?? `Preset${no}`;
  const pairs: [string, string][] = [
    [presetName(no), name],
    [presetData(no), formatData(pos)],
  ];
  const home = Number(params.get(HOME_POSITION) ?? '0');
  if (plan.home === true) pairs.push([HOME_POSITION, String(no)]);
  else if (plan.home === false && home === no) pairs.push([HOME_POSITION, '0']);
  return { no, pairs };
}

/** The pairs that free a preset's slot; removing the home preset leaves no home preset. */
export function planRemove(params: ParamStore, preset: Preset): [string, string][] {
  const pairs: [string, string][] = [
    [presetName(preset.no), ''],
    [presetData(preset.no), ''],
  ];
  if (Number(params.get(HOME_POSITION) ?? '0') === preset.no) pairs.push([HOME_POSITION, '0']);
  return pairs;
}
