// The contract between the virtual camera's HTTP core and its chapters.
// Each spec chapter (general, video, ptz, motion, io, ipfilter, audio, storage)
// exports a list of Routes; the core authenticates, enforces the role and hands
// the request over. The chapters never parse auth headers or the URL themselves.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { VirtualCameraState } from '../state.ts';

// Re-exported: a chapter imports the whole contract from here. The state's own modules
// (params/store.ts, general/users.ts) import them from below, so that the state never
// depends on the HTTP layer.
export { CgiError } from './cgi-error.ts';
export { ROLE_RANK, type Role } from '../roles.ts';
import type { Role } from '../roles.ts';

export interface CgiRequest {
  method: string;
  /** Path without the query, e.g. `/config.cgi`. */
  path: string;
  /** Decoded query; the order and repeats of the raw query are kept. */
  query: URLSearchParams;
  /** The query string exactly as sent (after `?`), for CGIs with odd syntax. */
  rawQuery: string;
  headers: IncomingMessage['headers'];
  user: { name: string; role: Role };
  /** The client's source address (IPv4 dotted, IPv6-mapped prefix removed). */
  remoteAddress: string;
  /** Reads the whole request body, refusing more than `limitBytes` (default 1 MiB). */
  body(limitBytes?: number): Promise<Buffer>;
  /** The raw request, for streaming bodies (toSERVER.cgi). */
  raw: IncomingMessage;
}

export interface Route {
  path: string;
  /** The weakest group allowed to call it. */
  role: Role;
  /** Accepted methods; default GET (and HEAD) only. */
  methods?: string[];
  /** Shown in README's role table and the robustness role matrix. */
  summary: string;
  handle(req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): void | Promise<void>;
}

