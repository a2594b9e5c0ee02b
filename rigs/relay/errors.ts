// Relay errors carry a kind, so the CLI and fixtures can say what to do (plug the board in,
// close the other program, check the wiring) without parsing messages. A board that is
// missing, busy, mute or misbehaving is a lab problem; a sense line that never shows the
// level it waits for is a camera defect (what drives it, the camera's output, did not).
import { CameraDefect, LabProblem } from '../../lib/errors.ts';

/** Why a relay operation failed, so a CLI or fixture can say what to do about it. */
export type RelayErrorKind = 'usage' | 'missing' | 'busy' | 'permission' | 'no-answer' | 'bad-reply' | 'timeout' | 'io';

export class RelayError extends LabProblem {
  constructor(readonly kind: RelayErrorKind, message: string) {
    super(message);
    this.name = 'RelayError';
  }
}

/** The sense line stayed at the other level until the deadline: the camera's output did not follow. */
export class SenseLevelNotReached extends CameraDefect {
  override name = 'SenseLevelNotReached';
  readonly kind = 'timeout' as const;
}

/** Validates a 0-based channel or input number against a board's count. */
export function checkIndex(what: string, n: number, count: number, board: string): void {
  if (!Number.isInteger(n) || n < 0 || n >= count) {
    throw new RelayError('usage', `${board} has no ${what} ${n} (valid: 0..${count - 1})`);
  }
}
