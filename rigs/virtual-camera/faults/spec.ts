// The fault set of a virtual camera as text and as data: `latency=200@/config.cgi,reset=0.1`.
// One grammar for the CLI flag (--faults) and the control endpoint (/_hil/faults?set=),
// parsed strictly: an unknown key, a malformed value or a repeated key is an error that
// names the item and says what was expected, never a silently ignored fault.
// The grammar is documented in README.md beside this file.

/** When a fault fires: with a probability, or on every Nth event (the Nth, 2Nth, ...). */
export type Trigger = { probability: number } | { every: number };

/** A fault that applies to requests whose path matches `pattern` (`*` = any run of characters). */
export interface RequestFault {
  kind: RequestFaultKind;
  /** latency: the added delay in ms; the other kinds: unused (0). */
  ms: number;
  trigger: Trigger;
  pattern: string;
}

export const REQUEST_FAULTS = ['latency', 'reset', 'hangup', 'refuse', 'noop', 'bodylength'] as const;
export type RequestFaultKind = (typeof REQUEST_FAULTS)[number];

export const FRAME_FAULTS = ['drop', 'dup', 'late', 'truncate', 'bitflip', 'partlength'] as const;
export type FrameFaultKind = (typeof FRAME_FAULTS)[number];

export interface FaultSpec {
  seed: number;
  /** In the order given; per kind the first entry whose pattern matches applies. */
  requests: RequestFault[];
  frames: Partial<Record<FrameFaultKind, Trigger>>;
  /** How late a `late` frame is sent, ms. */
  lateMs: number;
  /** A stream sends this many frames, then nothing more (the connection stays open). */
  stallAfter?: number;
  /** Overrides how long a reboot keeps the camera down; Infinity = it never comes back. */
  rebootMs?: number;
  /** The video source has lost its signal (videostatus.cgi: no video; frames: a NO VIDEO card). */
  noVideo?: boolean;
}

export class FaultSpecError extends Error {
  override name = 'FaultSpecError';
}

const DEFAULT_SEED = 1;
const DEFAULT_LATE_MS = 500;
const MAX_MS = 600_000;
const KEYS = ['seed', ...REQUEST_FAULTS, ...FRAME_FAULTS, 'late-ms', 'stall', 'reboot', 'novideo'];

export function emptySpec(): FaultSpec {
  return { seed: DEFAULT_SEED, requests: [], frames: {}, lateMs: DEFAULT_LATE_MS };
}

/** Parses `key=value,...`; the empty string is the empty fault set. */
export function parseFaultSpec(text: string): FaultSpec {
  const spec = emptySpec();
  if (text.trim() === '') return spec;
  if (text.length > 4096) throw new FaultSpecError(`fault set is ${text.length} characters long; at most 4096`);
  const seen = new Set<string>();
  for (const raw of text.split(',')) {
    const item = raw.trim();
    const eq = item.indexOf('=');
    if (eq <= 0) throw new FaultSpecError(`fault "${shown(item)}" is not key=value (keys: ${KEYS.join(', ')})`);
    const key = item.slice(0, eq);
    const value = item.slice(eq + 1);
    if (!KEYS.includes(key)) throw new FaultSpecError(`unknown fault "${shown(key)}" (keys: ${KEYS.join(', ')})`);
    const isRequest = (REQUEST_FAULTS as readonly string[]).includes(key);
    // Request faults may repeat with different patterns; everything else is one value.
    const id = isRequest ? `${key}@${patternOf(value)}` : key;
    if (seen.has(id)) throw new FaultSpecError(`fault "${shown(id)}" is given twice`);
    seen.add(id);
    try {
      apply(spec, key, value);
    } catch (e) {
      throw new FaultSpecError(`${shown(item)}: ${(e as Error).message}`);
    }
  }
  return spec;
}

