// Request faults, applied before the camera routes a request (after its IP filter):
//   latency     waits ms before the request goes on (a client that gave up is not served)
//   reset       the connection is reset (TCP RST), no answer
//   hangup      the connection is closed (FIN), no answer
//   refuse      503 Service Unavailable, `# Error: ...`, Retry-After
//   noop        `OK` without doing anything, for requests that change something (reads
//               — action=list|get, query=, check=, status=, monitor= — go through)
//   bodylength  the answer's Content-Length says 64 bytes more than it sends, then the
//               connection is closed
// Per kind the first entry (in the order given) whose pattern matches the path applies;
// its trigger (probability or every Nth matching request) decides whether it fires.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaultDice } from './random.ts';
import { pathMatches, type FaultSpec, type RequestFault, type RequestFaultKind } from './spec.ts';

const READ_ACTIONS = new Set(['list', 'get']);
const READ_PARAMS = ['query', 'check', 'status', 'monitor'];
const EXTRA_LENGTH = 64;

interface Entry {
  fault: RequestFault;
  dice: FaultDice;
}

export class RequestFaults {
  private readonly entries: Entry[];
  readonly counts: Partial<Record<RequestFaultKind, number>> = {};

  constructor(spec: FaultSpec) {
    this.entries = spec.requests.map((fault, i) => ({ fault, dice: new FaultDice(spec.seed, `request:${i}:${fault.kind}`, fault.trigger) }));
  }

  get active(): boolean {
    return this.entries.length > 0;
  }

  /** true when the fault answered (or killed) the request itself. */
  async apply(req: IncomingMessage, res: ServerResponse, path: string, query: string): Promise<boolean> {
    const latency = this.fire('latency', path);
    if (latency) {
      await delay(latency.fault.ms, req);
      if (req.socket.destroyed) return true; // the client gave up waiting: nobody to serve
    }
    if (this.fire('reset', path)) {
      req.socket.resetAndDestroy();
      return true;
    }
    if (this.fire('hangup', path)) {
      req.socket.destroy();
      return true;
    }
    if (this.fire('refuse', path)) {
      const body = `# Error: service unavailable: ${path.slice(0, 80)} is refused (fault injection)\r\n`;
      res.writeHead(503, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body), 'Retry-After': '1' });
      res.end(body);
      return true;
    }
    if (!isRead(query) && this.fire('noop', path)) {
      // The body (restore.cgi, toSERVER.cgi) is read and thrown away, as a CGI that
      // ignores its input would; then the answer a success would have.
      req.resume();
      const ok = 'OK\r\n';
      const answer = () => void (res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': ok.length }), res.end(ok));
      if (req.complete) answer();
      else req.once('end', answer).once('error', () => req.socket.destroy());
      return true;
    }
    if (this.fire('bodylength', path)) lieAboutLength(res);
    return false;
  }

  private fire(kind: RequestFaultKind, path: string): Entry | undefined {
    const e = this.entries.find((x) => x.fault.kind === kind && pathMatches(x.fault.pattern, path));
    if (!e || !e.dice.fires()) return undefined;
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
    return e;
  }
}

/** Reads: a list/get action or a parameter that only asks. Malformed escapes count as a change. */
function isRead(rawQuery: string): boolean {
  let q: URLSearchParams;
  try {
    q = new URLSearchParams(rawQuery);
  } catch {
    return false;
  }
  const action = q.get('action');
  if (action !== null && READ_ACTIONS.has(action.toLowerCase())) return true;
  return READ_PARAMS.some((p) => q.has(p));
}

/** Waits ms, or less when the client hangs up meanwhile. */
function delay(ms: number, req: IncomingMessage): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      req.socket.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    req.socket.once('close', done);
  });
}

/**
 * Makes the response declare more bytes than it sends, then close: whatever the CGI
 * writes, through writeHead or setHeader, with a Content-Length or without (chunked
 * answers get one declared from what end() sends).
 */
function lieAboutLength(res: ServerResponse): void {
  const writeHead = res.writeHead.bind(res) as (...a: unknown[]) => ServerResponse;
  const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
  // Held now: Node detaches the socket from the response when it finishes.
  const socket = res.socket;
  let declared = false;
  const bump = (headers: Record<string, unknown> | undefined) => {
    const key = headers && Object.keys(headers).find((k) => k.toLowerCase() === 'content-length');
    if (headers && key) {
      headers[key] = Number(headers[key]) + EXTRA_LENGTH;
      declared = true;
    } else if (res.hasHeader('content-length')) {
      res.setHeader('Content-Length', Number(res.getHeader('content-length')) + EXTRA_LENGTH);
      declared = true;
    }
  };
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    const headers = rest.find((r) => typeof r === 'object' && r !== null && !Array.isArray(r)) as Record<string, unknown> | undefined;
    bump(headers);
    return writeHead(status, ...rest);
  }) as ServerResponse['writeHead'];
  res.end = ((...args: unknown[]) => {
    const chunk = args[0];
    if (!res.headersSent && !declared && (Buffer.isBuffer(chunk) || typeof chunk === 'string')) {
      res.setHeader('Content-Length', Buffer.byteLength(chunk) + EXTRA_LENGTH);
      declared = true;
    }
    res.once('finish', () => socket?.destroySoon());
    return end(...args);
  }) as ServerResponse['end'];
}
