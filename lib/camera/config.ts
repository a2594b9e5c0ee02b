// config.cgi (spec 1.1): list, update, add (from a template) and remove parameters.
// The family follows VAPIX: `group=A,B` filters a list, add answers `<entry> OK`,
// update and remove answer `OK`, refusals are `# Error: ...` lines.

import { CameraHttpError, CameraReplyError } from './errors.ts';
import type { CameraClient } from './http.ts';
import { parseParamList, type Params } from './params.ts';
import { encodeQueryComponent, type QueryValue } from './query.ts';
import { describeReply, expectNoError, expectOk, parseReply, replyLines } from './reply.ts';

export type ParamValues = Record<string, string | number | boolean>;

/**
 * What a read of one parameter found. `not listed`: the camera answered a parameter list
 * that does not hold it; `refused`: it answered an error instead (`# Error:` with any status
 * 2xx/400/404), which on most cameras means "no such parameter" but proves nothing read.
 */
export type Lookup =
  | { status: 'listed'; value: string }
  | { status: 'not listed' }
  | { status: 'refused'; cameraError: string; httpStatus: number };

/**
 * How `group` filters are written: `comma` sends `group=A,B` (VAPIX), `spec` the spec's own
 * `group=A,group=B` (§4.2, §4.4). Both must work on a camera of the family.
 */
export type GroupForm = 'comma' | 'spec';

const PATH = '/config.cgi';

function checkGroups(groups: readonly string[], what: string): string {
  if (groups.length === 0) throw new Error(`${what}: give at least one group`);
  for (const g of groups) {
    if (g.trim() === '' || /[,&=\s]/.test(g)) throw new Error(`${what}: bad group name ${JSON.stringify(g)}`);
  }
  return groups.join(',');
}

/** `action=<action>&group=...` in the given form; the spec's form must keep its literal `=`. */
function groupQuery(action: string, groups: readonly string[], what: string, form: GroupForm = 'comma'): string {
  checkGroups(groups, what);
  const sep = form === 'spec' ? ',group=' : ',';
  return `action=${action}&group=${groups.map(encodeQueryComponent).join(sep)}`;
}

function valuePairs(values: ParamValues, what: string): Array<[string, QueryValue]> {
  const pairs = Object.entries(values);
  for (const [name] of pairs) {
    if (name.trim() === '' || /[&=\s]/.test(name)) throw new Error(`${what}: bad parameter name ${JSON.stringify(name)}`);
  }
  return pairs;
}

export class Config {
  constructor(private readonly client: CameraClient) {}

  /** Lists all parameters, or those under the given groups (`Brand`, `Motion.M1`, `Image.I0.Text`). */
  async list(groups?: readonly string[], opts: { form?: GroupForm } = {}): Promise<Params> {
    const query = groups === undefined ? 'action=list' : groupQuery('list', groups, 'config list', opts.form);
    const res = await this.client.get(PATH, query);
    return parseReply(res, parseParamList);
  }

  /** Reads one parameter and says what the read found (see Lookup); 401/403/5xx and broken lists throw. */
  async lookup(name: string): Promise<Lookup> {
    try {
      const value = (await this.list([name])).get(name);
      return value === undefined ? { status: 'not listed' } : { status: 'listed', value };
    } catch (err) {
      const refused =
        (err instanceof CameraReplyError || (err instanceof CameraHttpError && err.status >= 400 && err.status < 500 && err.status !== 401 && err.status !== 403)) &&
        err.cameraError !== undefined;
      if (refused) return { status: 'refused', cameraError: err.cameraError!, httpStatus: err.status };
      throw err;
    }
  }

  /**
   * One parameter's value. A camera that answers an error instead of a list read nothing, so
   * that throws (a CameraDefect); undefined only when it answered a list without the name.
   * To probe a parameter that may not exist, use lookup().
   */
  async get(name: string): Promise<string | undefined> {
    const found = await this.lookup(name);
    if (found.status === 'listed') return found.value;
    if (found.status === 'not listed') return undefined;
    throw new CameraReplyError({ method: 'GET', path: `${PATH}?action=list&group=${name}` }, found.httpStatus, `camera answered an error instead of listing ${name}: ${found.cameraError}`, found.cameraError);
  }

  /** One parameter's value, which must be listed (a CameraDefect otherwise). */
  async require(name: string): Promise<string> {
    const found = await this.lookup(name);
    if (found.status === 'listed') return found.value;
    const how = found.status === 'refused' ? `answered an error: ${found.cameraError}` : 'answered a list without it';
    throw new CameraReplyError({ method: 'GET', path: `${PATH}?action=list&group=${name}` }, found.status === 'refused' ? found.httpStatus : 200, `${name} must be listed, but the camera ${how}`, found.status === 'refused' ? found.cameraError : undefined);
  }

  /**
   * Sets parameters; the camera applies all or none. §1.1.3 shows no answer: any 2xx without a
   * `# Error:` line is success (the family answers `OK`; a suite that cares observes it).
   */
  async update(values: ParamValues): Promise<void> {
    const pairs = valuePairs(values, 'config update');
    if (pairs.length === 0) throw new Error('config update: no parameters given');
    expectNoError(await this.client.get(PATH, [['action', 'update'], ...pairs]));
  }

  /**
   * Adds an entry to a group from a template (`add('Motion', 'motion', { 'Motion.M.Name': 'Door' })`)
   * and returns the new entry's name from the `<entry> OK` reply, e.g. `M0`.
   */
  async add(group: string, template: string, values: ParamValues = {}): Promise<string> {
    checkGroups([group], 'config add');
    if (template.trim() === '' || /[&=\s]/.test(template)) throw new Error(`config add: bad template ${JSON.stringify(template)}`);
    const res = await this.client.get(PATH, [
      ['action', 'add'],
      ['group', group],
      ['template', template],
      ...valuePairs(values, 'config add'),
    ]);
    expectNoError(res);
    const lines = replyLines(res.text);
    const m = lines.length === 1 ? /^(\S+)\s+OK$/i.exec(lines[0]) : null;
    if (!m) throw new CameraReplyError(res.request, res.status, `expected "<entry> OK", got ${describeReply(res.redact(res.text))}`);
    return m[1];
  }

  /** Removes entries by full group name (`Motion.M3`); all in one request. */
  async remove(groups: readonly string[], opts: { form?: GroupForm } = {}): Promise<void> {
    expectOk(await this.client.get(PATH, groupQuery('remove', groups, 'config remove', opts.form)));
  }
}
