// The lab inventory: plain data saying which cameras a lab has, where each one's relay
// board is and which relay or sense line is wired to what. Format: rigs/lab/README.md;
// example: lab.example.json. Credentials are never in the file, only the NAMES of the
// environment variables that hold them, read by selectCamera() from the environment it is
// given (fixtures/options.ts passes the process's, at the moment of use).

import fs from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { RELAY_DRIVERS, type RelayDriverName } from '../relay/protocol.ts';
import { defaultWiring, type Wiring } from '../wiring.ts';

export interface RelaySpec {
  driver: RelayDriverName;
  /** Serial port; optional for `virtual` (the harness then starts its own board). */
  path?: string;
  channels?: number;
}

export interface LabCamera {
  name: string;
  url: string;
  userEnv: string;
  passwordEnv: string;
  model?: string;
  relay?: RelaySpec;
  wiring: Wiring;
  /** The camera's speaker is heard by its own microphone (audio loop-back tests). */
  speakerHearsMicrophone: boolean;
  /** A second address of the test host, for IP-filter tests (127.0.0.2 on the virtual camera). */
  secondSourceAddress?: string;
  /** Destructive steps (factory default, upgrade, format, lock-out) may run on this camera. */
  destructiveAllowed: boolean;
  /** The lab station (test host, CI runner) the camera and its relay board are wired to. */
  station?: string;
  notes?: string;
}

export interface Lab {
  file: string;
  cameras: LabCamera[];
}

/** A camera with its credentials read from the environment. `password` is not enumerable,
 *  so logging or JSON.stringify of the object does not print it. */
export type SelectedCamera = LabCamera & { user: string; readonly password: string };

const HAS_SENSE: readonly RelayDriverName[] = ['numato', 'virtual'];

/** lab.json in the repository root: the inventory when LAB_FILE names none (fixtures/options.ts). */
export const DEFAULT_LAB_FILE = fileURLToPath(new URL('../../lab.json', import.meta.url));

export function loadLab(file: string): Lab {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`lab inventory ${file} not found (set LAB_FILE, or copy lab.example.json to lab.json)`);
    throw new Error(`lab inventory ${file} cannot be read: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`lab inventory ${file} is not valid JSON: ${(err as Error).message}`);
  }
  const problems: string[] = [];
  const cameras = parseLab(data, problems);
  if (problems.length) throw new Error(`lab inventory ${file} has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  return { file, cameras };
}

/** The camera `name` of the inventory, with its credentials read from `env` (the variables its entry names). */
export function selectCamera(lab: Lab, name: string, env: Readonly<Record<string, string | undefined>>): SelectedCamera {
  const camera = lab.cameras.find((c) => c.name === name);
  if (!camera) {
    throw new Error(`no camera ${JSON.stringify(name)} in ${lab.file}; known cameras: ${lab.cameras.map((c) => c.name).join(', ') || '(none)'}`);
  }
  const read = (variable: string, what: string) => {
    const value = env[variable];
    if (value === undefined || value === '') throw new Error(`camera ${JSON.stringify(name)}: environment variable ${variable} (its ${what}) is not set`);
    return value;
  };
  const user = read(camera.userEnv, 'user name');
  const password = read(camera.passwordEnv, 'password');
  const selected = { ...camera, user } as SelectedCamera;
  Object.defineProperty(selected, 'password', { value: password, enumerable: false });
  return selected;
}

/**
 * The cameras a lab run signs off (`npm start -- --lab`): every camera of the inventory, or
 * those named by `only`, or those wired to `station`; both narrow the choice. An unknown
 * name or station is an error listing the known ones: a typo must not sign off nothing.
 */
