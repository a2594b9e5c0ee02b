// Who is at fault is a type, not a guess (OpenHTF's failure_exceptions, labgrid's
// exceptions.py). Every error the harness raises about a camera or a lab is one of these:
//
//   CameraDefect   the camera misbehaved: it answered wrongly, did not do what it said,
//                  broke HTTP, went silent mid-answer, never came back from a reboot...
//                  → the test FAILS and the verdict is FAIL.
//   LabProblem     the lab is not ready: the camera cannot be reached at all, the
//                  credentials are wrong, the relay board is missing, busy or mute, the
//                  test host itself was too loaded to measure → the verdict is ERROR, and
//                  the message says what to fix.
//   HarnessDefect  the harness's own bug, named as such. Any other error (TypeError,
//                  a test timeout...) counts as one too.
//
// A Playwright expect() that fails is a statement about the camera: a camera defect.
// The verdict and the report read the category recorded from the error's class at the
// moment it was thrown (fixtures/failure-category.ts), never its message.

export type FailureCategory = 'camera defect' | 'lab problem' | 'harness defect';

export class CameraDefect extends Error {
  override name = 'CameraDefect';
  readonly category = 'camera defect' as const;
}

export class LabProblem extends Error {
  override name = 'LabProblem';
  readonly category = 'lab problem' as const;
}

export class HarnessDefect extends Error {
  override name = 'HarnessDefect';
  readonly category = 'harness defect' as const;
}

/** Playwright's assertion errors carry the matcher's result (expect, expect.soft, expect.poll). */
function isAssertionError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'matcherResult' in err;
}

/** The category of a thrown value, by its type. */
export function categoryOf(err: unknown): FailureCategory {
  if (err instanceof CameraDefect) return 'camera defect';
  if (err instanceof LabProblem) return 'lab problem';
  if (isAssertionError(err)) return 'camera defect';
  return 'harness defect';
}
