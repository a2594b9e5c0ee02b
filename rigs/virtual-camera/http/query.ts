// Strict query parsing: a malformed percent-escape is an error, not silently mangled.
import { CgiError } from './route.ts';

export function parseQuery(raw: string): URLSearchParams {
  const out = new URLSearchParams();
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

/** Refuses parameters the CGI does not know, naming them. */
export function onlyKnown(q: URLSearchParams, known: readonly string[]): void {
  for (const k of q.keys()) if (!known.includes(k)) throw new CgiError(`unknown parameter ${k.slice(0, 60)} (known: ${known.join(', ')})`);
}

export function intParam(q: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const v = single(q, name);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v)) throw new CgiError(`${name}: "${v.slice(0, 40)}" is not an integer`);
  const n = Number(v);
  if (n < min || n > max) throw new CgiError(`${name}: ${n} is out of range ${min}..${max}`);
  return n;
}
