// Every request the robustness suites send to refuse-or-survive, as data: junk on every
// CGI (unknown, duplicated, over-long, non-UTF-8 parameters, a wrong method), the
// catalogue's bad values, the fuzz run's mutations, traversal in the request path. Built
// here, not inside the tests, so tests/unit/robustness can send the very same list to a
// lenient camera and show that none of it restarts, resets or erases anything. No list
// ever holds a destructive CGI (destructive-cgis.ts); every builder checks that.
import { HarnessDefect } from '../../lib/errors.ts';
import { CGI_CATALOG, type CgiEntry } from './cgi-catalog.ts';
import { isDestructiveCgi } from './destructive-cgis.ts';
import { mutateQuery, prng } from './mutate.ts';
import { probeableCgis, type CgiSource, type TargetCgi } from './target-cgis.ts';

/**
 * What a probe tests, and so which house rule its refusal is observed under
 * (lib/signoff/house-rules/robustness.ts): `unknown-parameter`, `method`, `malformed`
 * (encoding, length, repetition), `bad-value` (the catalogue: missing, out of range,
 * wrongly typed, traversal in a value), `path` (traversal and odd spellings of the path).
 */
export type ProbeKind = 'unknown-parameter' | 'method' | 'malformed' | 'bad-value' | 'path';

export interface Probe {
  path: string;
  method: string;
  /** Raw query, without `?` (already encoded: malformed ones are sent as they are). */
  query: string;
  body?: Buffer;
  contentType?: string;
  /** What is wrong with it, for the report: `an unknown parameter`, `compression 101`. */
  what: string;
  kind: ProbeKind;
  /** Refused by the HTTP server before any CGI sees it (a bare 4xx is enough). */
  serverLevel?: boolean;
}

const KIB = 1024;

/** Throws when a list holds a destructive CGI: a harness defect, caught before anything is sent. */
export function assertNoDestructive<T extends { path: string }>(list: readonly T[], where: string): readonly T[] {
  const bad = list.filter((p) => isDestructiveCgi(p.path));
  if (bad.length) throw new HarnessDefect(`${where}: ${bad.length} request(s) to destructive CGIs (${[...new Set(bad.map((b) => b.path))].join(', ')}); see tests/robustness/destructive-cgis.ts`);
  return list;
}

/** Junk every CGI must refuse, built on its harmless valid request where it has one. */
export function junkFor(c: TargetCgi): Probe[] {
  const valid = c.entry?.valid;
  const base = valid?.query ?? '';
  const pairs = base === '' ? [] : base.split('&');
  const body = valid?.body ?? c.entry?.bad.find((b) => b.body)?.body ?? Buffer.from('x');
  const contentType = valid?.contentType ?? c.entry?.bad.find((b) => b.body)?.contentType ?? 'application/octet-stream';
  const withFirst = (value: string) => {
    if (pairs.length === 0) return `hilbogus=${value}`;
    const [k] = pairs[0].split('=');
    return [`${k}=${value}`, ...pairs.slice(1)].join('&');
  };
  const probe = (what: string, kind: ProbeKind, query: string, extra: Partial<Probe> = {}): Probe => ({
    path: c.path, what, kind, query, method: c.method, ...(c.method === 'POST' ? { body, contentType } : {}), ...extra,
  });
  const out = [
    probe('an unknown parameter', 'unknown-parameter', [...pairs, 'hilbogus=1'].join('&')),
    // 4 KiB still reaches the CGI (Digest repeats the URI in its header, and servers cap
    // the header block at 8-16 KiB); 64 KiB is refused by the HTTP server itself.
    probe('an over-long value (4 KiB)', 'malformed', withFirst('A'.repeat(4 * KIB))),
    probe('an over-long value (64 KiB)', 'malformed', withFirst('A'.repeat(64 * KIB)), { serverLevel: true }),
    probe('a value that is not UTF-8 (%ff%fe)', 'malformed', withFirst('%ff%fe')),
    probe('a malformed percent-escape (%zz)', 'malformed', withFirst('%zz')),
    probe('a NUL byte', 'malformed', withFirst('x%00y')),
    probe('a method it does not take (DELETE)', 'method', base, { method: 'DELETE', body: undefined, contentType: undefined }),
  ];
  const single = pairs.map((p) => p.split('=')).find(([k]) => !c.entry?.repeatable?.includes(k));
  if (single) {
    const [k, v] = single;
    out.push(probe(`parameter ${k} given twice, with different values`, 'malformed', [...pairs, `${k}=${v === '1' ? '2' : '1'}`].join('&')));
  }
  return out;
}

