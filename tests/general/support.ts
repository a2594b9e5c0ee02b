// What the general, IP filter and storage suites share: a temporary user of a given role,
// waiting out a restart (reboot, factory default, firmware upgrade; a report step with a
// progress line every 10 s, fixtures/progress.ts), and reading a camera's answer the way
// chapter 1 allows. Chapter 1 defines no error answer, so a refusal is any
// 4xx or any answer with a `# Error:` line (a 200 with one is a refusal too); how a camera
// refuses is a house expectation, observed. Where the spec shows no answer to a success,
// success is a 2xx without a `# Error:` line; where it shows `OK` (§1.1.6, §1.10.2), exactly that.
import { randomBytes } from 'node:crypto';
import { expect } from '@playwright/test';
import { waitStep } from '../../fixtures/progress.ts';
import { SLOW_REBOOT_MS } from '../../rigs/virtual-camera/dialects.ts';
import type { Target } from '../../fixtures/target.ts';
import { CameraDefect } from '../../lib/errors.ts';
import { cameraErrorOf, secondaryGroups, type Camera, type CameraResponse, type Role } from '../../lib/camera/index.ts';
import { formatSeconds } from '../../lib/camera/progress.ts';

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
  await addUser(camera, name, password, role);
  const as = camera.derive({ user: name, password });
  try {
    return await fn({ name, password, camera: as });
  } finally {
    await as.close();
    await removeUser(camera, name);
  }
}

/** usrgrp.cgi with any answer (the caller judges it). */
export function usrgrp(camera: Camera, query: Record<string, string | undefined>): Promise<CameraResponse> {
  return camera.client.get('/usrgrp.cgi', query, { expectStatus: 'any' });
}

/**
 * Adds a user with the family's analog (docs/virtual-camera.md) (`sgrp=viewer[:operator[:admin]][:ptz]`). §1.2 shows no
 * answer: any 2xx without `# Error:` is success (the house's `OK` is observed where it matters).
 */
export async function addUser(camera: Camera, name: string, password: string, role: Role, ptz = false): Promise<CameraResponse> {
  camera.client.addSecret(password);
  const res = await usrgrp(camera, { action: 'add', user: name, pwd: password, grp: 'users', sgrp: secondaryGroups(role, ptz) });
  expectAccepted(res, `usrgrp.cgi add ${name}`);
  return res;
}

export async function removeUser(camera: Camera, name: string): Promise<CameraResponse> {
  const res = await usrgrp(camera, { action: 'remove', user: name });
  expectAccepted(res, `usrgrp.cgi remove ${name}`);
  return res;
}

/** config.cgi update (§1.1.3 shows no answer: a 2xx without `# Error:` is success). */
export async function updateParams(camera: Camera, values: Record<string, string>): Promise<CameraResponse> {
  const res = await camera.client.get('/config.cgi', [['action', 'update'], ...Object.entries(values)], { expectStatus: 'any' });
  expectAccepted(res, `config.cgi update ${Object.keys(values).join(', ')}`);
  return res;
}

/** Status of a GET, whatever it is (for role checks: 200 allowed, 401/403 refused). */
export async function statusOf(camera: Camera, path: string, query?: Record<string, string>): Promise<number> {
  return (await camera.client.get(path, query, { expectStatus: 'any' })).status;
}

/** A refusal as chapter 1 allows it: a 4xx, or a `# Error:` line with any status. */
export function isRefusal(res: CameraResponse): boolean {
  return (res.status >= 400 && res.status < 500) || cameraErrorOf(res.text) !== undefined;
}

/** Accepted: a 2xx without a `# Error:` line (the spec shows no answer for most of chapter 1). */
export function isAccepted(res: CameraResponse): boolean {
  return res.status >= 200 && res.status < 300 && cameraErrorOf(res.text) === undefined;
}

/** The virtual camera's refusal: 400 with a `# Error: <reason>` line. */
export function refusedByHouse(res: CameraResponse): boolean {
  return res.status === 400 && /^# Error: \S/.test(res.text);
}

/** `HTTP <status> <first line>` of an answer, redacted, for messages and observations. */
export function answerOf(res: CameraResponse): string {
  return `HTTP ${res.status} ${JSON.stringify(res.redact(res.text).split(/\r?\n/)[0]?.slice(0, 120) ?? '')}`;
}

/** The answer `OK` as the virtual camera sends it (status 200, body `OK` and a line end). */
export function isHouseOk(res: CameraResponse): boolean {
  return res.status === 200 && /^OK\r?\n?$/.test(res.text);
}