function apply(spec: FaultSpec, key: string, value: string): void {
  if (key === 'seed') return void (spec.seed = integer(value, 0, 0xffffffff, 'a seed'));
  if (key === 'late-ms') return void (spec.lateMs = integer(value, 1, MAX_MS, 'milliseconds'));
  if (key === 'stall') return void (spec.stallAfter = integer(value, 0, 1_000_000, 'a frame count'));
  if (key === 'novideo') {
    if (value !== '1') throw new Error(`"${shown(value)}" is not 1 (novideo=1: the video signal is lost while the set holds it)`);
    return void (spec.noVideo = true);
  }
  if (key === 'reboot') return void (spec.rebootMs = value === 'never' ? Infinity : integer(value, 0, MAX_MS, 'milliseconds or "never"'));
  if ((FRAME_FAULTS as readonly string[]).includes(key)) return void (spec.frames[key as FrameFaultKind] = trigger(value));
  const at = value.indexOf('@');
  const head = at < 0 ? value : value.slice(0, at);
  const pattern = patternOf(value);
  checkPattern(pattern);
  const kind = key as RequestFaultKind;
  if (kind === 'latency') {
    spec.requests.push({ kind, ms: integer(head, 0, MAX_MS, 'milliseconds'), trigger: { probability: 1 }, pattern });
    return;
  }
  // `refuse=/config.cgi` is short for `refuse=1@/config.cgi`.
  const bare = at < 0 && (head.startsWith('/') || head.startsWith('*'));
  spec.requests.push({ kind, ms: 0, trigger: bare ? { probability: 1 } : trigger(head), pattern });
}

/** The part after `@`, or after nothing when the value itself is a pattern; default `*`. */
function patternOf(value: string): string {
  const at = value.indexOf('@');
  if (at >= 0) return value.slice(at + 1);
  return value.startsWith('/') || value.startsWith('*') ? value : '*';
}

function checkPattern(p: string): void {
  if (p === '' || !(p.startsWith('/') || p.startsWith('*'))) throw new Error(`path pattern "${shown(p)}" must start with / or *`);
  if (/[\s?#@]/.test(p)) throw new Error(`path pattern "${shown(p)}" may not contain spaces, ?, # or @ (it matches the path only)`);
}

function trigger(v: string): Trigger {
  const every = /^every:(\d{1,7})$/.exec(v);
  if (every) {
    const n = Number(every[1]);
    if (n < 1) throw new Error('every:N needs N >= 1');
    return { every: n };
  }
  if (!/^(0|1|0?\.\d{1,6}|1\.0{1,6})$/.test(v)) throw new Error(`"${shown(v)}" is neither a probability 0..1 (e.g. 0.1) nor every:N (e.g. every:3)`);
  return { probability: Number(v) };
}

function integer(v: string, min: number, max: number, what: string): number {
  if (!/^\d{1,10}$/.test(v) || Number(v) < min || Number(v) > max) throw new Error(`"${shown(v)}" is not ${what} (an integer ${min}..${max})`);
  return Number(v);
}

function shown(s: string): string {
  const printable = s.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 60 ? `${printable.slice(0, 60)}...` : printable;
}

function formatTrigger(t: Trigger): string {
  return 'every' in t ? `every:${t.every}` : String(t.probability);
}

/** The canonical text of a spec; parseFaultSpec(formatFaultSpec(s)) gives s again. */
export function formatFaultSpec(s: FaultSpec): string {
  const items: string[] = [];
  if (s.seed !== DEFAULT_SEED) items.push(`seed=${s.seed}`);
  for (const r of s.requests) {
    const always = r.kind !== 'latency' && 'probability' in r.trigger && r.trigger.probability === 1;
    if (always && r.pattern !== '*') {
      items.push(`${r.kind}=${r.pattern}`); // the short form: always, for this path
      continue;
    }
    const head = r.kind === 'latency' ? String(r.ms) : formatTrigger(r.trigger);
    items.push(`${r.kind}=${head}${r.pattern === '*' ? '' : `@${r.pattern}`}`);
  }
  for (const k of FRAME_FAULTS) if (s.frames[k]) items.push(`${k}=${formatTrigger(s.frames[k]!)}`);
  if (s.lateMs !== DEFAULT_LATE_MS) items.push(`late-ms=${s.lateMs}`);
  if (s.stallAfter !== undefined) items.push(`stall=${s.stallAfter}`);
  if (s.rebootMs !== undefined) items.push(`reboot=${Number.isFinite(s.rebootMs) ? s.rebootMs : 'never'}`);
  if (s.noVideo) items.push('novideo=1');
  return items.join(',');
}

const compiled = new Map<string, RegExp>();

/** `*` matches any run of characters; everything else literally; the whole path must match. */
export function pathMatches(pattern: string, path: string): boolean {
  if (pattern === '*') return true;
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    if (compiled.size > 256) compiled.clear();
    compiled.set(pattern, re);
  }
  return re.test(path);
}
