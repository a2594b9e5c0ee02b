// Spec §1.1 (config.cgi). Required, exactly as the spec shows it: a list answers 200 with
// `<parameter>=<value>` lines (§1.1.2); a list filtered by groups holds exactly the listed
// parameters under those groups, whether they are written the family's way (`group=A,B`,
// docs/virtual-camera.md) or the spec's own (`group=A,group=B`, §4.2/§4.4); an update is carried out and
// listed (§1.1.3 shows no answer: any 2xx without `# Error:`); a successful add answers
// `<entry> OK\r\n` and a successful remove `OK\r\n` (§1.1.6), in both group forms; a refused
// update applied nothing. House (observed): update's `OK`, the refusal's form, Content-Type.
import { randomBytes } from 'node:crypto';
import { test, expect, spec } from '../../fixtures/index.ts';
import { skipIf } from '../../fixtures/skip.ts';
import { parseParamList, paramsUnder, type Camera, type CameraResponse } from '../../lib/camera/index.ts';
import { answerOf, expectAccepted, expectSpecOk, isHouseOk, isRefusal, mediaType, refusedByHouse } from './support.ts';

const PATH = '/config.cgi';
const FORMS = { comma: ',', spec: ',group=' } as const;

/** config.cgi with a query written as is (the spec's form keeps its literal `=`), any answer. */
function config(camera: Camera, query: string): Promise<CameraResponse> {
  return camera.client.get(PATH, query, { expectStatus: 'any' });
}

/** §1.1.2: 200 and `<parameter>=<value>` lines (ParamListError, a camera defect, otherwise). */
function specList(res: CameraResponse, what: string): Map<string, string> {
  expect(res.status, `${what}: ${answerOf(res)}`).toBe(200);
  return parseParamList(res.text);
}

test.describe('parameters (config.cgi)', () => {
  test('list: every parameter as <parameter>=<value>; group filters in both forms', spec('1.1.2', 'config.cgi', { severity: 'critical' }), async ({ camera, observe }) => {
    const all = await test.step('action=list: 200, one <parameter>=<value> per line', async () => {
      const res = await config(camera, 'action=list');
      const params = specList(res, 'list');
      expect(params.size, 'the list names parameters').toBeGreaterThan(0);
      observe('general.content-type', { expected: 'text/plain', observed: `config.cgi list: ${mediaType(res) || '(none)'}`, holds: mediaType(res) === 'text/plain' });
      return params;
    });
    const groups = ['Brand', 'Network'].filter((g) => paramsUnder(all, g).size > 0);
    skipIf(groups.length < 2 ? `the camera lists no Brand.* or no Network.* parameters: nothing to filter (${groups.join(', ') || 'neither'} listed)` : undefined);
    const want = [...all.keys()].filter((n) => groups.some((g) => n.startsWith(`${g}.`)));
    for (const [form, sep] of Object.entries(FORMS)) {
      await test.step(`group=${groups.join(sep)} (${form} form): exactly those groups' parameters`, async () => {
        const got = specList(await config(camera, `action=list&group=${groups.join(sep)}`), `list ${form} form`);
        expect([...got.keys()].sort()).toEqual([...want].sort());
        for (const [n, v] of got) if (n.startsWith('Brand.')) expect(v, n).toBe(all.get(n));
      });
    }
  });

  test('update: carried out and listed; a refused update applies nothing', spec('1.1.3', 'config.cgi', { severity: 'critical', tags: ['@changes-config'] }), async ({ camera, observe }) => {
    const name = 'Image.I0.Text.String';
    const value = `config-test ${randomBytes(3).toString('hex')}`;
    await test.step(`update ${name}: carried out, listed with the new value`, async () => {
      const res = await camera.client.get(PATH, [['action', 'update'], [name, value]], { expectStatus: 'any' });
      expectAccepted(res, 'update');
      observe('general.config.update.ok', { expected: 'HTTP 200 "OK"', observed: answerOf(res), holds: isHouseOk(res) });
      expect(await camera.config.require(name)).toBe(value);
    });
    await test.step('an update naming a parameter the camera lacks: if refused, nothing of it applied', async () => {
      const other = `config-refused ${randomBytes(3).toString('hex')}`;
      const res = await camera.client.get(PATH, [['action', 'update'], [name, other], ['Hil.NoSuch.Parameter', '1']], { expectStatus: 'any' });
      const now = await camera.config.require(name);
      observe('general.config.refusal', { expected: 'HTTP 400 # Error: <reason>; nothing applied', observed: `${answerOf(res)}; ${name} ${now === value ? 'unchanged' : 'changed'}`, holds: refusedByHouse(res) && now === value });
      if (isRefusal(res)) expect(now, `refused (${answerOf(res)}), yet ${name} changed`).toBe(value);
    });
  });

  test('add answers <entry> OK, remove answers OK, in both group forms', spec('1.1.6', 'config.cgi', { severity: 'critical', tags: ['@changes-config'] }), async ({ camera, caps }) => {
    // The family's one template is the motion window (§4.1).
    skipIf(caps.require('motion'));
    for (const [form, sep] of Object.entries(FORMS)) {
      const entries = await test.step(`add two Motion entries from the motion template: each answered <entry> OK`, async () => {
        const out: string[] = [];
        for (let i = 0; i < 2; i++) {
          const res = await config(camera, 'action=add&group=Motion&template=motion');
          expect(res.status, `add: ${answerOf(res)}`).toBe(200);
          const m = /^(\S+) OK\r\n$/.exec(res.text);
          expect(m, `add: the body §1.1.6 shows, <entry> OK\\r\\n; got ${JSON.stringify(res.text.slice(0, 80))}`).not.toBeNull();
          out.push(`Motion.${m![1]}`);
        }
        const listed = await camera.config.list(['Motion']);
        for (const g of out) expect(paramsUnder(listed, g).size, `${g} listed after the add`).toBeGreaterThan(0);
        return out;
      });
      await test.step(`remove group=${entries.join(sep)} (${form} form): answered OK, both gone`, async () => {
        expectSpecOk(await config(camera, `action=remove&group=${entries.join(sep)}`), `remove (${form} form)`);
        const listed = await camera.config.list(['Motion']);
        for (const g of entries) expect(paramsUnder(listed, g).size, `${g} listed after the remove`).toBe(0);
      });
    }
  });
});
