// The two ways a preflight stops a run (preflight.ts), apart from the checks themselves so
// that npm start can tell them apart in its error handler without loading the camera client.
import { CameraDefect, LabProblem } from '../errors.ts';

/** A lab problem found before the run: the message is the whole story, on one line. */
export class PreflightProblem extends LabProblem {
  override name = 'PreflightProblem';
}

/** The camera answered in this API's format but not as the harness needs: still stops the run. */
export class PreflightDefect extends CameraDefect {
  override name = 'PreflightDefect';
}

export function isPreflightFailure(err: unknown): err is PreflightProblem | PreflightDefect {
  return err instanceof PreflightProblem || err instanceof PreflightDefect;
}
