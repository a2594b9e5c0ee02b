// Checks on the camera's text replies shared by the chapter modules: a 2xx answer can
// still carry `# Error: ...` (that is how the family reports a refused request), and
// the spec's success answers are `OK` or `<entry> OK`.

import { CameraReplyError, cameraErrorOf, firstLineOf } from './errors.ts';
import type { CameraResponse } from './http.ts';

/** Throws CameraReplyError when the reply carries a `# Error:` line. */
export function expectNoError(res: CameraResponse): void {
  const err = cameraErrorOf(res.text);
  if (err !== undefined) {
    const text = res.redact(err);
    throw new CameraReplyError(res.request, res.status, `camera reported an error: ${text}`, text);
  }
}

/** Throws unless the reply is `OK` (blank lines and surrounding spaces tolerated). */
export function expectOk(res: CameraResponse): void {
  expectNoError(res);
  const lines = replyLines(res.text);
  if (lines.length !== 1 || lines[0].toUpperCase() !== 'OK') {
    throw new CameraReplyError(res.request, res.status, `expected "OK", got ${describeReply(res.redact(res.text))}`);
  }
}

/** Non-empty lines of a text reply, trimmed; CRLF or LF. */
export function replyLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** A reply for an error message: its first line, or "an empty reply". */
export function describeReply(text: string): string {
  const first = firstLineOf(text, 120);
  return first === '' ? 'an empty reply' : JSON.stringify(first);
}

/** Wraps a parse failure of a reply into a CameraReplyError that names the request. */
export function parseReply<T>(res: CameraResponse, parse: (text: string) => T): T {
  expectNoError(res);
  try {
    return parse(res.text);
  } catch (err) {
    throw new CameraReplyError(res.request, res.status, res.redact((err as Error).message));
  }
}
