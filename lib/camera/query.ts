// Query strings for the camera's CGIs.
//
// The family's servers are small embedded ones: they percent-decode values, but some
// compare a few values before decoding. So we leave the characters RFC 3986 allows in a
// query unescaped where the API uses them as syntax (`:` `/` `,` `@` as in `action=1:/`,
// `group=Motion.M1,Motion.M2`, `continuouspantiltmove=10,-5`) and escape everything that
// would change the query's structure or is not allowed there (`&` `=` `+` `#` `%` space,
// backslash, quotes, non-ASCII). `+` is escaped because many CGIs decode it as a space.

export type QueryValue = string | number | boolean;

/**
 * A query: an object (order kept), a list of pairs (for repeated names), or a raw
 * string sent as it is (for tests that need to send exactly some bytes).
 */
export type Query = Record<string, QueryValue | undefined> | ReadonlyArray<readonly [string, QueryValue]> | string;

const KEEP = /[A-Za-z0-9\-._~:/,@!$'()*;]/;

/** Percent-encodes one name or value as described above. */
export function encodeQueryComponent(value: string): string {
  let out = '';
  for (const ch of value) {
    if (KEEP.test(ch)) {
      out += ch;
      continue;
    }
    for (const byte of Buffer.from(ch, 'utf8')) {
      out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return out;
}

function valueText(name: string, value: QueryValue): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`query parameter ${name}: ${value} is not a finite number`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return value;
}

/**
 * Builds the query string (without `?`). Entries whose value is `undefined` are left
 * out, so optional options can be passed straight through. Booleans become yes/no, the
 * family's convention for parameter values; CGIs that want 1/0 get numbers from their
 * chapter module.
 */
export function buildQuery(query: Query | undefined): string {
  if (query === undefined) return '';
  if (typeof query === 'string') {
    const raw = query.startsWith('?') ? query.slice(1) : query;
    if (/[\s#]/.test(raw)) {
      throw new Error(`raw query ${JSON.stringify(raw)} contains whitespace or '#': encode it first`);
    }
    return raw;
  }
  const pairs: ReadonlyArray<readonly [string, QueryValue]> = Array.isArray(query)
    ? (query as ReadonlyArray<readonly [string, QueryValue]>)
    : Object.entries(query as Record<string, QueryValue | undefined>).filter(
        (e): e is [string, QueryValue] => e[1] !== undefined,
      );
  return pairs
    .map(([name, value]) => {
      if (name === '') throw new Error('query parameter with an empty name');
      return `${encodeQueryComponent(name)}=${encodeQueryComponent(valueText(name, value))}`;
    })
    .join('&');
}

/** `path` + `?query`, appending with `&` when the path already carries a query. */
export function joinTarget(path: string, query: Query | undefined): string {
  if (!path.startsWith('/')) throw new Error(`request path must start with '/': ${JSON.stringify(path)}`);
  if (/[\s#]/.test(path)) throw new Error(`request path contains whitespace or '#': ${JSON.stringify(path)}`);
  const qs = buildQuery(query);
  if (qs === '') return path;
  return path.includes('?') ? `${path}&${qs}` : `${path}?${qs}`;
}
