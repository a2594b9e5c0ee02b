// Turns what undici / the socket layer throws into the harness's typed errors, by who is
// at fault (lib/camera/errors.ts):
//   the camera could not be reached at all           -> CameraUnreachableError (lab problem)
//   it accepted the connection, then reset/closed it,
//   or did not answer (completely) in time           -> CameraConnectionError (camera defect)
//   ... while a request body was still going out     -> UploadCutOff (a CameraConnectionError)
//   it answered bytes that are not HTTP/1.x           -> CameraProtocolError (camera defect)
//   our own misuse of the client                      -> the error as it is, or a HarnessDefect
// The codes are undici's (UND_ERR_*) and Node's (E*); the cause stays attached.

import { HarnessDefect } from '../errors.ts';
import {
  CameraConnectionError,
  CameraProtocolError,
  CameraUnreachableError,
  UploadCutOff,
  type RequestRef,
} from './errors.ts';
import { describeParserFault, isParserError } from './parser-fault.ts';

/** The camera could not be reached at all: nothing was ever said on a connection. */
const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EHOSTDOWN: 'host down',
  ENETDOWN: 'network down',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed for now',
  EADDRNOTAVAIL: 'local address not available',
  UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
};

/** The connection existed and the camera ended it (an RST or FIN only comes on a connection). */
const DROPPED: Record<string, string> = {
  ECONNRESET: 'connection reset by the camera',
  EPIPE: 'connection closed by the camera while sending',
  ECONNABORTED: 'connection aborted',
  UND_ERR_SOCKET: 'connection closed by the camera',
};

/** Errors that are the caller's fault, not the camera's: rethrown as they are. */
function isUsageError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'UND_ERR_INVALID_ARG' || code === 'UND_ERR_NOT_SUPPORTED' || code === 'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH';
}

function codeOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  if (typeof e?.code === 'string') return e.code;
  if (typeof e?.cause?.code === 'string') return e.cause.code;
  return undefined;
}

/** How far a request body got (lib/camera/upload.ts). */
export interface UploadProgress {
  /** Bytes handed to the connection so far. */
  handed: number;
  /** The body's size, when known. */
  total?: number;
  /** The whole body was handed over. */
  done: boolean;
}

export interface FailureContext {
  request: RequestRef;
  /** The request was put on a connected socket (undici began writing it). */
  connected: boolean;
  /** The status line and headers had arrived. */
  answered: boolean;
  /** Our own deadline for the whole request fired. */
  timedOut: boolean;
  timeoutMs: number;
  /** Idle limit between body chunks of a stream, if any. */
  idleTimeoutMs?: number;
  /** Body bytes received after the headers. */
  bodyBytes?: number;
  /** The answer's Content-Length, when it declared one. */
  contentLength?: number;
  /** The answer's body is chunked. */
  chunked?: boolean;
  /** The request's body, when it had one. */
  upload?: UploadProgress;
  /** Hides the client's secrets in a text. */
  redact: (text: string) => string;
}

