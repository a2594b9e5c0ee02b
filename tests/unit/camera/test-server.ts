// A throwaway HTTP server for the client's unit tests: records every request and lets
// each test script the answers. Digest checking here is written from the RFC formulas
// with node:crypto, independently of lib/camera/auth, so a bug cannot hide on both sides.

import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  remoteAddress: string | undefined;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void | Promise<void>;

export interface TestServer {
  url: string;
  port: number;
  seen: Seen[];
  close(): Promise<void>;
}

export async function startServer(handler: Handler, port = 0): Promise<TestServer> {
  const seen: Seen[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, remoteAddress: req.socket.remoteAddress });
      Promise.resolve(handler(req, res, body)).catch((err) => {
        res.statusCode = 500;
        res.end(String(err));
      });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}

export function parseAuthParams(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of header.replace(/^\w+\s+/, '').matchAll(/(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]+))/g)) {
    out[m[1]] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
  }
  return out;
}

/**
 * A Digest checker for one realm/algorithm. Like a real server it hands out a fresh
 * nonce with every challenge and tracks nc per nonce (it must increase); expire()
 * forgets every nonce, so the next request with an old one is answered stale=true.
 */
export class DigestChecker {
  private readonly nonces = new Map<string, number>();
  /** The nonce of the latest challenge. */
  nonce = '';
  constructor(
    readonly users: Record<string, string>,
    readonly algorithm: 'MD5' | 'SHA-256' = 'SHA-256',
    readonly realm = 'cam',
  ) {}

  challenge(stale = false): string {
    this.nonce = randomBytes(8).toString('hex');
    this.nonces.set(this.nonce, 0);
    return `Digest realm="${this.realm}", qop="auth", algorithm=${this.algorithm}, nonce="${this.nonce}", opaque="op"${stale ? ', stale=true' : ''}`;
  }

  expire(): void {
    this.nonces.clear();
  }

  private h(s: string): string {
    return createHash(this.algorithm === 'MD5' ? 'md5' : 'sha256').update(s).digest('hex');
  }

  /** 'ok', 'stale' (right password, old nonce) or 'bad'. */
  check(method: string, url: string, authorization: string | undefined): 'ok' | 'stale' | 'bad' {
    if (!authorization?.startsWith('Digest ')) return 'bad';
    const p = parseAuthParams(authorization);
    const password = this.users[p.username];
    if (password === undefined || p.uri !== url || p.qop !== 'auth' || p.opaque !== 'op' || p.algorithm !== this.algorithm) return 'bad';
    const ha1 = this.h(`${p.username}:${this.realm}:${password}`);
    const ha2 = this.h(`${method}:${p.uri}`);
    if (p.response !== this.h(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:auth:${ha2}`)) return 'bad';
    const lastNc = this.nonces.get(p.nonce);
    if (lastNc === undefined) return 'stale';
    const nc = parseInt(p.nc, 16);
    if (!(nc > lastNc)) return 'bad';
    this.nonces.set(p.nonce, nc);
    return 'ok';
  }
}
