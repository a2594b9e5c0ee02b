// The virtual camera's HTTP server: source-address filter, authentication, the role
// of each CGI, then the chapter's handler. Reboots close the listener for the
// configured time so the camera is really unreachable, then listen again.
// The dialects that concern every request live here too (dialects.ts): `slow` waits
// before each answer, `http10` answers once per connection in HTTP/1.0, `refusal-200`
// changes the status of refusals, `lenient` marks the query so unknown keys are dropped.
import { createServer, ServerResponse, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { hasDialect, SLOW_ANSWER_MS } from '../dialects.ts';
import { UserDb } from '../general/users.ts';
import { ipFilterAllows } from '../ipfilter/gate.ts';
import type { VirtualCameraState } from '../state.ts';
import { Authenticator, type AuthPolicy, type DigestAlgorithmName } from './auth.ts';
import { readBody } from './body.ts';
import { assertHttp10Supported, Http10Response } from './http10.ts';
import { parseQuery } from './query.ts';
import { sendError } from './reply.ts';
import { CgiError, ROLE_RANK, type CgiRequest, type Role, type Route } from './route.ts';

/** A hook may answer a request itself (fault injection, control endpoints) and return true. */
export type RequestHook = (req: IncomingMessage, res: ServerResponse, cam: VirtualCameraState) => boolean | Promise<boolean>;

export class CameraHttpServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly routes = new Map<string, Route>();
  readonly auth: Authenticator;
  readonly hooks: RequestHook[] = [];
  private listenAt?: { host: string; port: number };
  private down = false;
  /** close() was called: a reboot in progress must not listen again. */
  private stopped = false;
  private readonly http10: boolean;
  /** http10: sockets that carried their one request; Node would parse (and run) more. */
  private readonly served = new WeakSet<Socket>();

  constructor(private readonly cam: VirtualCameraState, routes: readonly Route[], nonceTtlMs?: number, digest?: readonly DigestAlgorithmName[]) {
    for (const r of routes) this.routes.set(r.path, r);
    this.auth = new Authenticator(`camera-hil ${cam.model.prodNbr}`, nonceTtlMs, digest);
    this.http10 = hasDialect(cam, 'http10');
    if (this.http10) assertHttp10Supported();
    // http10: Node's own framing, with an HTTP/1.0 status line and no keep-alive (http10.ts).
    const responses = this.http10 ? { ServerResponse: Http10Response as unknown as typeof ServerResponse } : {};
    this.server = createServer({ keepAliveTimeout: 5000, requestTimeout: 0, ...responses }, (req, res) => void this.handle(req, res));
    // An HTTP/1.0 server knows no `100 Continue`: the request is handled as it comes and a
    // client that asked waits for its own timeout before sending the body, as with such a camera.
    if (this.http10) this.server.on('checkContinue', (req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    // A client that sends garbage gets 400 from Node's parser and is closed; never a crash.
    this.server.on('clientError', (_e, socket) => {
      // http10: bytes after the one request are not read by an HTTP/1.0 camera; the answer
      // in progress is finished and the connection closed, with no 400 in its body.
      if (this.http10 && this.served.has(socket as Socket)) return;
      if (socket.writable) socket.end(`${this.http10 ? Http10Response.PROTOCOL : 'HTTP/1.1'} 400 Bad Request\r\nConnection: close\r\n\r\n`);
      else socket.destroy();
    });
    cam.events.on('shutdown', (downMs: number) => void this.powerCycle(downMs));
  }

  get routeList(): Route[] {
    return [...this.routes.values()];
  }

  async listen(host: string, port: number): Promise<{ host: string; port: number }> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => (this.server.off('error', reject), resolve()));
    });
    const addr = this.server.address();
    if (!addr || typeof addr === 'string') throw new Error('virtual camera: no listening address');
    this.listenAt = { host, port: addr.port };
    return this.listenAt;
  }

  async close(): Promise<void> {
    this.stopped = true;
    this.down = true;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server.listening ? this.server.close(() => r()) : r()));
  }

  /** Unreachable for downMs (Infinity: never comes back), then the same address again. */
  private async powerCycle(downMs: number): Promise<void> {
    if (!this.listenAt || this.down) return;
    const at = this.listenAt;
    this.down = true;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
    if (!Number.isFinite(downMs)) return;
    await new Promise((r) => setTimeout(r, downMs));
    for (let attempt = 0; ; attempt++) {
      if (this.stopped) return; // stopped while down: coming back would leak a listener
      try {
        await this.listen(at.host, at.port);
        break;
      } catch (e) {
        // The port was taken by someone else while we were down: say so and stay down,
        // as a camera whose address was stolen would (never an unhandled rejection).
        if (attempt > 50) return void console.error(`virtual camera: cannot listen again on ${at.host}:${at.port} after reboot: ${(e as Error).message}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    this.down = false;
    this.cam.bootedAt.ms = Date.now();
    this.cam.log.add('system', `boot: ${this.cam.model.prodNbr} firmware ${this.cam.firmware}`);
    this.cam.events.emit('boot');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const remote = remoteOf(req);
      if (this.down) return void req.socket.destroy();
      if (this.http10) {
        // One request per connection: a second one on the socket is never answered; the
        // socket closes once the first answer is written.
        if (this.served.has(req.socket)) return;
        this.served.add(req.socket);
      }
      if (hasDialect(this.cam, 'slow')) {
        await sleep(SLOW_ANSWER_MS);
        // Went down or the client gave up while we dawdled: nobody to answer.
        if (this.down || req.socket.destroyed) return void req.socket.destroy();
      }
      if (!ipFilterAllows(this.cam, remote)) {
        res.writeHead(403, { 'Content-Length': 0 });
        return void res.end();
      }
      for (const hook of this.hooks) if (await hook(req, res, this.cam)) return;
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const path = q < 0 ? url : url.slice(0, q);
      const rawQuery = q < 0 ? '' : url.slice(q + 1);
      const route = this.routes.get(path);
      if (!route) return sendError(res, `no such CGI: ${path.slice(0, 80)}`, 404);
      const methods = route.methods ?? ['GET'];
      const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
      if (!methods.includes(method)) {
        res.setHeader('Allow', methods.join(', '));
        return sendError(res, `${path} accepts ${methods.join(' or ')}, not ${req.method}`, this.refusalStatus(405));
      }
      const user = this.authorize(req, res, route.role, `call ${path}`);
      if (!user) return;
      const cgiReq: CgiRequest = {
        method,
        path,
        query: parseQuery(rawQuery, { lenient: hasDialect(this.cam, 'lenient') }),
        rawQuery,
        headers: req.headers,
        user,
        remoteAddress: remote,
        body: (limit) => readBody(req, limit),
        raw: req,
      };
      await route.handle(cgiReq, res, this.cam);
    } catch (e) {
      this.fail(res, e);
    }
  }

  /**
   * The request's user when its group reaches `role`; otherwise answers 401 (with the
   * challenges) or 403 and returns undefined. `what` names the act in the 403 line.
   * Also serves endpoints outside the routes (the fault control), so there is one gate.
   */
  authorize(req: IncomingMessage, res: ServerResponse, role: Role, what: string): CgiRequest['user'] | undefined {
    const user = this.authenticate(req, res, remoteOf(req));
    if (!user) return undefined;
    const has = UserDb.roleOf(user);
    if (ROLE_RANK[has] >= ROLE_RANK[role]) return { name: user.name, role: has };
    sendError(res, `user ${user.name} (${has}) may not ${what}: it needs ${role}`, 403);
    return undefined;
  }

  private authenticate(req: IncomingMessage, res: ServerResponse, remote: string) {
    const policy = (this.cam.params.get('Network.HTTP.AuthenticationPolicy') ?? 'basic_digest') as AuthPolicy;
    const result = this.auth.check(req.headers.authorization, req.method ?? 'GET', req.url ?? '/', this.cam.users, policy);
    if ('user' in result) return result.user;
    if (result.fail === 'wrong' || result.fail === 'replay')
      this.cam.log.add('auth', `failed login${result.who ? ` for user ${result.who.slice(0, 32)}` : ''} from ${remote} (${result.fail === 'replay' ? 'replayed nonce count' : 'wrong credentials'})`);
    res.setHeader('WWW-Authenticate', this.auth.challenges(policy, result.fail === 'stale'));
    res.writeHead(401, { 'Content-Type': 'text/plain' });
    res.end('# Error: authentication required\r\n');
    return undefined;
  }

  private fail(res: ServerResponse, e: unknown): void {
    if (res.headersSent || res.destroyed) return void res.destroy();
    if (e instanceof CgiError) return sendError(res, e.message, this.refusalStatus(e.status));
    // A bug in the emulator: show it loudly (a 500 fails the robustness suite) and keep serving.
    console.error('virtual camera internal error:', e);
    sendError(res, `internal error: ${(e as Error)?.message ?? String(e)}`, 500);
  }

  /**
   * A refusal's status: as thrown, or 200 with `refusal-200` (the `# Error:` line stays).
   * Authentication (401) and authorization (403) are not refusals of the request's content
   * and keep their status, as does an unknown CGI (404, answered before any CGI runs).
   */
  private refusalStatus(status: number): number {
    const refusal = status >= 400 && status < 500 && status !== 401 && status !== 403;
    return refusal && hasDialect(this.cam, 'refusal-200') ? 200 : status;
  }
}

/** The client's source address, IPv4-mapped prefix removed (what the IP filter compares). */
function remoteOf(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
}
