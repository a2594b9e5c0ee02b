// The parameter store behind config.cgi: list / update / add / remove with group
// filters and templates. Every write validates the whole request first, then applies
// it, so a request with one bad value changes nothing.
import { CgiError } from '../http/cgi-error.ts';
import { CROSS_CHECKS } from './cross-checks.ts';
import type { ParamDef, TemplateDef } from './types.ts';
import { checkValue, clip } from './validate.ts';

export class ParamStore {
  private readonly defs = new Map<string, ParamDef>();
  private readonly values = new Map<string, string>();

  constructor(
    private readonly factory: readonly ParamDef[],
    private readonly templates: readonly TemplateDef[],
  ) {
    this.loadFactory();
  }

  private loadFactory(): void {
    this.defs.clear();
    this.values.clear();
    for (const d of this.factory) {
      this.defs.set(d.name, d);
      this.values.set(d.name, d.value);
    }
  }

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  /** Like get, for parameters the camera itself relies on: a missing one is a bug. */
  must(name: string): string {
    const v = this.values.get(name);
    if (v === undefined) throw new Error(`virtual camera has no parameter ${name}`);
    return v;
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  names(): string[] {
    return [...this.values.keys()].sort(compareNames);
  }

  /** Entries of a group filter: `Motion` (prefix), `Motion.M1` (sub-group) or an exact name. */
  list(groups?: readonly string[]): [string, string][] {
    const names = this.names();
    if (!groups || groups.length === 0) return names.map((n) => [n, this.values.get(n)!]);
    const out: [string, string][] = [];
    const seen = new Set<string>();
    for (const g of groups) {
      const hits = names.filter((n) => n === g || n.startsWith(`${g}.`));
      // A template group with no instance (Motion with every window removed) lists empty.
      if (hits.length === 0 && !this.templates.some((t) => t.group === g))
        throw new CgiError(`no parameter group or parameter named ${clip(g)}`);
      for (const n of hits) if (!seen.has(n)) (seen.add(n), out.push([n, this.values.get(n)!]));
    }
    return out;
  }

  /** Validates every pair, then applies all or none. Returns the names whose value changed. */
  update(pairs: readonly [string, string][], allowed?: (name: string) => boolean): string[] {
    if (pairs.length === 0) throw new CgiError('update needs at least one <parameter>=<value>');
    const seen = new Set<string>();
    for (const [name, value] of pairs) {
      const def = this.defs.get(name);
      if (!def) throw new CgiError(`unknown parameter ${clip(name)}`);
      if (def.readOnly) throw new CgiError(`${name} is read-only`);
      if (allowed && !allowed(name)) throw new CgiError(`not allowed to update ${name}`, 403);
      if (seen.has(name)) throw new CgiError(`${name} given twice`);
      seen.add(name);
      const err = checkValue(def, value);
      if (err) throw new CgiError(err);
    }
    this.crossCheck(new Map(pairs));
    const changed: string[] = [];
    for (const [name, value] of pairs) {
      if (this.values.get(name) !== value) changed.push(name);
      this.values.set(name, value);
    }
    return changed;
  }

  /** Adds `<group>.<prefix><n>` from a template; values are sub-names or full names. */
  add(group: string, templateName: string, pairs: readonly [string, string][]): string {
    const tpl = this.templates.find((t) => t.name === templateName);
    if (!tpl) throw new CgiError(`unknown template ${clip(templateName)} (known: ${this.templates.map((t) => t.name).join(', ')})`);
    if (tpl.group !== group) throw new CgiError(`template ${tpl.name} belongs to group ${tpl.group}, not ${clip(group)}`);
    const used = this.instanceNumbers(tpl);
    if (used.length >= tpl.max) throw new CgiError(`${group} already has the maximum of ${tpl.max} entries`);
    let n = 0;
    while (used.includes(n)) n++;
    const entry = `${tpl.prefix}${n}`;
    const fresh = new Map<string, ParamDef>();
    for (const [sub, d] of Object.entries(tpl.params)) {
      const name = `${group}.${entry}.${sub}`;
      fresh.set(name, { ...d, name });
    }
    const assigned = new Map<string, string>();
    for (const [rawName, value] of pairs) {
      // Accept `Motion.M.Top` (spec §4.1 example), `Motion.M<n>.Top` and `Top`.
      const sub = rawName.replace(new RegExp(`^${escape(group)}\\.${escape(tpl.prefix)}\\d*\\.`), '');
      const name = `${group}.${entry}.${sub}`;
      const def = fresh.get(name);
      if (!def) throw new CgiError(`unknown parameter ${clip(rawName)} for template ${tpl.name}`);
      if (assigned.has(name)) throw new CgiError(`${rawName} given twice`);
      const err = checkValue(def, value);
      if (err) throw new CgiError(err);
      assigned.set(name, value);
    }
    this.crossCheck(new Map([...fresh].map(([name, def]) => [name, assigned.get(name) ?? def.value])));
    for (const [name, def] of fresh) {
      this.defs.set(name, def);
      this.values.set(name, assigned.get(name) ?? def.value);
    }
    return entry;
  }

  /** Removes template instances (`Motion.M3`); refuses fixed groups. All or nothing. */
  remove(groups: readonly string[]): string[] {
    if (groups.length === 0) throw new CgiError('remove needs group=<group>');
    const removed: string[] = [];
    for (const g of groups) {
      const m = /^([A-Za-z]+)\.([A-Za-z]+)(\d+)$/.exec(g);
      const tpl = m && this.templates.find((t) => t.group === m[1] && t.prefix === m[2]);
      if (!m || !tpl) throw new CgiError(`${clip(g)} is not a removable group`);
      const names = this.names().filter((n) => n.startsWith(`${g}.`));
      if (names.length === 0) throw new CgiError(`no group named ${g}`);
      removed.push(...names);
    }
    for (const n of removed) (this.values.delete(n), this.defs.delete(n));
    return removed;
  }

  /** Refuses a write whose resulting state would break a cross-parameter rule. */
  private crossCheck(next: Map<string, string>): void {
    const get = (n: string) => next.get(n) ?? this.values.get(n);
    const names = [...next.keys()];
    for (const check of CROSS_CHECKS) {
      const err = check(get, names);
      if (err) throw new CgiError(err);
    }
  }

  private instanceNumbers(tpl: TemplateDef): number[] {
    const re = new RegExp(`^${escape(tpl.group)}\\.${escape(tpl.prefix)}(\\d+)\\.`);
    return [...new Set(this.names().map((n) => re.exec(n)?.[1]).filter((x): x is string => !!x).map(Number))];
  }

  /** Factory default: every parameter back to its factory value, except those kept. */
  resetToFactory(keep: readonly string[] = []): void {
    const kept = keep.map((n) => [n, this.values.get(n)] as const);
    this.loadFactory();
    for (const [n, v] of kept) if (v !== undefined) this.values.set(n, v);
  }

  /** Writes a value the camera owns (firmware version after an upgrade), bypassing read-only. */
  setInternal(name: string, value: string): void {
    if (!this.defs.has(name)) throw new Error(`virtual camera has no parameter ${name}`);
    this.values.set(name, value);
  }

  /** Everything needed to restore the exact state: values of every parameter, template instances included. */
  snapshot(): Record<string, string> {
    return Object.fromEntries(this.names().map((n) => [n, this.values.get(n)!]));
  }

  /**
   * Checks a snapshot without applying it; returns an error text or undefined.
   * Template instances are re-created from their template; read-only values must match
   * this unit (a backup of another model or unit is refused by the caller first).
   */
  checkSnapshot(snap: Record<string, string>): string | undefined {
    for (const [name, value] of Object.entries(snap)) {
      const def = this.defs.get(name) ?? this.templateDefFor(name);
      if (!def) return `unknown parameter ${clip(name)}`;
      const err = checkValue(def, value);
      if (err) return err;
    }
    for (const d of this.factory) if (!(d.name in snap)) return `backup lacks parameter ${d.name}`;
    return undefined;
  }

  applySnapshot(snap: Record<string, string>): void {
    const err = this.checkSnapshot(snap);
    if (err) throw new CgiError(err);
    this.loadFactory();
    for (const [name, value] of Object.entries(snap)) {
      const def = this.defs.get(name) ?? this.templateDefFor(name)!;
      this.defs.set(name, def);
      this.values.set(name, value);
    }
  }

  private templateDefFor(name: string): ParamDef | undefined {
    for (const t of this.templates) {
      const m = new RegExp(`^${escape(t.group)}\\.${escape(t.prefix)}(\\d+)\\.(.+)$`).exec(name);
      if (m && t.params[m[2]] && Number(m[1]) < t.max) return { ...t.params[m[2]], name };
    }
    return undefined;
  }
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Natural order, so `Motion.M10` lists after `Motion.M2` as on the camera. One collator for
 * every comparison: `localeCompare` with options builds a new one per call, which made sorting
 * the list the virtual camera's costliest step (seconds of CPU per suite run).
 */
const compareNames = new Intl.Collator('en', { numeric: true }).compare;