export function labSelection(lab: Lab, o: { only?: readonly string[]; station?: string }): LabCamera[] {
  const unknown = (o.only ?? []).filter((n) => !lab.cameras.some((c) => c.name === n));
  if (unknown.length) throw new Error(`--only names ${unknown.map((n) => JSON.stringify(n)).join(', ')}, not in ${lab.file}; known cameras: ${lab.cameras.map((c) => c.name).join(', ') || '(none)'}`);
  if (o.station !== undefined) {
    const stations = [...new Set(lab.cameras.map((c) => c.station).filter((s): s is string => s !== undefined))];
    if (!stations.includes(o.station)) throw new Error(`--station ${JSON.stringify(o.station)}: no camera of ${lab.file} is wired to it; stations: ${stations.join(', ') || '(none: give cameras a "station")'}`);
  }
  const chosen = lab.cameras.filter((c) => (!o.only?.length || o.only.includes(c.name)) && (o.station === undefined || c.station === o.station));
  if (!chosen.length) throw new Error(`no camera of ${lab.file} is ${o.only?.length ? `both in --only and wired to station ${o.station}` : 'listed'}: nothing to sign off`);
  return chosen;
}

// ---- validation: every problem is collected, each named by its place in the file ----

type Obj = Record<string, unknown>;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/; // used in lease files and report folders
const ENV = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CAMERA_KEYS = ['name', 'url', 'userEnv', 'passwordEnv', 'model', 'relay', 'wiring', 'speakerHearsMicrophone', 'secondSourceAddress', 'destructiveAllowed', 'station', 'notes'];

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Unknown keys are errors (a typo would silently fall back to a default); "$comment" is allowed, and "$schema" at the top. */
function keys(o: Obj, allowed: string[], at: string, problems: string[]): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k) && k !== '$comment' && !(k === '$schema' && at === '(top)')) problems.push(`${at}.${k}: unknown key (allowed: ${allowed.join(', ')})`);
}

function parseLab(data: unknown, problems: string[]): LabCamera[] {
  if (!isObj(data) || !Array.isArray(data.cameras)) {
    problems.push('top level: must be an object with a "cameras" array');
    return [];
  }
  keys(data, ['cameras'], '(top)', problems);
  const cameras = data.cameras.map((c, i) => parseCamera(c, `cameras[${i}]`, problems)).filter((c): c is LabCamera => c !== undefined);
  const seen = new Set<string>();
  for (const c of cameras) {
    if (seen.has(c.name)) problems.push(`camera ${JSON.stringify(c.name)} is listed twice`);
    seen.add(c.name);
  }
  return cameras;
}

function parseCamera(c: unknown, at: string, problems: string[]): LabCamera | undefined {
  if (!isObj(c)) {
    problems.push(`${at}: must be an object`);
    return undefined;
  }
  keys(c, CAMERA_KEYS, at, problems);
  const str = (k: string, pattern?: RegExp, hint = '') => {
    const v = c[k];
    if (typeof v === 'string' && v !== '' && (!pattern || pattern.test(v))) return v;
    problems.push(`${at}.${k}: ${v === undefined ? 'missing' : `must be ${hint || 'a non-empty string'}`}`);
    return '';
  };
  const optional = (k: string, type: 'string' | 'boolean') => {
    if (c[k] !== undefined && typeof c[k] !== type) problems.push(`${at}.${k}: must be a ${type}`);
  };
  const name = str('name', NAME, 'a name of letters, digits, ".", "_" or "-"');
  const url = checkUrl(c.url, `${at}.url`, problems);
  const userEnv = str('userEnv', ENV, 'an environment variable NAME (the value stays out of this file)');
  const passwordEnv = str('passwordEnv', ENV, 'an environment variable NAME (the value stays out of this file)');
  (['model', 'notes', 'secondSourceAddress'] as const).forEach((k) => optional(k, 'string'));
  if (c.station !== undefined && !(typeof c.station === 'string' && NAME.test(c.station))) problems.push(`${at}.station: must be a name of letters, digits, ".", "_" or "-"`);
  (['speakerHearsMicrophone', 'destructiveAllowed'] as const).forEach((k) => optional(k, 'boolean'));
  if (typeof c.secondSourceAddress === 'string' && !net.isIP(c.secondSourceAddress)) problems.push(`${at}.secondSourceAddress: must be an IP address`);
  const relay = c.relay === undefined ? undefined : parseRelay(c.relay, `${at}.relay`, problems);
  const wiring = parseWiring(c.wiring, relay, `${at}.wiring`, problems);
  return {
    name, url, userEnv, passwordEnv, relay, wiring,
    model: c.model as string | undefined,
    notes: c.notes as string | undefined,
    station: c.station as string | undefined,
    secondSourceAddress: c.secondSourceAddress as string | undefined,
    speakerHearsMicrophone: c.speakerHearsMicrophone === true,
    destructiveAllowed: c.destructiveAllowed === true,
  };
}

