// Sign-off profiles: limits per measurement, required tests, acceptable skips (format in
// profiles/README.md). Loading is strict: a typo in a profile must stop the sign-off with a
// message naming the file and the key, never silently loosen a limit.

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareToleranceProblems, limitProblems, type CompareTolerance, type Limits } from './limits.ts';
import { HOUSE_RULES } from './house-rules/index.ts';
import { globToRegExp } from './patterns.ts';

export type TargetKind = 'virtual' | 'physical';

export interface MeasurementSpec extends Limits {
  unit?: string;
  /** Missing from the run → the verdict is INCOMPLETE. */
  required?: boolean;
  description?: string;
  /**
   * How far the value may move between two firmware versions before the comparison reports
   * it (both must be exceeded). Copied into each measurement of signoff.json, so a comparison
   * made later uses the tolerances of the run, not of today's profile.
   */
  compare?: CompareTolerance;
}

export interface SkipRule {
  /** Test pattern (`@tag` or glob), see patterns.ts. */
  tests: string;
  /** Glob on the skip reason (case-insensitive); any reason when absent. */
  reason?: string;
  /** Only on this kind of target; both when absent. */
  target?: TargetKind;
  /** Why the skip is acceptable: copied into signoff.md. */
  why: string;
}

export interface Profile {
  name: string;
  description?: string;
  /** Files this profile was read from (extends chain first). */
  sources: string[];
  measurements: Record<string, MeasurementSpec>;
  required: string[];
  acceptableSkips: SkipRule[];
  /** A test that failed then passed on retry counts as passed (default false: it is a failure). */
  allowFlaky: boolean;
  /**
   * House expectations (lib/signoff/house-rules) this profile requires: names or globs. A
   * profile that sets it replaces what it extends (the physical profile requires none of
   * what the virtual camera's profile pins).
   */
  promoteObservations: string[];
}

const TOP_KEYS = ['$schema', '$comment', 'name', 'description', 'extends', 'measurements', 'required', 'acceptableSkips', 'allowFlaky', 'promoteObservations'];
const MEASUREMENT_KEYS = ['min', 'max', 'marginalMin', 'marginalMax', 'unit', 'required', 'description', 'compare'];
const SKIP_KEYS = ['tests', 'reason', 'target', 'why'];

