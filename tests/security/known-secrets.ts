// The passwords a run may have handled, for the credential scan: the target's, the test
// users the security suite creates, and any a lab adds in HIL_SCAN_SECRETS (one per line;
// an environment variable, so no password is ever on a command line; read at the moment of
// use by fixtures/options.ts, never kept in the run's options).
import { scanSecrets, urlCamera, type RunOptions } from '../../fixtures/options.ts';
import type { Secret } from './credential-scan.ts';
import { MATRIX_USERS } from './role-matrix.data.ts';

export function knownSecrets(target: { user: string; password: string } | undefined, labSecrets: string[] = scanSecrets()): Secret[] {
  const out: Secret[] = [];
  if (target?.password) out.push({ label: 'the target password', value: target.password, user: target.user });
  for (const [role, u] of Object.entries(MATRIX_USERS)) out.push({ label: `the password of test user ${u.name} (${role})`, value: u.password, user: u.name });
  labSecrets.forEach((value, i) => out.push({ label: `HIL_SCAN_SECRETS line ${i + 1}`, value }));
  return out;
}

/** The target of a run as the scan after it sees it: CAMERA_URL's credentials, else the virtual camera's defaults. */
export function runTarget(options: RunOptions): { user: string; password: string } {
  if (options.physical && options.target.kind === 'url') return urlCamera(options.target);
  return { user: 'root', password: 'pass' };
}