function checkUrl(v: unknown, at: string, problems: string[]): string {
  if (typeof v !== 'string') {
    problems.push(`${at}: ${v === undefined ? 'missing' : 'must be a string'}`);
    return '';
  }
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    problems.push(`${at}: not a URL`); // the value is not echoed: it might hold a secret
    return '';
  }
  if (u.username || u.password) problems.push(`${at}: must not contain credentials; name their environment variables in userEnv/passwordEnv`);
  else if (u.protocol !== 'http:' && u.protocol !== 'https:') problems.push(`${at}: must be http:// or https://, got ${u.protocol}`);
  return u.username || u.password ? '' : v;
}

function parseRelay(r: unknown, at: string, problems: string[]): RelaySpec | undefined {
  if (!isObj(r)) {
    problems.push(`${at}: must be an object`);
    return undefined;
  }
  keys(r, ['driver', 'path', 'channels'], at, problems);
  const driver = r.driver as RelayDriverName;
  if (!RELAY_DRIVERS.includes(driver)) problems.push(`${at}.driver: must be one of ${RELAY_DRIVERS.join(', ')}`);
  if (r.path !== undefined && (typeof r.path !== 'string' || r.path === '')) problems.push(`${at}.path: must be a non-empty string`);
  if (r.path === undefined && driver !== 'virtual') problems.push(`${at}.path: missing (only the virtual board can do without)`);
  if (r.channels !== undefined && !(Number.isInteger(r.channels) && (r.channels as number) > 0)) problems.push(`${at}.channels: must be a whole number > 0`);
  return { driver, path: r.path as string | undefined, channels: r.channels as number | undefined };
}

function parseWiring(w: unknown, relay: RelaySpec | undefined, at: string, problems: string[]): Wiring {
  const sense = relay !== undefined && HAS_SENSE.includes(relay.driver);
  // Boards without sense lines get no default output wiring rather than an impossible one.
  const defaults = defaultWiring({ senseLines: sense });
  if (w === undefined) return defaults;
  if (!isObj(w)) {
    problems.push(`${at}: must be an object`);
    return defaults;
  }
  keys(w, ['inputs', 'lamp', 'outputs'], at, problems);
  const index = (v: unknown, where: string, count?: number) => {
    if (Number.isInteger(v) && (v as number) >= 0 && (count === undefined || (v as number) < count)) return v as number;
    problems.push(`${where}: must be a 0-based number${count === undefined ? '' : ` below ${count}`}`);
    return -1;
  };
  const map = (v: unknown, where: string, count?: number): Record<number, number> => {
    if (!isObj(v)) {
      problems.push(`${where}: must be an object like { "1": 0 }`);
      return {};
    }
    const out: Record<number, number> = {};
    for (const [k, ch] of Object.entries(v)) {
      if (!/^[1-9]\d*$/.test(k)) problems.push(`${where}: key ${JSON.stringify(k)} must be a camera port number from 1`);
      else out[Number(k)] = index(ch, `${where}.${k}`, count);
    }
    return out;
  };
  const inputs = w.inputs === undefined ? defaults.inputs : map(w.inputs, `${at}.inputs`, relay?.channels);
  const lamp = w.lamp === undefined ? defaults.lamp : w.lamp === null ? null : index(w.lamp, `${at}.lamp`, relay?.channels);
  if (isObj(w.outputs) && relay && !sense && Object.keys(w.outputs).length) problems.push(`${at}.outputs: ${relay.driver} boards have no sense inputs`);
  const outputs = w.outputs === undefined ? defaults.outputs : map(w.outputs, `${at}.outputs`);
  const used = [...Object.values(inputs), ...(lamp === null ? [] : [lamp])].filter((n) => n >= 0);
  const twice = used.find((n, i) => used.indexOf(n) !== i);
  if (twice !== undefined) problems.push(`${at}: relay channel ${twice} is wired to two things`);
  return { inputs, lamp, outputs };
}
