// The virtual camera's HTTP server: source-address filter, authentication, the role
// of each CGI, then the chapter's handler. Reboots close the listener for the
// configured time so the camera is really unreachable, then listen again.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { UserDb } from '../general/users.ts';
import { ipFilterAllows } from '../ipfilter/gate.ts';
import type { VirtualCameraState } from '../state.ts';
import { Authenticator, type AuthPolicy } from './auth.ts';
import { readBody } from './body.ts';
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

  constructor(private readonly cam: VirtualCameraState, routes: readonly Route[], nonceTtlMs?: number) {
    for (const r of routes) this.routes.set(r.path, r);
    this.auth = new Authenticator(`camera-hil ${cam.model.prodNbr}`, nonceTtlMs);
    this.server = createServer({ keepAliveTimeout: 5000, requestTimeout: 0 }, (req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    // A client that sends garbage gets 400 from Node's parser and is closed; never a crash.
    this.server.on('clientError', (_e, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
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
        return sendError(res, `${path} accepts ${methods.join(' or ')}, not ${req.method}`, 405);
      }
      const user = this.authorize(req, res, route.role, `call ${path}`);
      if (!user) return;
      const cgiReq: CgiRequest = {
        method,
        path,
        query: parseQuery(rawQuery),
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
    if (e instanceof CgiError) return sendError(res, e.message, e.status);
    // A bug in the emulator: show it loudly (a 500 fails the robustness suite) and keep serving.
    console.error('virtual camera internal error:', e);
    sendError(res, `internal error: ${(e as Error)?.message ?? String(e)}`, 500);
  }
}

/** The client's source address, IPv4-mapped prefix removed (what the IP filter compares). */
function remoteOf(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
}
