// config.cgi (spec 1.1): list, update, add (from a template) and remove parameters.
// The family follows VAPIX: `group=A,B` filters a list, add answers `<entry> OK`,
// update and remove answer `OK`, refusals are `# Error: ...` lines.

import { CameraHttpError, CameraReplyError } from './errors.ts';
import type { CameraClient } from './http.ts';
import { parseParamList, type Params } from './params.ts';
import type { QueryValue } from './query.ts';
import { describeReply, expectNoError, expectOk, parseReply, replyLines } from './reply.ts';

export type ParamValues = Record<string, string | number | boolean>;

const PATH = '/config.cgi';

function checkGroups(groups: readonly string[], what: string): string {
  if (groups.length === 0) throw new Error(`${what}: give at least one group`);
  for (const g of groups) {
    if (g.trim() === '' || /[,&=\s]/.test(g)) throw new Error(`${what}: bad group name ${JSON.stringify(g)}`);
  }
  return groups.join(',');
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
  async list(groups?: readonly string[]): Promise<Params> {
    const query: Array<[string, QueryValue]> = [['action', 'list']];
    if (groups !== undefined) query.push(['group', checkGroups(groups, 'config list')]);
    const res = await this.client.get(PATH, query);
    return parseReply(res, parseParamList);
  }

  /** One parameter's value; undefined when the camera does not list it. */
  async get(name: string): Promise<string | undefined> {
    try {
      return (await this.list([name])).get(name);
    } catch (err) {
      // An unknown parameter is refused with `# Error:` (with 200, or 400/404): for get()
      // that means "absent". Other refusals (401, 403) are real failures.
      const refused =
        (err instanceof CameraReplyError || (err instanceof CameraHttpError && (err.status === 400 || err.status === 404))) &&
        err.cameraError !== undefined;
      if (refused) return undefined;
      throw err;
    }
  }

  /** Sets parameters; the camera applies all or none (the reply is `OK` or `# Error:`). */
  async update(values: ParamValues): Promise<void> {
    const pairs = valuePairs(values, 'config update');
    if (pairs.length === 0) throw new Error('config update: no parameters given');
    expectOk(await this.client.get(PATH, [['action', 'update'], ...pairs]));
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
  async remove(groups: readonly string[]): Promise<void> {
    const group = checkGroups(groups, 'config remove');
    expectOk(await this.client.get(PATH, [['action', 'remove'], ['group', group]]));
  }
}