/** The catalogue's bad requests of one CGI. */
function badValuesFor(entry: CgiEntry): Probe[] {
  return entry.bad.map((b) => ({ ...b, path: entry.path, method: b.method ?? entry.method, kind: 'bad-value' as const }));
}

/** Junk for every probeable CGI of the target, grouped by CGI (one report step each). */
export function junkProbes(target: CgiSource): { path: string; probes: Probe[] }[] {
  const groups = probeableCgis(target).cgis.map((c) => ({ path: c.path, probes: junkFor(c) }));
  assertNoDestructive(groups.flatMap((g) => g.probes), 'junk probes');
  return groups;
}

/** The catalogue's bad values for every probeable CGI the target lists, grouped by CGI. */
export function badValueProbes(target: CgiSource): { entry: CgiEntry; probes: Probe[] }[] {
  const listed = new Set(probeableCgis(target).cgis.map((c) => c.path));
  const groups = CGI_CATALOG.filter((e) => listed.has(e.path) && e.bad.length > 0).map((entry) => ({ entry, probes: badValuesFor(entry) }));
  assertNoDestructive(groups.flatMap((g) => g.probes), 'bad-value probes');
  return groups;
}

/** Request paths with traversal and odd spellings: GET without a query. */
export const TRAVERSAL_PATHS: readonly string[] = [
  '/../../../../etc/passwd',
  '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
  '/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
  '/image.cgi/../../../etc/passwd',
  '/..%5c..%5c..%5cetc%5cpasswd',
  '//etc/passwd',
  '/config.cgi%00.jpg',
  '/CONFIG.CGI',
  `/${'a'.repeat(2000)}.cgi`,
];

export interface FuzzSeed {
  path: string;
  entry: CgiEntry;
}

/**
 * CGIs the fuzz run starts from: probeable ones with a harmless valid request. mount.cgi is
 * left out too: a mutation may unmount the card, which is harmless only until something
 * formats it.
 */
export function fuzzSeeds(target: CgiSource): FuzzSeed[] {
  const seeds = probeableCgis(target).cgis
    .filter((c) => c.entry?.valid && c.path !== '/mount.cgi')
    .map((c) => ({ path: c.path, entry: c.entry! }));
  assertNoDestructive(seeds, 'fuzz seeds');
  return seeds;
}

export interface FuzzRequest {
  n: number;
  path: string;
  method: 'GET' | 'POST';
  query: string;
  body?: Buffer;
  contentType?: string;
  /** What the mutation did, for a failure message. */
  how: string[];
}

/** The fuzz run's requests, reproducible from the seed; endless (the caller stops). */
export function* fuzzRequests(seeds: readonly FuzzSeed[], seed: number): Generator<FuzzRequest> {
  if (seeds.length === 0) throw new HarnessDefect('fuzz: no CGI to start from');
  const rnd = prng(seed);
  for (let n = 0; ; n++) {
    const { path, entry } = seeds[Math.floor(rnd() * seeds.length)];
    const valid = entry.valid!;
    const m = mutateQuery(valid.query, rnd);
    // Mutations change the query only, never the path: a seed cannot become a destructive CGI.
    yield { n, path, method: valid.method, query: m.query, body: valid.body, contentType: valid.contentType, how: m.how };
  }
}

/** The first `count` fuzz requests of a seed, as a list. */
export function fuzzList(seeds: readonly FuzzSeed[], seed: number, count: number): FuzzRequest[] {
  const out: FuzzRequest[] = [];
  for (const r of fuzzRequests(seeds, seed)) {
    if (out.length >= count) break;
    out.push(r);
  }
  return out;
}
