// Errors the client raises. Who is at fault is their type (lib/errors.ts):
//  - the camera did not answer at all (network error, timeout): CameraUnreachableError,
//    a LabProblem, whose message always starts with `camera unreachable:`;
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

export const UNREACHABLE_PREFIX = 'camera unreachable:';

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

/** True for any error the report should file under "camera unreachable". */
export function isUnreachable(err: unknown): boolean {
  return err instanceof Error && err.message.startsWith(UNREACHABLE_PREFIX);
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
