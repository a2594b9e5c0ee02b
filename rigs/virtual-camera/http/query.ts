// Strict query parsing: a malformed percent-escape is an error, not silently mangled.
// A query parsed for a camera with the `lenient` dialect is marked; onlyKnown then drops
// the keys a CGI does not know instead of refusing them. The mark travels with the query
// object, so every CGI gets the behaviour through the one check it already makes.
import { CgiError } from './route.ts';

const lenientQueries = new WeakSet<URLSearchParams>();

export function parseQuery(raw: string, opts: { lenient?: boolean } = {}): URLSearchParams {
  const out = new URLSearchParams();
  if (opts.lenient) lenientQueries.add(out);
  if (raw === '') return out;
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const k = eq < 0 ? pair : pair.slice(0, eq);
    const v = eq < 0 ? '' : pair.slice(eq + 1);
    out.append(decode(k), decode(v));
  }
  return out;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    throw new CgiError(`malformed query: "${s.slice(0, 40)}" is not valid percent-encoded UTF-8`);
  }
}

/** The one value of a parameter; refuses a repeated one (which value would count?). */
export function single(q: URLSearchParams, name: string): string | undefined {
  const all = q.getAll(name);
  if (all.length > 1) throw new CgiError(`${name} given ${all.length} times`);
  return all[0];
}

export function required(q: URLSearchParams, name: string): string {
  const v = single(q, name);
  if (v === undefined || v === '') throw new CgiError(`missing parameter ${name}`);
  return v;
}

/** True for a query of a `lenient` camera: unknown keys are to be ignored, not refused. */
export function isLenient(q: URLSearchParams): boolean {
  return lenientQueries.has(q);
}

/** `q` followed by `more` (e.g. a POSTed form after the query string), keeping the lenient mark. */
export function withParams(q: URLSearchParams, more: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams(q);
  for (const [k, v] of more) out.append(k, v);
  if (isLenient(q) || isLenient(more)) lenientQueries.add(out);
  return out;
}

/**
 * Refuses parameters the CGI does not know, naming them. A lenient query instead loses
 * them here, so nothing after this check can trip over them either.
 */
export function onlyKnown(q: URLSearchParams, known: readonly string[]): void {
  const unknown = [...new Set(q.keys())].filter((k) => !known.includes(k));
  if (unknown.length === 0) return;
  if (isLenient(q)) return unknown.forEach((k) => q.delete(k));
  throw new CgiError(`unknown parameter ${unknown[0].slice(0, 60)} (known: ${known.join(', ')})`);
}

export function intParam(q: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const v = single(q, name);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v)) throw new CgiError(`${name}: "${v.slice(0, 40)}" is not an integer`);
  const n = Number(v);
  if (n < min || n > max) throw new CgiError(`${name}: ${n} is out of range ${min}..${max}`);
  return n;
}
