// The shapes the HTTP client (lib/camera/http.ts) takes and gives: client and request
// options, bodies, responses and streams.

import type { Readable } from 'node:stream';
import type { AuthMode, Credentials } from './auth/session.ts';
import type { RequestRef } from './errors.ts';
import type { Query } from './query.ts';
import type { Transcript } from './transcript.ts';

export interface CameraClientOptions {
  /** http://host[:port] — credentials in the URL are accepted and taken out of it. */
  url: string;
  user?: string;
  password?: string;
  /** Per-request deadline (connect + headers + body) in ms. Default 10 000. */
  timeoutMs?: number;
  /** Source address to send from, e.g. 127.0.0.2 for IP filter tests. */
  localAddress?: string;
  transcript?: Transcript;
  /** Harmless GET that learns the auth challenge before a streamed (non-replayable) POST. */
  authPrimePath?: string;
  /** Cheap GET polled by waitUntilReachable / waitUntilUnreachable. */
  probePath?: string;
}

/** 2xx when absent; a status, a list of statuses, or 'any' to accept everything. */
export type ExpectStatus = number | readonly number[] | 'any';

export interface RequestOptions {
  expectStatus?: ExpectStatus;
  timeoutMs?: number;
  auth?: AuthMode;
  /** Act as another user for this request. */
  as?: Credentials;
  headers?: Record<string, string>;
  /** false leaves the request out of the transcript (reachability probes). Default true. */
  record?: boolean;
}

export interface PostOptions extends RequestOptions {
  query?: Query;
  /** Defaults: text/plain for strings, application/octet-stream for bytes and streams. */
  contentType?: string;
}

export interface StreamOptions extends RequestOptions {
  /** Longest silence between body chunks before the stream fails (0 = none). Default: timeoutMs. */
  idleTimeoutMs?: number;
}

export type ResponseHeaders = Record<string, string | string[] | undefined>;
/** A FormData is turned into a multipart/form-data Buffer before sending. */
export type RequestBody = Buffer | Uint8Array | string | Readable | FormData;

export interface CameraResponse {
  request: RequestRef;
  status: number;
  headers: ResponseHeaders;
  /** Content-Type header, '' when absent. */
  contentType: string;
  body: Buffer;
  text: string;
  durationMs: number;
  /** Hides the client's secrets in a text: use it before quoting the body in a message. */
  redact: (text: string) => string;
}

export interface CameraStream {
  request: RequestRef;
  status: number;
  headers: ResponseHeaders;
  contentType: string;
  body: Readable;
  /** Ends the stream and releases the connection. Safe to call more than once. */
  close(): void;
}
