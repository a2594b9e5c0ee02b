// Preflight: before any suite runs, check that the lab is ready, in order, stopping at the
// first problem, and say it in ONE line naming what is wrong and what to check:
//   1. the camera's URL answers HTTP at all;
//   2. it speaks this API: config.cgi lists the Brand and Properties groups (spec §1.1.1-1.1.2);
//   3. the credentials work;
//   4. the relay board answers, when one is configured (open, read a channel, close);
//   5. the identity (model, firmware) can be read (read-identity.ts).
// Run by `npm start` (bin/signoff.ts) before Playwright starts, and by the `preflight` setup
// project of playwright.config.ts, which the camera suites depend on. Without it a wrong URL
// gave one stack trace per suite.
//
// Every problem is a PreflightProblem (a LabProblem) or, where the camera answered in this
// API's format but broke it, a PreflightDefect (a CameraDefect); both stop the run the same way.
// lib/signoff never imports rigs/: the caller hands in how to open its relay board.

import { CameraClient, type CameraResponse } from '../camera/http.ts';
import { CameraUnreachableError } from '../camera/errors.ts';
import { parseParamList, type Params } from '../camera/params.ts';
import { CameraDefect } from '../errors.ts';
import type { CameraTarget, Identity } from './identity.ts';
import { PreflightDefect, PreflightProblem } from './preflight-errors.ts';
import { readIdentity } from './read-identity.ts';

export { isPreflightFailure, PreflightDefect, PreflightProblem } from './preflight-errors.ts';

interface BoardToCheck {
  channel(n: number): { get(): Promise<boolean> };
  close(): Promise<void>;
}

/** The relay board to check: where it is, and the opener of rigs/relay/open.ts (`openBoard`). */
export interface RelayToCheck {
  driver: string;
  path: string;
  channels?: number;
  /** Where the setting came from, e.g. `RELAY_DRIVER/RELAY_PATH` or `camera door in lab.json`. */
  from: string;
  openBoard(o: { driver: string; path: string; channels?: number }): Promise<BoardToCheck>;
}

export interface PreflightInput {
  camera: CameraTarget;
  /** What names the URL, for "check ...": `CAMERA_URL`, `the url of camera door in lab.json`. */
  urlSetting: string;
  /** What names the credentials: `CAMERA_USER / CAMERA_PASSWORD`. */
  credentialSetting: string;
  relay?: RelayToCheck;
  /** Per-request deadline, ms (default 5000: a camera that answers at all answers faster). */
  timeoutMs?: number;
}

/** Runs the checks in order; resolves with the identity, or throws the first problem. */
export async function preflight(input: PreflightInput): Promise<Identity> {
  const { camera } = input;
  const client = new CameraClient({ url: camera.url, user: camera.user, password: camera.password, timeoutMs: input.timeoutMs ?? 5000 });
  const at = client.url;
  try {
    await listsGroup(client, 'Brand', input);
    await listsGroup(client, 'Properties', input);
  } finally {
    await client.close();
  }
  if (input.relay) await checkRelay(input.relay);
  try {
    return await readIdentity(camera);
  } catch (err) {
    if (err instanceof CameraUnreachableError) throw unreachable(at, err, input);
    if (err instanceof CameraDefect) throw new PreflightDefect(`${at}: the identity cannot be read: ${oneLine(err.message)}`);
    // identity.ts names the parameter the camera did not list (it names the report folder).
    throw new PreflightDefect(`${at}: ${oneLine((err as Error).message)}`);
  }
}

/** Steps 1-3 for one group: answers HTTP, answers config.cgi as a parameter list, takes the credentials. */
async function listsGroup(client: CameraClient, group: 'Brand' | 'Properties', input: PreflightInput): Promise<Params> {
  const at = client.url;
  let res: CameraResponse;
  try {
    res = await client.get('/config.cgi', `action=list&group=${group}`, { expectStatus: 'any' });
  } catch (err) {
    if (err instanceof CameraUnreachableError) throw unreachable(at, err, input);
    // Took the connection, then no HTTP answer (dropped, too slow, not HTTP): on first contact
    // most likely another service's port; either way nothing can run.
    if (err instanceof CameraDefect) throw new PreflightProblem(`${at} takes connections but gives no HTTP answer: ${oneLine(err.message)} — check ${input.urlSetting} (the camera's HTTP port?)`);
    throw err;
  }
  if (res.status === 401) {
    throw new PreflightProblem(`credentials rejected for user ${input.camera.user} at ${at}: check ${input.credentialSetting}`);
  }
  if (res.status === 403) {
    throw new PreflightProblem(`user ${input.camera.user} may not list config.cgi at ${at} (HTTP 403): the sign-off needs an administrator; check ${input.credentialSetting}`);
  }
  const notThisApi = (how: string) =>
    new PreflightProblem(`${at} answers HTTP but not config.cgi (${how}): is this a camera of the IP Camera Open API family? check ${input.urlSetting}`);
  if (res.status < 200 || res.status >= 300) throw notThisApi(`HTTP ${res.status}`);
  // A web page is never a parameter list (§1.1.2 answers text/plain), even where a line of it
  // happens to read like `name=value`.
  if (/^text\/html\b/i.test(res.contentType)) throw notThisApi(`HTTP ${res.status}, text/html`);
  let params: Params;
  try {
    params = parseParamList(res.text);
  } catch (err) {
    // A `# Error:` line is this API's own refusal: a camera of the family that will not list the group.
    const cameraError = (err as { cameraError?: string }).cameraError;
    if (cameraError !== undefined) throw new PreflightDefect(`${at} refuses to list the ${group} group: # Error: ${oneLine(res.redact(cameraError))}`);
    throw notThisApi(`HTTP ${res.status}${res.contentType ? `, ${res.contentType.split(';')[0]}` : ''}, not a parameter list`);
  }
  if (![...params.keys()].some((k) => k.startsWith(`${group}.`))) {
    throw new PreflightDefect(`${at} answers config.cgi but lists no ${group}.* parameter: the harness reads the model and firmware there`);
  }
  return params;
}

function unreachable(at: string, err: CameraUnreachableError, input: PreflightInput): PreflightProblem {
  // "connection refused (ECONNREFUSED)" → "connection refused": the code adds nothing for the reader.
  const reason = err.reason.replace(/\s*\([A-Z_]+\)$/, '');
  return new PreflightProblem(`camera unreachable at ${at}: ${oneLine(reason)} — check ${input.urlSetting}, the cable, the camera's power`);
}

/** Step 4: open the board, read a channel (where the board can be read), close it. */
async function checkRelay(relay: RelayToCheck): Promise<void> {
  const what = `relay board (${relay.driver} on ${relay.path}, from ${relay.from})`;
  let board: BoardToCheck;
  try {
    board = await relay.openBoard({ driver: relay.driver, path: relay.path, channels: relay.channels });
  } catch (err) {
    throw new PreflightProblem(`${what} cannot be opened: ${oneLine((err as Error).message)}`);
  }
  try {
    // LCUS boards have no read-back (rigs/relay/lcus.ts): opening the port is all that can be checked.
    if (relay.driver !== 'lcus') await board.channel(0).get();
  } catch (err) {
    throw new PreflightProblem(`${what} does not answer: ${oneLine((err as Error).message)} — check its cable and power, and that ${relay.path} is the board`);
  } finally {
    await board.close().catch(() => {});
  }
}

export function oneLine(s: string): string {
  return s.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).join(' ');
}
