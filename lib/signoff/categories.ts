// Why a test failed, by the harness's error conventions:
//   `camera unreachable: ...` / `rig: ...`   → rig or lab problem (network, relay board, wiring)
//   an expect() assertion (or a measurement out of limits, which is an expect.soft) → camera defect
//   the camera's own answer refused by the harness's readers (an HTTP error status, a reply
//   in the wrong format, broken multipart framing, a JPEG that does not decode) → camera defect
//   anything else (TypeError, ReferenceError, timeouts of the harness itself...) → harness defect
// The same rules feed Allure's categories (report) and the sign-off verdict, so both agree.

export type FailureCategory = 'camera defect' | 'harness defect' | 'rig or lab problem';

// Error messages as Playwright reports them: `Error: camera unreachable: ...`,
// `CameraUnreachableError: camera unreachable: ...`. Patterns are written to work both as a
// JavaScript search (Allure 3) and as a full match (Allure 2 / classic categories.json).
const LAB = String.raw`^(?:\w*Error: )?(?:camera unreachable|rig):[\s\S]*`;
const EXPECT = String.raw`[\s\S]*\bexpect(?:\.soft|\.poll)?\([\s\S]*`;
// CameraHttpError `GET /x failed: HTTP 404`, CameraReplyError `GET /x (HTTP 200): ...`,
// ParamListError `camera reported an error`, the multipart parser and the JPEG decoder.
const CAMERA_REPLY = String.raw`^(?:\w*Error: )?(?:[A-Z]+ /\S* (?:failed: HTTP \d{3}|\(HTTP \d{3}\):)|multipart: |JPEG decode failed|camera reported an error)[\s\S]*`;
const ASSERTION = `(?:${EXPECT})|(?:${CAMERA_REPLY})`;

export function classifyFailure(message: string | undefined): FailureCategory {
  const m = message ?? '';
  if (new RegExp(LAB).test(m)) return 'rig or lab problem';
  if (new RegExp(ASSERTION).test(m)) return 'camera defect';
  return 'harness defect';
}

/** Allure 2 style categories (allure-playwright writes them to allure-results/categories.json). */
export interface LegacyCategory {
  name: string;
  description: string;
  matchedStatuses: ('failed' | 'broken')[];
  messageRegex: string;
}

export const ALLURE_CATEGORIES: LegacyCategory[] = [
  { name: 'rig or lab problem', description: 'The camera could not be reached or the relay rig failed: fix the lab, then re-run.', matchedStatuses: ['failed', 'broken'], messageRegex: LAB },
  { name: 'camera defect', description: 'An assertion about the camera failed, or a measurement is out of its limits.', matchedStatuses: ['failed', 'broken'], messageRegex: ASSERTION },
  { name: 'harness defect', description: 'The harness itself threw (TypeError, ReferenceError, its own timeout...): fix the harness.', matchedStatuses: ['failed', 'broken'], messageRegex: String.raw`[\s\S]*` },
];
