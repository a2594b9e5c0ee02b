// Spec §1.10 (time.cgi). Required: get answers 200 with one line of the shape
// `<month> <day>, <year> <hour>:<minute>:<second>` (§1.10.1) that reads back the time set;
// a set (year, month, day, hour, minute, second: the family's analog (docs/virtual-camera.md)) answers exactly `OK`
// (§1.10.2), and the clock runs on from it; a set that was refused changed nothing.
// House (observed): the month's 3-letter form and two-digit fields, how a refusal looks,
// that a date which does not exist is refused, that every field must be given.
// The camera's clock is not a parameter (no backup covers it): the test puts it back.
import { test, expect, spec } from '../../fixtures/index.ts';
import { formatCameraTime } from '../../lib/camera/index.ts';
import { HOUSE_TIME_LINE, readClock, setClock } from './clock.ts';
import { answerOf, isRefusal, refusedByHouse } from './support.ts';

test.describe('date and time (time.cgi)', () => {
  test('set, read back, and the clock runs on', spec('1.10.2', 'time.cgi', { severity: 'critical' }), async ({ camera, observe }) => {
    const original = (await readClock(camera)).date;
    const readAt = Date.now();
    // Where the clock would be now had nobody touched it.
    const restore = () => setClock(camera, new Date(original.getTime() + Math.round((Date.now() - readAt) / 1000) * 1000));
    try {
      await test.step('get answers one line in the §1.10.1 shape', async () => {
        const { text, contentType } = await readClock(camera);
        observe('general.time.format', { expected: 'Oct 03, 2008 15:16:04\\r\\n', observed: JSON.stringify(text.slice(0, 60)), holds: HOUSE_TIME_LINE.test(text) });
        observe('general.content-type', { expected: 'text/plain', observed: `time.cgi get: ${contentType || '(none)'}` , holds: contentType === 'text/plain' });
      });

      const set = new Date(Date.UTC(2008, 9, 3, 15, 16, 4));
      await test.step(`set ${formatCameraTime(set)}: answered OK (§1.10.2), read back`, async () => {
        await setClock(camera, set);
        const back = (await readClock(camera)).date;
        expect(Math.abs(back.getTime() - set.getTime()), `read back ${back.toISOString()}`).toBeLessThanOrEqual(2000);
      });

      await test.step('the clock runs on from the set time', async () => {
        await new Promise((r) => setTimeout(r, 2100));
        const ran = (await readClock(camera)).date.getTime() - set.getTime();
        expect(ran).toBeGreaterThanOrEqual(2000);
        expect(ran).toBeLessThanOrEqual(6000);
      });
    } finally {
      await restore();
    }
  });

  test('a set the camera does not carry out changes nothing', spec('1.10.2', 'time.cgi'), async ({ camera, observe }) => {
    const original = (await readClock(camera)).date;
    const readAt = Date.now();
    const restore = () => setClock(camera, new Date(original.getTime() + Math.round((Date.now() - readAt) / 1000) * 1000));
    const reference = new Date(Date.UTC(2008, 9, 3, 15, 16, 4));
    const base = { action: 'set', year: '2009', month: '2', day: '30', hour: '12', minute: '0', second: '0' };
    const probes: [string, Record<string, string>, string][] = [
      ['Feb 30', base, 'general.time.refusal'],
      ['hour 24', { ...base, month: '3', day: '1', hour: '24' }, 'general.time.refusal'],
      // The spec makes every parameter optional: a camera may take a set without `second`.
      ['no second', { action: 'set', year: '2009', month: '3', day: '1', hour: '12', minute: '0' }, 'general.time.set.all-fields'],
    ];
    try {
      for (const [what, query, rule] of probes) {
        await test.step(`${what}: if refused, the clock keeps running from the time set before`, async () => {
          await setClock(camera, reference);
          const res = await camera.client.get('/time.cgi', query, { expectStatus: 'any' });
          observe(rule, { expected: 'HTTP 400 # Error: <reason>', observed: `${what}: ${answerOf(res)}`, holds: refusedByHouse(res) });
          if (!isRefusal(res)) return; // carried out: what it set is the camera's business
          const now = (await readClock(camera)).date.getTime() - reference.getTime();
          expect(now, `after the refused ${what}, the clock is ${now} ms from the time set before`).toBeGreaterThanOrEqual(0);
          expect(now).toBeLessThanOrEqual(5000);
        });
      }
    } finally {
      await restore();
    }
  });
});
