// The CGIs no robustness or security probe may send junk to. A valid request to one of
// them restarts, resets, flashes, overwrites or erases the camera, so a probe that sends
// it anything a camera might ignore (an unknown parameter, a fuzzed value, a bad upload
// with admin credentials) is safe only as long as the camera refuses it — and a lenient
// camera that ignores what it does not know (reboot.cgi?hilbogus=1 → reboot) would do
// the damage in the middle of a run. So they are left out of every such probe, on every
// target, the virtual camera included, and never "allowed when HIL_DESTRUCTIVE=1".
//
// Only checks that cannot be made without the CGI — a weaker role must be refused, an
// upload beyond the limit must be refused — send to them, tagged @destructive, gated by
// HIL_DESTRUCTIVE on a physical camera, and saying in their report that a camera failing
// them really performs the action.
//
// The list is lib/camera's (GUARDED_CGIS, lib/camera/guard.ts), the one its client-side
// guard uses to throw HarnessDefect before sending such a CGI a parameter it does not
// know: one list for the guard, tests/robustness and tests/security. The suites go further
// than the guard: no probe at all, not even with a known parameter (format.cgi?diskid=...).
import { GUARDED_CGIS, knownParameters } from '../../lib/camera/index.ts';

export const DESTRUCTIVE_CGIS: readonly string[] = GUARDED_CGIS;

/** What each does when a request is wrongly accepted, for skip reasons and report steps. */
const EFFECT: Record<string, string> = {
  '/reboot.cgi': 'restarts the camera',
  '/factorydefault.cgi': 'resets the configuration and restarts',
  '/hardfactorydefault.cgi': 'resets everything, users included, and restarts',
  '/firmwareupgrade.cgi': 'flashes the firmware and restarts',
  '/restore.cgi': 'overwrites the configuration and users',
  '/format.cgi': 'erases the SD card',
  '/remove.cgi': 'erases recordings',
};

/**
 * Whether a path is one of them, resolved as a lenient server might route it (the guard's
 * own reading: the last segment, percent-decoded, any letter case, cut at `;` or a NUL).
 */
export function isDestructiveCgi(path: string): boolean {
  return knownParameters(path) !== undefined;
}

/** "restarts the camera", for a destructive path; undefined otherwise. */
export function destructiveEffect(path: string): string | undefined {
  if (!isDestructiveCgi(path)) return undefined;
  const segment = path.split('?')[0].split('/').filter(Boolean).at(-1) ?? '';
  let name = segment;
  try {
    name = decodeURIComponent(segment);
  } catch {
    // an undecodable name stays as it is: only the effect's wording depends on it
  }
  return EFFECT[`/${name.split(';')[0].toLowerCase()}`] ?? 'restarts, resets or erases the camera';
}

/** Why a destructive CGI is not probed, for the run's output. */
export function notProbedBecause(path: string): string {
  return `${path} is never sent junk or bad input: it ${destructiveEffect(path) ?? 'acts'} when a camera ignores what it does not know (tests/robustness/destructive-cgis.ts)`;
}