export class ProfileError extends Error {
  constructor(readonly source: string, readonly problems: string[]) {
    super(`sign-off profile ${source} is invalid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ProfileError';
  }

  /** The same on one line, for a command line that stops on it. */
  get line(): string {
    return `sign-off profile ${this.source} is invalid: ${this.problems.join('; ')}`;
  }
}

// What the error codes of a failed read mean to someone who typed a --profile path.
const READ_ERRORS: Record<string, string> = { ENOENT: 'no such file', EISDIR: 'a directory, not a profile file', EACCES: 'permission denied', ENOTDIR: 'a folder on the path is a file' };

/** Reads a profile file, following `extends` (relative to the file). */
export function loadProfile(file: string, seen: string[] = []): Profile {
  const path = resolve(file);
  if (seen.includes(path)) throw new ProfileError(path, [`extends cycle: ${[...seen, path].join(' → ')}`]);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ProfileError(path, [`cannot read: ${code ? `${code}${READ_ERRORS[code] ? ` (${READ_ERRORS[code]})` : ''}` : (e as Error).message}`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ProfileError(path, [`not valid JSON: ${(e as Error).message}`]);
  }
  const ext = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).extends : undefined;
  let base: Profile | undefined;
  if (ext !== undefined) {
    if (typeof ext !== 'string' || !ext) throw new ProfileError(path, ['extends must be a file name']);
    base = loadProfile(resolve(dirname(path), ext), [...seen, path]);
  }
  return parseProfile(raw, path, base);
}

/** Validates a parsed profile object. `base` is the profile it extends. */
export function parseProfile(raw: unknown, source: string, base?: Profile): Profile {
  const problems: string[] = [];
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ProfileError(source, ['the top level must be a JSON object']);
  const r = raw as Record<string, unknown>;
  for (const k of Object.keys(r)) if (!TOP_KEYS.includes(k)) problems.push(`unknown key "${k}" (known: ${TOP_KEYS.slice(2).join(', ')})`);
  const name = r.name ?? base?.name;
  if (typeof name !== 'string' || !name) problems.push('name must be a non-empty string');
  if (r.description !== undefined && typeof r.description !== 'string') problems.push('description must be a string');
  if (r.allowFlaky !== undefined && typeof r.allowFlaky !== 'boolean') problems.push('allowFlaky must be true or false');

  const measurements: Record<string, MeasurementSpec> = { ...(base?.measurements ?? {}) };
  if (r.measurements !== undefined) {
    if (!r.measurements || typeof r.measurements !== 'object' || Array.isArray(r.measurements)) problems.push('measurements must be an object keyed by measurement name');
    else for (const [m, spec] of Object.entries(r.measurements)) {
      const p = measurementProblems(spec).map((x) => `measurements["${m}"]: ${x}`);
      problems.push(...p);
      if (!p.length) measurements[m] = spec as MeasurementSpec;
    }
  }

  const required = [...(base?.required ?? [])];
  if (r.required !== undefined) {
    if (!Array.isArray(r.required)) problems.push('required must be an array of test patterns');
    else r.required.forEach((p, i) => {
      if (typeof p !== 'string' || !p) problems.push(`required[${i}] must be a non-empty string (a @tag or a glob)`);
      else required.push(p);
    });
  }

  const acceptableSkips = [...(base?.acceptableSkips ?? [])];
  if (r.acceptableSkips !== undefined) {
    if (!Array.isArray(r.acceptableSkips)) problems.push('acceptableSkips must be an array');
    else r.acceptableSkips.forEach((s, i) => {
      const p = skipProblems(s).map((x) => `acceptableSkips[${i}]: ${x}`);
      problems.push(...p);
      if (!p.length) acceptableSkips.push(s as SkipRule);
    });
  }
  let promoteObservations = [...(base?.promoteObservations ?? [])];
  if (r.promoteObservations !== undefined) {
    if (!Array.isArray(r.promoteObservations)) problems.push('promoteObservations must be an array of observation names or globs');
    else {
      promoteObservations = [];
      r.promoteObservations.forEach((p, i) => {
        if (typeof p !== 'string' || !p) problems.push(`promoteObservations[${i}] must be a non-empty string`);
        else if (!Object.keys(HOUSE_RULES).some((n) => globToRegExp(p).test(n))) {
          problems.push(`promoteObservations[${i}]: "${p}" names no house expectation (see README, "Where the spec is silent")`);
        } else promoteObservations.push(p);
      });
    }
  }
  if (problems.length) throw new ProfileError(source, problems);
  return {
    name: name as string,
    description: (r.description as string | undefined) ?? base?.description,
    sources: [...(base?.sources ?? []), source],
    measurements,
    required,
    acceptableSkips,
    allowFlaky: (r.allowFlaky as boolean | undefined) ?? base?.allowFlaky ?? false,
    promoteObservations,
  };
}

/** Whether the profile makes this house expectation a requirement. */
export function isPromoted(profile: Profile, observation: string): boolean {
  return profile.promoteObservations.some((p) => globToRegExp(p).test(observation));
}

function measurementProblems(spec: unknown): string[] {
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return ['must be an object like {"unit": "ms", "max": 35.5}'];
  const s = spec as Record<string, unknown>;
  const problems = Object.keys(s).filter((k) => !MEASUREMENT_KEYS.includes(k)).map((k) => `unknown key "${k}" (known: ${MEASUREMENT_KEYS.join(', ')})`);
  if (s.unit !== undefined && typeof s.unit !== 'string') problems.push('unit must be a string');
  if (s.required !== undefined && typeof s.required !== 'boolean') problems.push('required must be true or false');
  if (s.description !== undefined && typeof s.description !== 'string') problems.push('description must be a string');
  if (s.compare !== undefined) problems.push(...compareToleranceProblems(s.compare));
  return [...problems, ...limitProblems(s as Limits)];
}

function skipProblems(rule: unknown): string[] {
  if (!rule || typeof rule !== 'object' || Array.isArray(rule)) return ['must be an object like {"tests": "@destructive", "why": "..."}'];
  const s = rule as Record<string, unknown>;
  const problems = Object.keys(s).filter((k) => !SKIP_KEYS.includes(k)).map((k) => `unknown key "${k}" (known: ${SKIP_KEYS.join(', ')})`);
  if (typeof s.tests !== 'string' || !s.tests) problems.push('tests must be a @tag or a glob');
  if (s.reason !== undefined && typeof s.reason !== 'string') problems.push('reason must be a glob string');
  if (s.target !== undefined && s.target !== 'virtual' && s.target !== 'physical') problems.push('target must be "virtual" or "physical"');
  if (typeof s.why !== 'string' || !s.why) problems.push('why must say why the skip is acceptable');
  return problems;
}

/** The spec for a measurement: the exact name first, then wildcard keys in file order. */
export function measurementSpec(profile: Profile, name: string): MeasurementSpec | undefined {
  const exact = profile.measurements[name];
  if (exact) return exact;
  for (const [key, spec] of Object.entries(profile.measurements)) {
    if (key.includes('*') && globToRegExp(key).test(name)) return spec;
  }
  return undefined;
}

/** Only the limit fields of a spec (what a measurement record carries). */
export function limitsOf(spec: MeasurementSpec | undefined): Limits | undefined {
  if (!spec) return undefined;
  const l: Limits = {};
  if (spec.min !== undefined) l.min = spec.min;
  if (spec.max !== undefined) l.max = spec.max;
  if (spec.marginalMin !== undefined) l.marginalMin = spec.marginalMin;
  if (spec.marginalMax !== undefined) l.marginalMax = spec.marginalMax;
  return Object.keys(l).length ? l : undefined;
}

/** The profiles/ folder of the harness. */
export const PROFILES_DIR = fileURLToPath(new URL('../../profiles/', import.meta.url));
