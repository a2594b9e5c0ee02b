// The behaviour fingerprint of two firmware versions compared: every observation (a house
// expectation checked where the spec is silent, observation.ts) whose answer changed, whose
// expectation became met or missed, or that only one of the runs checked. Read by the
// firmware comparison (compare.ts), e.g. "V5.0.2.3843 answers “200”; V5.0.1.3714 answered “400”".

import { houseRule } from './house-rules/index.ts';
import type { SignoffObservation } from './verdict.ts';

export type ObservationChangeKind = 'missed now' | 'met now' | 'answer changed' | 'appeared' | 'disappeared';

export interface ObservationChange {
  /** Catalogue name (lib/signoff/house-rules). */
  name: string;
  /** Test id that checked it. */
  test: string;
  kind: ObservationChangeKind;
  /** The house expectation in words (from the newer record, else the older one). */
  expectation: string;
  before?: { observed: string; expected: string; holds: boolean; promoted: boolean };
  after?: { observed: string; expected: string; holds: boolean; promoted: boolean };
}

// Most telling first: a behaviour the house expects that is now missed.
const ORDER: ObservationChangeKind[] = ['missed now', 'answer changed', 'met now', 'appeared', 'disappeared'];

/**
 * Pairs the observations of two runs by name, test and order within the test (a test may
 * check the same expectation more than once), and lists those that differ.
 */
export function observationChanges(older: readonly SignoffObservation[], newer: readonly SignoffObservation[]): ObservationChange[] {
  const before = keyed(older);
  const after = keyed(newer);
  const out: ObservationChange[] = [];
  for (const [k, b] of after) {
    const a = before.get(k);
    if (!a) {
      out.push(change(b, 'appeared', undefined, b));
      continue;
    }
    const kind: ObservationChangeKind | undefined =
      a.holds && !b.holds ? 'missed now' : !a.holds && b.holds ? 'met now' : a.observed !== b.observed ? 'answer changed' : undefined;
    if (kind) out.push(change(b, kind, a, b));
  }
  for (const [k, a] of before) if (!after.has(k)) out.push(change(a, 'disappeared', a, undefined));
  return out.sort((x, y) => ORDER.indexOf(x.kind) - ORDER.indexOf(y.kind) || x.name.localeCompare(y.name) || x.test.localeCompare(y.test));
}

function keyed(list: readonly SignoffObservation[]): Map<string, SignoffObservation> {
  const seen = new Map<string, number>();
  const out = new Map<string, SignoffObservation>();
  for (const o of list) {
    const base = `${o.name}\u0000${o.test}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.set(`${base}\u0000${n}`, o);
  }
  return out;
}

function change(o: SignoffObservation, kind: ObservationChangeKind, a?: SignoffObservation, b?: SignoffObservation): ObservationChange {
  const side = (s: SignoffObservation) => ({ observed: s.observed, expected: s.expected, holds: s.holds, promoted: s.promoted });
  const c: ObservationChange = { name: o.name, test: o.test, kind, expectation: o.expectation || houseRule(o.name)?.expectation || '' };
  if (a) c.before = side(a);
  if (b) c.after = side(b);
  return c;
}

/** Markdown lines, one list item per change (observed answers can be long: no table). */
export function renderObservationChanges(changes: readonly ObservationChange[], olderFw: string, newerFw: string): string[] {
  if (!changes.length) return [`No observation changed: ${newerFw} answers every house expectation checked as ${olderFw} did.`];
  const lines: string[] = [];
  for (const c of changes) {
    const head = `- **${c.name}** (${c.test}):`;
    const expectation = c.expectation ? ` House expectation: ${c.expectation}${/[.!?]$/.test(c.expectation) ? '' : '.'}` : '';
    if (c.kind === 'appeared') {
      lines.push(`${head} checked only in ${newerFw}, which answers ${quote(c.after!.observed)} (${met(c.after!.holds)}).${expectation}`);
    } else if (c.kind === 'disappeared') {
      lines.push(`${head} checked only in ${olderFw}, which answered ${quote(c.before!.observed)} (${met(c.before!.holds)}); not observed in ${newerFw}.${expectation}`);
    } else {
      const flip = c.kind === 'missed now' ? ' — met before, **missed now**' : c.kind === 'met now' ? ' — missed before, met now' : ` — ${met(c.after!.holds)} by both`;
      const promoted = c.after!.promoted ? ' (a requirement of the profile)' : '';
      lines.push(`${head} ${newerFw} answers ${quote(c.after!.observed)}; ${olderFw} answered ${quote(c.before!.observed)}${flip}${promoted}.${expectation}`);
    }
  }
  return lines;
}

function met(holds: boolean): string {
  return holds ? 'expectation met' : 'expectation missed';
}

/** A code span that survives backticks and line ends in the answer (CommonMark). */
function quote(s: string): string {
  const flat = s.replace(/\s*\r?\n\s*/g, ' ');
  if (!flat.trim()) return '(an empty answer)';
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
