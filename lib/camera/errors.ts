// Errors the client raises. Who is at fault is their type (lib/errors.ts):
//  - the camera could not be reached at all (connection refused, no route, name not
//    found, no connection within the deadline): CameraUnreachableError, a LabProblem,
//    whose message always starts with `camera unreachable:`;
//  - it accepted the connection and then failed to answer (reset, closed without an
//    answer, too slow, a body that stalls): CameraConnectionError, a CameraDefect
//    (`camera dropped the connection:` / `camera did not answer in time:`); UploadCutOff
//    when it closed while a request body was still going out;
//  - it answered with bytes that are not HTTP: CameraProtocolError, a CameraDefect
//    (`camera broke HTTP:`);
//  - it answered with an HTTP status the caller did not expect: CameraHttpError, a CameraDefect;
//  - it answered 2xx but the body says the request failed (`# Error: ...`) or is not in
//    the spec's format: CameraReplyError, a CameraDefect.
// Every message names the request (method and path, credentials already redacted by
// the caller) and, where the camera sent one, its `# Error:` line.

import { CameraDefect, LabProblem } from '../errors.ts';

/** Which request an error is about. `path` is path + query with credentials redacted. */
export interface RequestRef {
  method: string;
  path: string;
}

const UNREACHABLE_PREFIX = 'camera unreachable:';

export class CameraUnreachableError extends LabProblem {
  override name = 'CameraUnreachableError';
  constructor(
    readonly request: RequestRef | undefined,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    const where = request ? ` ${request.method} ${request.path}:` : '';
    super(`${UNREACHABLE_PREFIX}${where} ${reason}`, options);
  }
}

/** True for a lab-level "camera unreachable" (the camera could not be reached at all). */
export function isUnreachable(err: unknown): boolean {
  return err instanceof LabProblem && err.message.startsWith(UNREACHABLE_PREFIX);
}

/** 'dropped': reset or closed after accepting the connection; 'late': no (complete) answer in time. */
export type ConnectionFailure = 'dropped' | 'late';

const CONNECTION_PREFIX: Record<ConnectionFailure, string> = {
  dropped: 'camera dropped the connection:',
  late: 'camera did not answer in time:',
};

/** The camera accepted the connection, then gave no complete answer: a camera defect. */
export class CameraConnectionError extends CameraDefect {
  override name = 'CameraConnectionError';
  constructor(
    readonly request: RequestRef,
    readonly failure: ConnectionFailure,
    readonly reason: string,
    options?: { cause?: unknown; prefix?: string },
  ) {
    super(`${options?.prefix ?? CONNECTION_PREFIX[failure]} ${request.method} ${request.path}: ${reason}`, options);
  }
}

/**
 * The camera closed or reset the connection while the request body was still going out
 * (or reset it before answering a request that had one). Whether that is a legitimate
 * refusal of an oversized upload is for the suite to decide, after checking the camera is
 * up and unchanged. `bytesHanded` counts what was handed to the connection, not what the
 * camera read: the operating system buffers a few hundred KiB or more in between.
 */
export class UploadCutOff extends CameraConnectionError {
  override name = 'UploadCutOff';
  constructor(
    request: RequestRef,
    reason: string,
    readonly bytesHanded: number,
    /** The body's size when known (a stream without Content-Length has none). */
    readonly bodyBytes: number | undefined,
    options?: { cause?: unknown },
  ) {
    const of = bodyBytes !== undefined ? `${bytesHanded} of ${bodyBytes}` : `${bytesHanded}`;
    super(request, 'dropped', `${reason} after ${of} body bytes were handed to the connection`, {
      ...options,
      prefix: 'camera cut off the upload:',
    });
  }
}

/** The camera's answer is not HTTP/1.x as RFC 9112 defines it: a camera defect naming the fault. */
export class CameraProtocolError extends CameraDefect {
  override name = 'CameraProtocolError';
  constructor(
    readonly request: RequestRef,
    /** What is wrong, in words (with the parser's own reason where it gave one). */
    readonly fault: string,
    options?: { cause?: unknown },
  ) {
    super(`camera broke HTTP: ${request.method} ${request.path}: ${fault}`, options);
  }
}

/**
 * True when the camera gave no complete HTTP answer: unreachable, dropped, too slow, or
 * not HTTP. Reachability probes count all of these as "not answering".
 */
export function isNoAnswer(err: unknown): boolean {
  return isUnreachable(err) || err instanceof CameraConnectionError || err instanceof CameraProtocolError;
}

export class CameraHttpError extends CameraDefect {
  override name = 'CameraHttpError';
  constructor(
    readonly request: RequestRef,
    readonly status: number,
    /** The text after `# Error:` in the body, if the camera sent such a line. */
    readonly cameraError: string | undefined,
    /** The body's first non-empty line (redacted, at most 200 characters). */
    readonly firstLine: string,
    note?: string,
  ) {
    const detail = cameraError !== undefined ? `# Error: ${cameraError}` : firstLine;
    super(
      `${request.method} ${request.path} failed: HTTP ${status}` +
        (detail ? ` (${detail})` : '') +
        (note ? `; ${note}` : ''),
    );
  }
}

export class CameraReplyError extends CameraDefect {
  override name = 'CameraReplyError';
  constructor(
    readonly request: RequestRef,
    readonly status: number,
    /** What is wrong with the reply, in words. */
    readonly problem: string,
    /** The text after `# Error:` when the camera reported the failure itself. */
    readonly cameraError?: string,
  ) {
    super(`${request.method} ${request.path} (HTTP ${status}): ${problem}`);
  }
}

/** The text after the first `# Error:` line of a body, or undefined when there is none. */
export function cameraErrorOf(text: string): string | undefined {
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*#\s*Error\s*:\s?(.*)$/i.exec(line);
    if (m) return m[1].trim();
  }
  return undefined;
}

/** First non-empty line of a text, cut to `max` characters (for error messages). */
export function firstLineOf(text: string, max = 200): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const trimmed = line.trim();
  return trimmed.length > max ? `${trimmed.slice(0, max)}…` : trimmed;
}
