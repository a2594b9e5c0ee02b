// The spec's own answers of ipfilter.cgi (§6.2), checked exactly, and the house's choices
// beside them (lib/signoff/house-rules/ipfilter.ts), observed:
//   success (add, remove, removeall, update):  200, text/plain, `OK\r\n`
//   list:  200, text/plain, `Accept addresses: <IP addresses>\r\nEnabled: <yes/no>\r\n`
// The spec does not say how the addresses are separated: spaces, commas and semicolons are
// all read, the separator itself is observed (ipfilter.list.separator).
import { expect } from '../../fixtures/index.ts';
import type { Observe } from '../../fixtures/observe.ts';
import type { Camera, CameraResponse } from '../../lib/camera/index.ts';
import { cameraErrorOf, checkAddress, type IpFilterState } from '../../lib/camera/index.ts';

export const PATH = '/ipfilter.cgi';

/** The skip reason of a check that needs a second source address, naming the settings. */
export const NO_SECOND_SOURCE = 'needs a second source address that reaches the camera: set HIL_SECOND_SOURCE=a.b.c.d or secondSourceAddress in lab.json';

/** ipfilter.cgi with any answer (the caller judges it). */
export function ipfilter(camera: Camera, query: Record<string, string>): Promise<CameraResponse> {
  return camera.client.get(PATH, query, { expectStatus: 'any' });
}

function describe(res: CameraResponse): string {
  return `HTTP ${res.status} ${JSON.stringify(res.redact(res.text).slice(0, 120))}`;
}

/** §6.2 "A successful add, remove, removeall or update": 200, text/plain, `OK\r\n`. */
export function expectSpecOk(res: CameraResponse, what: string): void {
  expect(res.status, `${what}: ${describe(res)}`).toBe(200);
  expect(res.contentType.split(';')[0].trim().toLowerCase(), `${what}: Content-Type`).toBe('text/plain');
  expect(res.text, `${what}: the body §6.2 shows`).toBe('OK\r\n');
}

export interface SpecList extends IpFilterState {
  /** The text after `Accept addresses: ` as sent (for the separator observation). */
  field: string;
}

/** §6.2 "A list", read strictly: the two lines exactly, any of space/comma/semicolon between addresses. */
export function specList(res: CameraResponse): SpecList {
  expect(res.status, `list: ${describe(res)}`).toBe(200);
  expect(res.contentType.split(';')[0].trim().toLowerCase(), 'list: Content-Type').toBe('text/plain');
  const m = /^Accept addresses:(?: ([^\r\n]*))?\r\nEnabled: (yes|no)\r\n$/.exec(res.text);
  expect(m, `list: the two lines §6.2 shows, \`Accept addresses: <IP addresses>\\r\\nEnabled: <yes/no>\\r\\n\`; got ${JSON.stringify(res.redact(res.text).slice(0, 200))}`).not.toBeNull();
  const field = (m![1] ?? '').trim();
  const addresses = field === '' ? [] : field.split(/\s*[,;]\s*|\s+/);
  for (const a of addresses) expect(() => checkAddress(a), `list: ${JSON.stringify(a)} is an IP address (§6.2 <IP addresses>)`).not.toThrow();
  return { addresses, enabled: m![2] === 'yes', field };
}

export async function listOf(camera: Camera): Promise<SpecList> {
  return specList(await ipfilter(camera, { action: 'list' }));
}

/** Refused, in any form: an error status or a `# Error:` line. */
export function refused(res: CameraResponse): boolean {
  return res.status >= 400 || cameraErrorOf(res.text) !== undefined;
}

/** The house's form of a refusal: 400 with a `# Error: <reason>` line. */
function houseRefusal(res: CameraResponse): boolean {
  return res.status === 400 && /^# Error: \S/.test(res.text);
}

/**
 * A request the house refuses: `rule` holds when the camera refused it in any form (and
 * `extra` holds, e.g. "listed once"); how it refused is ipfilter.refusal.form.
 */
export function observeRefusal(observe: Observe, rule: string, what: string, res: CameraResponse, extra?: { expected: string; observed: string; holds: boolean }): void {
  observe(rule, {
    expected: `refused${extra ? `; ${extra.expected}` : ''}`,
    observed: `${what}: ${answerOf(res)}${extra ? `; ${extra.observed}` : ''}`,
    holds: refused(res) && (extra?.holds ?? true),
  });
  if (refused(res)) observe('ipfilter.refusal.form', { expected: 'HTTP 400 # Error: <what is wrong>', observed: `${what}: ${answerOf(res)}`, holds: houseRefusal(res) });
}

export function answerOf(res: CameraResponse): string {
  return `HTTP ${res.status} ${res.redact(res.text).split(/\r?\n/)[0]?.slice(0, 120) ?? ''}`;
}
