// Starts a virtual camera in-process: the state, the HTTP server and its chapters.
// Used by the Playwright fixtures (one per worker), the CLI and the sign-off job.
import { randomBytes } from 'node:crypto';
import { parseDialects, SLOW_REBOOT_MS, type DialectName } from './dialects.ts';
import type { DigestAlgorithmName } from './http/auth.ts';
import { CameraHttpServer } from './http/server.ts';
import { checkFirmwareVersion, DEFAULT_FIRMWARE, DEFAULT_MODEL, modelSpec } from './models.ts';
import { ROUTES } from './routes.ts';
import { VirtualCameraState } from './state.ts';

export interface VirtualCameraOptions {
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  model?: string;
  firmware?: string;
  user?: string;
  password?: string;
  /**
   * How long a reboot keeps the camera unreachable: 1500 ms by default, 40 s with the
   * `slow` dialect. Given explicitly it always wins, so a test of a slow camera can
   * still reboot quickly.
   */
  rebootMs?: number;
  /** How long a Digest nonce stays fresh (default 5 minutes); then it is answered stale. */
  nonceTtlMs?: number;
  /** Digest challenges offered, in order (default MD5 then SHA-256, as the family's cameras). */
  digest?: readonly DigestAlgorithmName[];
  /**
   * Where the spec is silent, behave like these conformant cameras (dialects.ts, e.g.
   * ['refusal-200', 'lenient']; an entry may be a comma-separated list). An unknown name throws.
   */
  dialects?: readonly string[];
}

export interface VirtualCamera {
  url: string;
  host: string;
  port: number;
  user: string;
  password: string;
  /** The dialects it speaks (empty: the virtual camera's own choices). */
  dialects: ReadonlySet<DialectName>;
  state: VirtualCameraState;
  http: CameraHttpServer;
  /** Runs when the camera stops, before its server closes (e.g. to close a wired relay board). */
  onStop(hook: () => Promise<void> | void): void;
  stop(): Promise<void>;
}

export async function startVirtualCamera(opts: VirtualCameraOptions = {}): Promise<VirtualCamera> {
  const firmware = opts.firmware ?? DEFAULT_FIRMWARE;
  const bad = checkFirmwareVersion(firmware);
  if (bad) throw new Error(bad);
  const dialects = parseDialects(opts.dialects);
  const host = opts.host ?? '127.0.0.1';
  const user = opts.user ?? 'root';
  const password = opts.password ?? 'pass';
  const state = new VirtualCameraState({
    model: modelSpec(opts.model ?? DEFAULT_MODEL),
    firmware,
    user,
    password,
    rebootMs: opts.rebootMs ?? (dialects.has('slow') ? SLOW_REBOOT_MS : 1500),
    serial: `00408C${randomBytes(3).toString('hex').toUpperCase()}`,
    dialects,
  });
  const http = new CameraHttpServer(state, ROUTES, opts.nonceTtlMs, opts.digest);
  const at = await http.listen(host, opts.port ?? 0);
  state.log.add('system', `boot: ${state.model.prodNbr} firmware ${firmware}`);
  const stopHooks: (() => Promise<void> | void)[] = [];
  return {
    url: `http://${at.host}:${at.port}`,
    host: at.host,
    port: at.port,
    user,
    password,
    dialects,
    state,
    http,
    onStop: (hook) => void stopHooks.push(hook),
    async stop() {
      for (const h of stopHooks) await h();
      await http.close();
      state.events.removeAllListeners();
    },
  };
}
