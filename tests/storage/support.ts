// What the storage suite shares: the storage CGIs sent by GET or by POST (spec §8.1:
// "Method: GET/POST"; a POST carries its parameters as an HTML form does,
// application/x-www-form-urlencoded), their answers judged the spec's way (list.cgi: the
// XML of §8.3/§8.4, strictly), and the house's refusals observed beside them.
import { expect } from '../../fixtures/index.ts';
import type { Camera, CameraResponse } from '../../lib/camera/index.ts';
import { cameraErrorOf } from '../../lib/camera/index.ts';
import type { Observe } from '../../fixtures/observe.ts';
import { checkDisksXml, checkRecordingsXml } from './spec-xml.ts';

export type Via = 'GET' | 'POST';
export type Attrs = Record<string, string>;

/** A storage CGI by GET (query string) or POST (form body); any status comes back. */
export function send(camera: Camera, path: string, params: Record<string, string>, via: Via = 'GET', timeoutMs?: number): Promise<CameraResponse> {
  if (via === 'GET') return camera.client.get(path, params, { expectStatus: 'any', timeoutMs });
  return camera.client.post(path, new URLSearchParams(params).toString(), { contentType: 'application/x-www-form-urlencoded', expectStatus: 'any', timeoutMs });
}

export function answerOf(res: CameraResponse): string {
  return `HTTP ${res.status} ${res.redact(res.text).split(/\r?\n/)[0]?.slice(0, 120) ?? ''}`;
}

function what(path: string, params: Record<string, string>, via: Via): string {
  return `${via} ${path} ${new URLSearchParams(params).toString()}`;
}

/**
 * mount/format/remove carried out: a 2xx without `# Error:` (the spec shows no answer, so
 * that is all it can require); the house's `OK` is observed.
 */
export async function done(camera: Camera, observe: Observe, path: string, params: Record<string, string>, via: Via = 'GET', timeoutMs?: number): Promise<void> {
  const res = await send(camera, path, params, via, timeoutMs);
  const label = what(path, params, via);
  expect(res.status >= 200 && res.status < 300 && cameraErrorOf(res.text) === undefined && !/<error\b/i.test(res.text), `${label}: ${answerOf(res)}`).toBe(true);
  observe('storage.answer.ok', { expected: 'OK', observed: `${label}: ${answerOf(res)}`, holds: res.text === 'OK\r\n' });
}

/** list.cgi?diskid=: 200 and §8.3's XML, strictly; the <disk> attributes. */
export async function disks(camera: Camera, diskid = 'all', via: Via = 'GET'): Promise<Attrs[]> {
  const res = await send(camera, '/list.cgi', { diskid }, via);
  expect(res.status, `${via} list.cgi diskid=${diskid}: ${answerOf(res)}`).toBe(200);
  const { items, problems } = checkDisksXml(res.text);
  expect(problems, `${via} list.cgi diskid=${diskid}: the XML of §8.3`).toEqual([]);
  return items;
}

/** The SD_DISK of list.cgi?diskid=all (there must be one). */
export async function sdDisk(camera: Camera, via: Via = 'GET'): Promise<Attrs> {
  const all = await disks(camera, 'all', via);
  const sd = all.filter((d) => d['diskid'] === 'SD_DISK');
  expect(sd.length, `list.cgi diskid=all lists SD_DISK once (§8.3), got ${all.map((d) => d['diskid']).join(', ') || 'no disk'}`).toBe(1);
  return sd[0];
}

/** list.cgi?recordingid=: 200 and §8.4's XML, strictly; the <recording> attributes. */
export async function recordings(camera: Camera, recordingid = 'all', via: Via = 'GET'): Promise<Attrs[]> {
  const res = await send(camera, '/list.cgi', { recordingid }, via);
  expect(res.status, `${via} list.cgi recordingid=${recordingid}: ${answerOf(res)}`).toBe(200);
  const { items, problems } = checkRecordingsXml(res.text);
  expect(problems, `${via} list.cgi recordingid=${recordingid}: the XML of §8.4`).toEqual([]);
  return items;
}

export const ids = (recs: readonly Attrs[]): string[] => recs.map((r) => r['recordingid']);

/** Refused, in any form: an error status, a `# Error:` line or an <error> element. */
export function refused(res: CameraResponse): boolean {
  return res.status >= 400 || cameraErrorOf(res.text) !== undefined || /<error\b/i.test(res.text);
}

/**
 * A request the house refuses: `rule` holds when the camera refused it in any form (and
 * `extra` holds); how it refused is storage.refusal.form, against the `# Error:` text the
 * house sends (`house.says`, matched by `house.match`). Whatever else the camera does, an
 * answer that is a recording list must not list `notListing`. Returns the answer.
 */
export async function probe(
  camera: Camera, observe: Observe, rule: string, path: string, params: Record<string, string>,
  house: { says: string; match: RegExp }, opts: { via?: Via; notListing?: string; extra?: () => Promise<{ expected: string; observed: string; holds: boolean }> } = {},
): Promise<CameraResponse> {
  const via = opts.via ?? 'GET';
  const res = await send(camera, path, params, via);
  const label = `${what(path, params, via)}: ${answerOf(res)}`;
  const extra = await opts.extra?.();
  observe(rule, { expected: `refused${extra ? `; ${extra.expected}` : ''}`, observed: `${label}${extra ? `; ${extra.observed}` : ''}`, holds: refused(res) && (extra?.holds ?? true) });
  if (refused(res)) observe('storage.refusal.form', { expected: `HTTP 400 # Error: ${house.says}`, observed: label, holds: res.status === 400 && /^# Error: /.test(res.text) && house.match.test(res.text) });
  if (opts.notListing !== undefined && res.status === 200 && /<recording\b/i.test(res.text)) {
    expect(ids(checkRecordingsXml(res.text).items), `${what(path, params, via)} lists recordings`).not.toContain(opts.notListing);
  }
  return res;
}