/** Where the spec shows `HTTP/1.0 200 OK ... OK\r\n` (§1.1.6 remove, §1.10.2 set): exactly that. */
export function expectSpecOk(res: CameraResponse, what: string): void {
  expect(res.status, `${what}: ${answerOf(res)}`).toBe(200);
  expect(res.text, `${what}: the body the spec shows, OK\\r\\n`).toBe('OK\r\n');
}

/** Where the spec shows no answer: accepted means a 2xx without a `# Error:` line. */
export function expectAccepted(res: CameraResponse, what: string): void {
  expect(isAccepted(res), `${what} must be carried out: ${answerOf(res)}`).toBe(true);
}

/** Content-Type without parameters, lower-case ('' when absent). */
export function mediaType(res: CameraResponse): string {
  return res.contentType.split(';')[0].trim().toLowerCase();
}

export interface RestartTimes {
  /** ms from the call until the camera stopped answering. */
  downAfterMs: number;
  /** ms from the call until it answered again. */
  backAfterMs: number;
}

/** What waitForRestart needs to know of the target (a boolean is the older form: isVirtual). */
export type RestartTarget = boolean | Pick<Target, 'isVirtual' | 'virtual'>;

/** The embedded virtual camera's reboot time without the `slow` dialect (rigs/virtual-camera/index.ts). */
const VIRTUAL_REBOOT_MS = 1500;

/**
 * How long a restart may take. A physical camera may take minutes; the virtual one is down
 * for its dialect's reboot time (1.5 s, 40 s with `slow`), so its budget comes from that and a
 * camera that never comes back fails in seconds, not minutes. The running camera's state is
 * not read: a seeded fault lives there (`reboot=never`), and the harness must not know it.
 */
function restartWindow(t: RestartTarget): { downWithinMs: number; backWithinMs: number } {
  const isVirtual = typeof t === 'boolean' ? t : t.isVirtual;
  if (!isVirtual) return { downWithinMs: 60_000, backWithinMs: 300_000 };
  const slow = typeof t !== 'boolean' && t.virtual?.dialects.has('slow') === true;
  return { downWithinMs: 10_000, backWithinMs: 2 * (slow ? SLOW_REBOOT_MS : VIRTUAL_REBOOT_MS) + 10_000 };
}

/**
 * After a restart the camera accepted (reboot, factory default, upgrade): waits for it to go
 * down and come back. Never going down, or never coming back, is a CameraDefect. One report
 * step, with a progress line every 10 s on the console and in it (fixtures/progress.ts);
 * `restart` names what was accepted in both.
 */
export async function waitForRestart(camera: Camera, target: RestartTarget, restart = 'restart'): Promise<RestartTimes> {
  const window = restartWindow(target);
  return waitStep(`wait for the ${restart}: down within ${formatSeconds(window.downWithinMs)}, back within ${formatSeconds(window.backWithinMs)}`, (progress) =>
    camera.system.awaitRestart({ ...window, ...progress, restart }),
  );
}

/**
 * For a request after which the spec does not say the camera restarts (factory default,
 * firmware upgrade): waits up to the window for it to go down; if it does, it must come back
 * (a CameraDefect otherwise). Returns undefined when it kept answering. A report step with
 * progress lines like waitForRestart's; `after` names the request.
 */
export async function restartIfAny(camera: Camera, target: RestartTarget, after = 'request'): Promise<RestartTimes | undefined> {
  const { downWithinMs, backWithinMs } = restartWindow(target);
  const title = `wait for a restart after the ${after}, if any: down within ${formatSeconds(downWithinMs)}, back within ${formatSeconds(backWithinMs)}`;
  return waitStep(title, async (progress) => {
    const start = Date.now();
    try {
      await camera.client.waitUntilUnreachable(downWithinMs, { intervalMs: 50, ...progress, awaiting: `the camera to go down after the ${after}, if it restarts` });
    } catch (err) {
      if (err instanceof CameraDefect) return undefined; // still answering: no restart
      throw err;
    }
    const downAfterMs = Date.now() - start;
    try {
      await camera.client.waitUntilReachable(backWithinMs, { intervalMs: 100, ...progress, awaiting: `the camera to come back after the ${after}` });
    } catch (err) {
      throw new CameraDefect(`camera went down after the request and never came back within ${backWithinMs / 1000} s: ${(err as Error).message}`, { cause: err });
    }
    camera.client.resetAuth(); // the camera forgot its nonces
    return { downAfterMs, backAfterMs: Date.now() - start };
  });
}

/** Test timeout for a test with one or more restarts in it. */
export function restartBudgetMs(target: RestartTarget, restarts = 1): number {
  const isVirtual = typeof target === 'boolean' ? target : target.isVirtual;
  const w = restartWindow(target);
  return (isVirtual ? 30_000 : 120_000) + restarts * (w.downWithinMs + w.backWithinMs);
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
