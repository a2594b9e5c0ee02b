// Limits and judging, OpenHTF style: the profile declares the limits, the framework (this
// file, nowhere else) decides PASS / FAIL / MARGINAL. A test never carries its own limits, so
// the same suite can be signed off against a stricter or looser profile.

export type MeasurementVerdict = 'PASS' | 'MARGINAL' | 'FAIL' | 'NO_LIMIT';

/**
 * Limits of one measurement. `min`/`max` are inclusive pass limits; `marginalMin`/`marginalMax`
 * form an inner band: a value inside the limits but outside that band is MARGINAL (it passes,
 * and the report says it is close to failing).
 */
export interface Limits {
  min?: number;
  max?: number;
  marginalMin?: number;
  marginalMax?: number;
}

function hasLimits(l: Limits | undefined): l is Limits {
  return !!l && (l.min !== undefined || l.max !== undefined || l.marginalMin !== undefined || l.marginalMax !== undefined);
}

/** Judges a value. Without limits the value is informational (`NO_LIMIT`). */
export function judge(value: number, limits: Limits | undefined): MeasurementVerdict {
  if (!hasLimits(limits)) return 'NO_LIMIT';
  // A NaN or infinite reading cannot lie inside any limit; treat it as out of limits rather
  // than let comparisons (all false with NaN) wave it through.
  if (!Number.isFinite(value)) return 'FAIL';
  if (limits.min !== undefined && value < limits.min) return 'FAIL';
  if (limits.max !== undefined && value > limits.max) return 'FAIL';
  if (limits.marginalMin !== undefined && value < limits.marginalMin) return 'MARGINAL';
  if (limits.marginalMax !== undefined && value > limits.marginalMax) return 'MARGINAL';
  return 'PASS';
}

/**
 * Checks that limits are ordered min <= marginalMin <= marginalMax <= max (each pair only when
 * both are present) and finite. Returns the problems, empty when fine.
 */
export function limitProblems(l: Limits): string[] {
  const problems: string[] = [];
  const keys = ['min', 'marginalMin', 'marginalMax', 'max'] as const;
  for (const k of keys) {
    const v = l[k];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) problems.push(`${k} must be a finite number, got ${JSON.stringify(v)}`);
  }
  if (problems.length) return problems;
  for (let i = 0; i < keys.length; i++) {
    for (let j = i + 1; j < keys.length; j++) {
      const a = l[keys[i]];
      const b = l[keys[j]];
      if (a !== undefined && b !== undefined && a > b) problems.push(`${keys[i]} (${a}) is greater than ${keys[j]} (${b})`);
    }
  }
  return problems;
}

/**
 * How far a measurement may move between two sign-offs before the firmware comparison
 * reports it: a change is reported only when it exceeds both (or the verdict changed), so
 * sub-millisecond noise on a 0.5 ms figure is not a regression. `relative` is a fraction of the
 * older value (0.1 = 10 %), `absolute` is in the measurement's unit. Missing keys fall back to
 * the comparison's global relative tolerance (`--tolerance`) and an absolute 0.
 */
export interface CompareTolerance {
  relative?: number;
  absolute?: number;
}

const COMPARE_KEYS = ['relative', 'absolute'];

/** Checks a profile's `compare` entry; returns the problems, empty when fine. */
export function compareToleranceProblems(c: unknown): string[] {
  if (!c || typeof c !== 'object' || Array.isArray(c)) return ['compare must be an object like {"relative": 0.1, "absolute": 1}'];
  const r = c as Record<string, unknown>;
  const problems = Object.keys(r).filter((k) => !COMPARE_KEYS.includes(k)).map((k) => `compare: unknown key "${k}" (known: ${COMPARE_KEYS.join(', ')})`);
  if (!Object.keys(r).some((k) => COMPARE_KEYS.includes(k))) problems.push('compare must give relative, absolute or both');
  for (const k of COMPARE_KEYS) {
    const v = r[k];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) {
      problems.push(`compare.${k} must be a non-negative number${k === 'relative' ? ' (a fraction: 0.1 = 10 %)' : " (in the measurement's unit)"}, got ${JSON.stringify(v)}`);
    }
  }
  return problems;
}

/** Human form of limits, e.g. `-1 ≤ x ≤ 1 (marginal outside -0.5…0.5)`, or `no limit`. */
export function formatLimits(l: Limits | undefined, unit?: string): string {
  if (!hasLimits(l)) return 'no limit';
  const u = unit ? ` ${unit}` : '';
  let s: string;
  if (l.min !== undefined && l.max !== undefined) s = `${fmt(l.min)} … ${fmt(l.max)}${u}`;
  else if (l.min !== undefined) s = `≥ ${fmt(l.min)}${u}`;
  else if (l.max !== undefined) s = `≤ ${fmt(l.max)}${u}`;
  else s = 'any';
  if (l.marginalMin !== undefined || l.marginalMax !== undefined) {
    const lo = l.marginalMin !== undefined ? fmt(l.marginalMin) : '';
    const hi = l.marginalMax !== undefined ? fmt(l.marginalMax) : '';
    s += lo && hi ? ` (marginal outside ${lo} … ${hi})` : lo ? ` (marginal below ${lo})` : ` (marginal above ${hi})`;
  }
  return s;
}

/** Compact number: up to 4 significant decimals, no trailing zeros. */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 1 : abs >= 1 ? 3 : 4;
  return String(Number(v.toFixed(digits)));
}
