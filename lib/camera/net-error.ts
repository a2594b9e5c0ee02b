// Turns what undici / the socket layer throws into the reason text of a
// CameraUnreachableError. The codes are undici's (UND_ERR_*) and Node's (E*); the
// report only needs a short human reason, the cause stays attached for debugging.

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the camera',
  EPIPE: 'connection closed by the camera while sending',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connect timed out',
  ENOTFOUND: 'host name not found',
  EADDRNOTAVAIL: 'local address not available',
  UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
  UND_ERR_SOCKET: 'connection closed by the camera',
  UND_ERR_CLOSED: 'client closed',
  UND_ERR_DESTROYED: 'client destroyed',
};

/** Errors that are the caller's fault, not the camera's: rethrown as they are. */
export function isUsageError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'UND_ERR_INVALID_ARG' || code === 'UND_ERR_NOT_SUPPORTED';
}

function codeOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  if (typeof e?.code === 'string') return e.code;
  if (typeof e?.cause?.code === 'string') return e.cause.code;
  return undefined;
}

export interface TimeoutInfo {
  /** Our own deadline for the whole request fired. */
  timedOut: boolean;
  timeoutMs: number;
  /** Idle limit between body chunks of a stream, if any. */
  idleTimeoutMs?: number;
}

export function networkReason(err: unknown, t: TimeoutInfo): string {
  if (t.timedOut) return `no complete answer within ${t.timeoutMs} ms`;
  const code = codeOf(err);
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return `no response headers within ${t.timeoutMs} ms`;
  if (code === 'UND_ERR_BODY_TIMEOUT') return `body stalled: no data for ${t.idleTimeoutMs ?? t.timeoutMs} ms`;
  if (code && REASONS[code]) return `${REASONS[code]} (${code})`;
  const message = err instanceof Error ? err.message : String(err);
  return code ? `${message} (${code})` : message;
}
