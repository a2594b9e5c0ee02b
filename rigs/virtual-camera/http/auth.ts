// Server side of HTTP authentication: Basic and Digest (RFC 7616: MD5 and SHA-256,
// qop=auth). Nonces are self-validating (time + HMAC), expire after nonceTtlMs
// (answered with stale=true), and a nonce count may not be reused (replay).
// Written independently of the harness's client-side code on purpose.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { UserDb, User } from '../general/users.ts';

export type AuthPolicy = 'basic_digest' | 'digest' | 'basic';
export type AuthResult = { user: User } | { fail: 'missing' | 'wrong' | 'stale' | 'replay' | 'malformed'; who?: string };

const ALGORITHMS = { MD5: 'md5', 'SHA-256': 'sha256' } as const;
export type DigestAlgorithmName = keyof typeof ALGORITHMS;
type Algorithm = DigestAlgorithmName;

/**
 * Cameras of this family offer Digest MD5 first; SHA-256 second. Many clients (Python's
 * urllib, older libcurl) read only the first Digest challenge and give up on SHA-256.
 */
const DEFAULT_DIGEST: readonly DigestAlgorithmName[] = ['MD5', 'SHA-256'];

/** `md5,sha-256` → ['MD5', 'SHA-256'] in that order; an unknown or repeated name is an error naming it. */
export function parseDigestAlgorithms(text: string): DigestAlgorithmName[] {
  const out: DigestAlgorithmName[] = [];
  for (const raw of text.split(',')) {
    const name = (Object.keys(ALGORITHMS) as DigestAlgorithmName[]).find((a) => a.toLowerCase() === raw.trim().toLowerCase());
    if (!name) throw new Error(`unknown Digest algorithm "${raw.trim().slice(0, 20)}" (known: md5, sha-256)`);
    if (out.includes(name)) throw new Error(`Digest algorithm ${name} given twice`);
    out.push(name);
  }
  return out;
}

export class Authenticator {
  private readonly secret = randomBytes(32);
  /** Highest nc seen per nonce; bounded, oldest dropped first. */
  private readonly counts = new Map<string, number>();

  constructor(
    readonly realm: string,
    private readonly nonceTtlMs = 300_000,
    /** The Digest challenges offered, in this order; a response with another algorithm is refused. */
    private readonly digestAlgorithms: readonly DigestAlgorithmName[] = DEFAULT_DIGEST,
  ) {}

  challenges(policy: AuthPolicy, stale = false): string[] {
    const out: string[] = [];
    if (policy !== 'basic') {
      for (const alg of this.digestAlgorithms) {
        const nonce = this.newNonce();
        out.push(`Digest realm="${this.realm}", qop="auth", algorithm=${alg}, nonce="${nonce}", opaque="${this.opaque()}"${stale ? ', stale=true' : ''}`);
      }
    }
    if (policy !== 'digest') out.push(`Basic realm="${this.realm}"`);
    return out;
  }

  /** `target` is the request-target as sent (path and query): a Digest `uri` must equal it. */
  check(header: string | undefined, method: string, target: string, users: UserDb, policy: AuthPolicy): AuthResult {
    if (!header) return { fail: 'missing' };
    const sp = header.indexOf(' ');
    const scheme = (sp < 0 ? header : header.slice(0, sp)).toLowerCase();
    const rest = sp < 0 ? '' : header.slice(sp + 1);
    if (scheme === 'basic' && policy !== 'digest') return this.basic(rest, users);
    if (scheme === 'digest' && policy !== 'basic') return this.digest(rest, method, target, users);
    return { fail: 'missing' };
  }

  private basic(token: string, users: UserDb): AuthResult {
    const decoded = Buffer.from(token.trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return { fail: 'malformed' };
    const name = decoded.slice(0, colon);
    const u = users.get(name);
    if (!u || !safeEqual(u.password, decoded.slice(colon + 1))) return { fail: 'wrong', who: name };
    return { user: u };
  }

  private digest(params: string, method: string, target: string, users: UserDb): AuthResult {
    const p = parseAuthParams(params);
    if (!p) return { fail: 'malformed' };
    const { username, realm, nonce, uri, response, qop, nc, cnonce } = p;
    const alg = (p.algorithm ?? 'MD5') as Algorithm;
    if (!username || !nonce || !uri || !response || !(alg in ALGORITHMS)) return { fail: 'malformed' };
    if (!this.digestAlgorithms.includes(alg)) return { fail: 'wrong', who: username };
    if (realm !== this.realm) return { fail: 'wrong', who: username };
    // RFC 7616 §3.4.6: a response computed for another URI must not authorise this one.
    if (uri !== target) return { fail: 'malformed', who: username };
    const age = this.nonceAge(nonce);
    if (age === undefined) return { fail: 'wrong', who: username };
    const u = users.get(username);
    if (!u) return { fail: 'wrong', who: username };
    const h = (s: string) => createHash(ALGORITHMS[alg]).update(s).digest('hex');
    const ha1 = h(`${username}:${this.realm}:${u.password}`);
    const ha2 = h(`${method}:${uri}`);
    let expected: string;
    if (qop === 'auth') {
      if (!nc || !cnonce || !/^[0-9a-fA-F]{8}$/.test(nc)) return { fail: 'malformed' };
      expected = h(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`);
    } else if (qop === undefined) {
      expected = h(`${ha1}:${nonce}:${ha2}`);
    } else return { fail: 'malformed' };
    if (!safeEqual(expected, response.toLowerCase())) return { fail: 'wrong', who: username };
    if (age > this.nonceTtlMs) return { fail: 'stale', who: username };
    if (qop === 'auth') {
      const n = parseInt(nc!, 16);
      const last = this.counts.get(nonce) ?? 0;
      if (n <= last) return { fail: 'replay', who: username };
      this.counts.set(nonce, n);
      if (this.counts.size > 10_000) this.counts.delete(this.counts.keys().next().value!);
    }
    return { user: u };
  }

  private newNonce(): string {
    const t = Date.now().toString(16);
    const salt = randomBytes(8).toString('hex');
    return `${t}.${salt}.${this.mac(`${t}.${salt}`)}`;
  }

  /** Milliseconds since the nonce was issued, or undefined when it is not ours. */
  private nonceAge(nonce: string): number | undefined {
    const [t, salt, mac] = nonce.split('.');
    if (!t || !salt || !mac || !safeEqual(mac, this.mac(`${t}.${salt}`))) return undefined;
    return Date.now() - parseInt(t, 16);
  }

  private mac(s: string): string {
    return createHmac('sha256', this.secret).update(s).digest('hex').slice(0, 32);
  }

  private opaque(): string {
    return this.mac('opaque').slice(0, 16);
  }
}

/** `a="x, y", b=z` → {a: 'x, y', b: 'z'}; quoted strings may hold escapes and commas. */
export function parseAuthParams(s: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /[\s,]/.test(s[i])) i++;
    if (i >= s.length) break;
    const eq = s.indexOf('=', i);
    if (eq < 0) return undefined;
    const key = s.slice(i, eq).trim().toLowerCase();
    i = eq + 1;
    let value = '';
    if (s[i] === '"') {
      i++;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\\' && i + 1 < s.length) i++;
        value += s[i++];
      }
      if (s[i] !== '"') return undefined;
      i++;
    } else {
      const end = s.indexOf(',', i);
      value = s.slice(i, end < 0 ? s.length : end).trim();
      i = end < 0 ? s.length : end;
    }
    if (!key) return undefined;
    out[key] = value;
  }
  return out;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