/** The typed error for a failed request (or `err` itself when it is the harness's own doing). */
export function classifyFailure(err: unknown, ctx: FailureContext): Error {
  if (isUsageError(err)) return err as Error;
  const code = codeOf(err);
  const { request } = ctx;
  const opts = { cause: err };
  const said = (text: string) => ctx.redact(text);

  if (ctx.timedOut) {
    if (!ctx.connected) return new CameraUnreachableError(request, `could not connect within ${ctx.timeoutMs} ms`, opts);
    return new CameraConnectionError(request, 'late', `no complete answer within ${ctx.timeoutMs} ms`, opts);
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return new CameraConnectionError(request, 'late', `no response headers within ${ctx.timeoutMs} ms`, opts);
  if (code === 'UND_ERR_BODY_TIMEOUT') {
    return new CameraConnectionError(request, 'late', `body stalled: no data for ${ctx.idleTimeoutMs ?? ctx.timeoutMs} ms`, opts);
  }
  if (isParserError(err)) return new CameraProtocolError(request, said(describeParserFault(err)), opts);
  if (code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') return new CameraProtocolError(request, lengthMismatch(ctx), opts);
  if (code === 'UND_ERR_HEADERS_OVERFLOW') {
    return new CameraProtocolError(request, 'response headers larger than the client accepts (16 KiB) (UND_ERR_HEADERS_OVERFLOW)', opts);
  }
  // undici 7 asserts instead of raising a parser error on a status code below 100.
  if (code === 'ERR_ASSERTION' && /statusCode >= 100/.test((err as Error).message)) {
    return new CameraProtocolError(request, 'a status code below 100 in the status line (undici assertion statusCode >= 100)', opts);
  }
  if (code === 'UND_ERR_CLOSED' || code === 'UND_ERR_DESTROYED') {
    return new HarnessDefect(`${request.method} ${request.path}: the harness closed its client while the request was pending (${code})`, opts);
  }
  // A route or name lost on a live connection is the camera's connection failing (below).
  if (code && UNREACHABLE[code] && (!ctx.connected || code === 'UND_ERR_CONNECT_TIMEOUT')) {
    return new CameraUnreachableError(request, `${UNREACHABLE[code]} (${code})`, opts);
  }
  if (code && /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_)/.test(code)) {
    return new CameraUnreachableError(request, `TLS: ${said(errorMessage(err))} (${code})`, opts);
  }
  const dropped = code && DROPPED[code];
  if (dropped) return droppedError(err, code, dropped, ctx);
  if (code === 'ETIMEDOUT') {
    return ctx.connected
      ? new CameraConnectionError(request, 'dropped', 'connection timed out (ETIMEDOUT)', opts)
      : new CameraUnreachableError(request, 'connect timed out (ETIMEDOUT)', opts);
  }
  if (isSystemError(err)) {
    const reason = `${said(errorMessage(err))}${code ? ` (${code})` : ''}`;
    return ctx.connected ? new CameraConnectionError(request, 'dropped', reason, opts) : new CameraUnreachableError(request, reason, opts);
  }
  return err instanceof Error ? err : new Error(String(err));
}

function droppedError(err: unknown, code: string, text: string, ctx: FailureContext): Error {
  const { request } = ctx;
  const opts = { cause: err };
  const closed = code === 'UND_ERR_SOCKET';
  if (!ctx.answered) {
    // A reset (the camera threw away unread body bytes) or a failed write, or a close
    // while the body was still going out: the camera refused the upload by closing.
    const up = ctx.upload;
    if (up && (up.total === undefined || up.total > 0) && (!closed || !up.done)) {
      return new UploadCutOff(request, `${text} (${code})`, up.handed, up.total, opts);
    }
    return new CameraConnectionError(request, 'dropped', `${text} without an answer (${code})`, opts);
  }
  const got = ctx.bodyBytes ?? 0;
  if (closed && ctx.contentLength !== undefined && got < ctx.contentLength) {
    // A FIN before the declared length: the camera ended its message early (RFC 9112 §8).
    return new CameraProtocolError(
      request,
      `body shorter than its Content-Length: ${got} of ${ctx.contentLength} bytes, then the connection closed (${code})`,
      opts,
    );
  }
  if (closed && ctx.chunked) {
    return new CameraProtocolError(request, `chunked body cut off: the connection closed after ${got} bytes, before the last chunk (${code})`, opts);
  }
  return new CameraConnectionError(request, 'dropped', `${text} after ${got} body bytes (${code})`, opts);
}

function lengthMismatch(ctx: FailureContext): string {
  const code = 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH';
  if (ctx.answered) return `body length does not match its Content-Length (${code})`;
  // undici reports any parse error after a Content-Length header as this mismatch and
  // drops the parser's reason: Content-Length before Transfer-Encoding and a repeated
  // Content-Length both end up here (Transfer-Encoding first keeps llhttp's reason).
  return (
    'the header block broke HTTP after a Content-Length header: Content-Length together with Transfer-Encoding, ' +
    `a repeated Content-Length, or a malformed header after it (${code})`
  );
}

function isSystemError(err: unknown): boolean {
  const e = err as { code?: unknown; syscall?: unknown; errno?: unknown } | null;
  return typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code) && (typeof e.syscall === 'string' || typeof e.errno === 'number');
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
