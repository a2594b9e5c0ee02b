// Hand-made HTTP Digest (RFC 7616, qop=auth) for the security suite: the headers are built
// here with node:crypto, independently of the harness's client and of the camera's server
// code, so a bug in either cannot hide itself. Requests go out with undici directly.
import { createHash } from 'node:crypto';
import { request } from 'undici';
import { CameraDefect } from '../../lib/errors.ts';

export interface Challenge {
  realm: string;
  nonce: string;
  opaque?: string;
  algorithm: 'MD5' | 'SHA-256';
  qop: string;
  stale: boolean;
}

export interface Reply {
  status: number;
  /** Every WWW-Authenticate value, one per challenge. */
  challenges: string[];
  text: string;
}

const TIMEOUT_MS = 5000;

/** Every Digest challenge in the WWW-Authenticate header(s), in order. */
export function digestChallenges(values: string[]): Challenge[] {
  const out: Challenge[] = [];
  // Several challenges may share one header line: split before each scheme name.
  for (const part of values.join(', ').split(/,?\s*(?=\b(?:Digest|Basic)\s)/i)) {
    if (!/^\s*Digest\s/i.test(part)) continue;
    const p: Record<string, string> = {};
    for (const m of part.matchAll(/(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) p[m[1].toLowerCase()] = m[2] ?? m[3];
    if (!p.realm || !p.nonce) continue;
    out.push({
      realm: p.realm,
      nonce: p.nonce,
      opaque: p.opaque,
      algorithm: /sha-256/i.test(p.algorithm ?? '') ? 'SHA-256' : 'MD5',
      qop: p.qop ?? '',
      stale: /^true$/i.test(p.stale ?? ''),
    });
  }
  return out;
}

export interface DigestParams {
  user: string;
  password: string;
  method: string;
  uri: string;
  nc: number;
  cnonce?: string;
  /** Override what is sent (wrong realm, foreign nonce). */
  realm?: string;
  nonce?: string;
}

export function digestHeader(c: Challenge, d: DigestParams): string {
  const h = (s: string) => createHash(c.algorithm === 'SHA-256' ? 'sha256' : 'md5').update(s).digest('hex');
  const realm = d.realm ?? c.realm;
  const nonce = d.nonce ?? c.nonce;
  const nc = d.nc.toString(16).padStart(8, '0');
  const cnonce = d.cnonce ?? 'hilsecuritycnonce';
  const ha1 = h(`${d.user}:${realm}:${d.password}`);
  const ha2 = h(`${d.method}:${d.uri}`);
  const response = h(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`);
  const opaque = c.opaque !== undefined ? `, opaque="${c.opaque}"` : '';
  return `Digest username="${d.user}", realm="${realm}", nonce="${nonce}", uri="${d.uri}", algorithm=${c.algorithm}, qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}"${opaque}`;
}

export async function rawGet(baseUrl: string, uri: string, authorization?: string): Promise<Reply> {
  const res = await request(`${baseUrl}${uri}`, {
    method: 'GET',
    headers: authorization ? { authorization } : {},
    headersTimeout: TIMEOUT_MS,
    bodyTimeout: TIMEOUT_MS,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.body.text();
  const raw = res.headers['www-authenticate'];
  return { status: res.statusCode, challenges: raw === undefined ? [] : Array.isArray(raw) ? raw : [raw], text };
}

/** A fresh challenge: an unauthenticated request and its 401. */
export async function freshChallenge(baseUrl: string, uri: string, algorithm: 'MD5' | 'SHA-256' = 'MD5'): Promise<Challenge> {
  const r = await rawGet(baseUrl, uri);
  if (r.status !== 401) throw new CameraDefect(`expected 401 without credentials for ${uri}, got ${r.status}`);
  const all = digestChallenges(r.challenges);
  const c = all.find((x) => x.algorithm === algorithm) ?? all[0];
  if (!c) throw new CameraDefect(`no Digest challenge in the 401 for ${uri}: ${JSON.stringify(r.challenges).slice(0, 200)}`);
  return c;
}

export function basicHeader(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
