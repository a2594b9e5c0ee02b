// What the general, IP filter and storage suites share: a temporary user of a given
// role, and waiting out a restart (reboot, factory default, firmware upgrade).
import { randomBytes } from 'node:crypto';
import { test } from '@playwright/test';
import type { Camera, Role } from '../../lib/camera/index.ts';

export interface TempUser {
  name: string;
  password: string;
  /** The same camera, as this user (from the same source address). */
  camera: Camera;
}

/** Creates a user of `role` with a random password, runs `fn` as it, then removes it. */
export async function withUser<T>(camera: Camera, role: Role, fn: (u: TempUser) => Promise<T>): Promise<T> {
  // Short names: the family allows at most 14 characters.
  const name = `hil${role.slice(0, 2)}${randomBytes(3).toString('hex')}`;
  const password = randomBytes(9).toString('base64url');
  camera.client.addSecret(password);
  await camera.users.add(name, password, { role });
  const as = camera.derive({ user: name, password });
  try {
    return await fn({ name, password, camera: as });
  } finally {
    await as.close();
    await camera.users.remove(name);
  }
}

/** Status of a GET, whatever it is (for role checks: 200 allowed, 401/403 refused). */
export async function statusOf(camera: Camera, path: string, query?: Record<string, string>): Promise<number> {
  return (await camera.client.get(path, query, { expectStatus: 'any' })).status;
}

export interface RestartTimes {
  /** ms from the call until the camera stopped answering. */
  downAfterMs: number;
  /** ms from the call until it answered again. */
  backAfterMs: number;
}

/**
 * Waits for the camera to go away and come back. A physical camera may take minutes;
 * the virtual one is down for its rebootMs (1.5 s by default).
 */
export async function waitForRestart(camera: Camera, isVirtual: boolean): Promise<RestartTimes> {
  const start = Date.now();
  await camera.client.waitUntilUnreachable(isVirtual ? 10_000 : 60_000, { intervalMs: 50, probeTimeoutMs: 1000 });
  const downAfterMs = Date.now() - start;
  await camera.client.waitUntilReachable(isVirtual ? 20_000 : 300_000, { intervalMs: 100, probeTimeoutMs: 2000 });
  camera.client.resetAuth(); // the camera forgot its nonces
  return { downAfterMs, backAfterMs: Date.now() - start };
}

/** Test timeout for a test with one or two restarts in it. */
export function restartBudgetMs(isVirtual: boolean, restarts = 1): number {
  return isVirtual ? 30_000 + restarts * 10_000 : 120_000 + restarts * 360_000;
}

/** Skips a destructive test on a physical camera unless HIL_DESTRUCTIVE=1, saying why. */
export function skipUnlessDestructive(target: { destructiveAllowed: boolean; name: string }, what: string): void {
  if (target.destructiveAllowed) return;
  const reason = `${what} is destructive: skipped on ${target.name}; set HIL_DESTRUCTIVE=1 to run it on a physical camera`;
  console.log(`skip: ${reason}`);
  test.skip(true, reason);
}

/**
 * Lines of the system log added since `before` was read. The log may have dropped old
 * lines at its head meanwhile, so `before`'s last lines are looked for, not its length.
 */
export function newLogLines(before: readonly string[], after: readonly string[]): string[] {
  const tail = before.slice(-5);
  if (tail.length === 0) return [...after];
  for (let i = 0; i + tail.length <= after.length; i++) {
    if (tail.every((line, k) => after[i + k] === line)) return after.slice(i + tail.length);
  }
  return [...after];
}
