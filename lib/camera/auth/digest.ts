// HTTP Digest access authentication (RFC 7616, compatible with RFC 2617 and the
// qop-less RFC 2069 form old cameras still send). Our own implementation: the harness
// must not depend on the code the virtual camera uses to check it.
//
// Supported: MD5, MD5-sess, SHA-256, SHA-256-sess; qop=auth (or no qop); userhash.
// Not supported: qop=auth-int (the body would have to be hashed), `username*`.

import { createHash, randomBytes } from 'node:crypto';
import type { Challenge } from './challenge.ts';

export type DigestAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess';

export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque?: string;
  /** The algorithm token exactly as the camera sent it (echoed back), if it sent one. */
  algorithmToken?: string;
  algorithm: DigestAlgorithm;
  /** The qop to answer with: 'auth', or undefined for the RFC 2069 form. */
  qop?: 'auth';
  stale: boolean;
  userhash: boolean;
}

const ALGORITHMS: Record<string, DigestAlgorithm> = {
  'md5': 'MD5',
  'md5-sess': 'MD5-sess',
  'sha-256': 'SHA-256',
  'sha-256-sess': 'SHA-256-sess',
};

/** The algorithm for a challenge's `algorithm` token (absent means MD5), or undefined if unsupported. */
function digestAlgorithm(token: string | undefined): DigestAlgorithm | undefined {
  return token === undefined ? 'MD5' : ALGORITHMS[token.toLowerCase()];
}

/**
 * The Digest challenge's fields, or a reason it cannot be answered (unsupported
 * algorithm, only auth-int offered, realm or nonce missing).
 */
export function readDigestChallenge(ch: Challenge): DigestChallenge | string {
  const p = ch.params;
  if (ch.scheme.toLowerCase() !== 'digest') return `not a Digest challenge (${ch.scheme})`;
  if (p['realm'] === undefined || p['nonce'] === undefined) return 'Digest challenge without realm or nonce';
  const algorithm = digestAlgorithm(p['algorithm']);
  if (!algorithm) return `unsupported Digest algorithm ${p['algorithm']}`;
  let qop: 'auth' | undefined;
  if (p['qop'] !== undefined) {
    const offered = p['qop'].split(',').map((q) => q.trim().toLowerCase());
    if (!offered.includes('auth')) return `unsupported Digest qop ${p['qop']}`;
    qop = 'auth';
  }
  return {
    realm: p['realm'],
    nonce: p['nonce'],
    opaque: p['opaque'],
    algorithmToken: p['algorithm'],
    algorithm,
    qop,
    stale: p['stale']?.toLowerCase() === 'true',
    userhash: p['userhash']?.toLowerCase() === 'true',
  };
}

function hash(algorithm: DigestAlgorithm, data: string): string {
  const name = algorithm.startsWith('SHA-256') ? 'sha256' : 'md5';
  return createHash(name).update(data, 'utf8').digest('hex');
}

/** A client nonce: 128 random bits, base64 (no quotes or backslashes to escape). */
function newCnonce(): string {
  return randomBytes(16).toString('base64');
}

/** nc as sent on the wire: 8 hex digits. */
export function formatNc(nc: number): string {
  if (!Number.isInteger(nc) || nc < 1 || nc > 0xffffffff) throw new Error(`Digest nc out of range: ${nc}`);
  return nc.toString(16).padStart(8, '0');
}

export interface DigestInput {
  challenge: DigestChallenge;
  method: string;
  /** The request target exactly as in the request line (path + query). */
  uri: string;
  user: string;
  password: string;
  nc: number;
  cnonce: string;
}

/** The `response` value (RFC 7616 §3.4.1). */
export function digestResponse(i: DigestInput): string {
  const { challenge: c } = i;
  let ha1 = hash(c.algorithm, `${i.user}:${c.realm}:${i.password}`);
  if (c.algorithm.endsWith('-sess')) ha1 = hash(c.algorithm, `${ha1}:${c.nonce}:${i.cnonce}`);
  const ha2 = hash(c.algorithm, `${i.method}:${i.uri}`);
  if (c.qop === undefined) return hash(c.algorithm, `${ha1}:${c.nonce}:${ha2}`);
  return hash(c.algorithm, `${ha1}:${c.nonce}:${formatNc(i.nc)}:${i.cnonce}:${c.qop}:${ha2}`);
}

function quote(s: string): string {
  return `"${s.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
}

/** The full Authorization header value for a request. */
export function digestAuthorization(i: DigestInput): string {
  const c = i.challenge;
  const username = c.userhash ? hash(c.algorithm, `${i.user}:${c.realm}`) : i.user;
  const parts = [
    `username=${quote(username)}`,
    `realm=${quote(c.realm)}`,
    `uri=${quote(i.uri)}`,
  ];
  if (c.algorithmToken !== undefined) parts.push(`algorithm=${c.algorithmToken}`);
  parts.push(`nonce=${quote(c.nonce)}`);
  if (c.qop !== undefined) parts.push(`nc=${formatNc(i.nc)}`, `cnonce=${quote(i.cnonce)}`, `qop=${c.qop}`);
  parts.push(`response=${quote(digestResponse(i))}`);
  if (c.opaque !== undefined) parts.push(`opaque=${quote(c.opaque)}`);
  if (c.userhash) parts.push('userhash=true');
  return `Digest ${parts.join(', ')}`;
}

/**
 * One server nonce in use: answers requests pre-emptively, counting nc up by one per
 * request. For the -sess algorithms the cnonce is kept for the nonce's life, so the
 * session key is the same whether the camera computes it once (as RFC 7616 says) or
 * per request from the cnonce it receives.
 */
export class DigestSession {
  private nc = 0;
  private readonly sessCnonce: string | undefined;

  constructor(readonly challenge: DigestChallenge) {
    this.sessCnonce = challenge.algorithm.endsWith('-sess') ? newCnonce() : undefined;
  }

  authorize(method: string, uri: string, user: string, password: string): string {
    this.nc++;
    const cnonce = this.sessCnonce ?? newCnonce();
    return digestAuthorization({ challenge: this.challenge, method, uri, user, password, nc: this.nc, cnonce });
  }
}
