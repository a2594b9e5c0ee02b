// Plain clients for the dialect tests: node:http for ordinary answers, node:net for what
// only the raw bytes show (status line, framing, who closes the connection). The harness's
// own client (lib/camera) is not used, so a misreading of a dialect cannot hide on both sides.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import type { VirtualCamera } from '../../../rigs/virtual-camera/index.ts';

export function basic(user = 'root', password = 'pass'): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  body: Buffer;
  /** From sending the request to the end of the answer. */
  ms: number;
}

/** One request on its own connection (no agent, no keep-alive); Basic root:pass unless `auth` says otherwise. */
export function get(
  cam: VirtualCamera,
  path: string,
  opts: { method?: string; auth?: string | null; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...opts.headers };
  const auth = opts.auth === undefined ? basic() : opts.auth;
  if (auth !== null) headers.Authorization = auth;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${cam.url}${path}`, { method: opts.method ?? 'GET', headers, agent: false, timeout: 5000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: body.toString('utf8'), body, ms: performance.now() - started });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${path}: no answer within 5 s`)));
    req.on('error', reject);
    req.end(opts.body);
  });
}

export interface RawAnswer {
  /** Every byte the camera sent. */
  raw: Buffer;
  /** The camera closed the connection (rather than our timeout). */
  closedByCamera: boolean;
}

/** Sends `bytes` on a fresh connection and collects everything until the camera closes it (or `timeoutMs`). */
export function exchange(port: number, bytes: string | Buffer, timeoutMs = 3000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let timedOut = false;
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    const timer = setTimeout(() => {
      timedOut = true;
      socket.destroy();
    }, timeoutMs);
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', (e) => (clearTimeout(timer), reject(e)));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ raw: Buffer.concat(chunks), closedByCamera: !timedOut });
    });
  });
}

export interface ParsedAnswer {
  statusLine: string;
  /** Lower-case names; a repeated header keeps its last value. */
  headers: Record<string, string>;
  body: Buffer;
}

/** Splits a raw answer at its first blank line (no framing is interpreted). */
export function parse(raw: Buffer): ParsedAnswer {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`no end of headers in ${JSON.stringify(raw.toString('latin1').slice(0, 200))}`);
  const [statusLine, ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { statusLine, headers, body: raw.subarray(end + 4) };
}

/** A request as the bytes a client sends. */
export function requestText(path: string, { version = '1.1', method = 'GET', auth = basic(), extra = '' } = {}): string {
  return `${method} ${path} HTTP/${version}\r\nHost: camera\r\n${auth ? `Authorization: ${auth}\r\n` : ''}${extra}\r\n`;
}

/** Resolves once a TCP connect to the port is refused (the camera is down), or rejects after `withinMs`. */
export async function waitUnreachable(port: number, withinMs = 3000): Promise<void> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    const refused = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.on('connect', () => (s.destroy(), resolve(false)));
      s.on('error', () => resolve(true));
    });
    if (refused) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`port ${port} still accepts connections after ${withinMs} ms`);
}

/** Resolves when the camera has booted again after a reboot. */
export function booted(cam: VirtualCamera, withinMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no boot within ${withinMs} ms`)), withinMs);
    cam.state.events.once('boot', () => (clearTimeout(timer), resolve()));
  });
}
