// The contract between the virtual camera's HTTP core and its chapters.
// Each spec chapter (general, video, ptz, motion, io, ipfilter, audio, storage)
// exports a list of Routes; the core authenticates, enforces the role and hands
// the request over. The chapters never parse auth headers or the URL themselves.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { VirtualCameraState } from '../state.ts';

/** Groups of the camera family, weakest first. */
export type Role = 'viewer' | 'operator' | 'admin';
export const ROLE_RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

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

/** A request the camera refuses with a clear message (turned into 400 `# Error: ...`). */
export class CgiError extends Error {
  constructor(message: string, readonly status = 400) {
    super(message);
  }
}
