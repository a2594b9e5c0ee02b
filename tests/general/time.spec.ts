// Spec 1.10 (time.cgi): get answers `Oct 03, 2008 15:16:04`; a set is read back and the
// clock runs on from it; an impossible date is refused and the clock keeps its time.
// The camera's clock is not a parameter (no backup covers it): the test puts it back.
import { test, expect } from '../../fixtures/index.ts';
import { formatCameraTime } from '../../lib/camera/index.ts';

const TIME_LINE = /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{2}, \d{4} \d{2}:\d{2}:\d{2}\r?\n?$/;

test.describe('date and time (time.cgi)', () => {
  test('set, read back, and the clock runs on', async ({ camera, target }) => {
    const original = await camera.time.get();
    const readAt = Date.now();
    // Where the clock would be now had nobody touched it.
    const restore = () => camera.time.set(new Date(original.getTime() + Math.round((Date.now() - readAt) / 1000) * 1000));
    try {
      await test.step('get answers in the spec 1.10.1 format', async () => {
        const res = await camera.client.get('/time.cgi', { action: 'get' });
        expect(res.text).toMatch(TIME_LINE);
      });

      const set = new Date(Date.UTC(2008, 9, 3, 15, 16, 4));
      await test.step(`set ${formatCameraTime(set)} and read it back`, async () => {
        await camera.time.set(set);
        const back = await camera.time.get();
        expect(Math.abs(back.getTime() - set.getTime())).toBeLessThanOrEqual(2000);
      });

      await test.step('the clock runs on from the set time', async () => {
        await new Promise((r) => setTimeout(r, 2100));
        const later = await camera.time.get();
        const ran = later.getTime() - set.getTime();
        expect(ran).toBeGreaterThanOrEqual(2000);
        expect(ran).toBeLessThanOrEqual(6000);
      });

      await test.step('Feb 30 and an hour of 24 are refused; the clock keeps running from the set time', async () => {
        const base = { action: 'set', year: '2009', month: '2', day: '30', hour: '12', minute: '0', second: '0' };
        for (const q of [base, { ...base, month: '3', day: '1', hour: '24' }, { ...base, day: '1', second: undefined }]) {
          const res = await camera.client.get('/time.cgi', q, { expectStatus: 'any' });
          expect(res.status === 400 || /# Error:/.test(res.text), `${JSON.stringify(q)}: HTTP ${res.status}`).toBe(true);
          if (target.isVirtual) expect(res.text).toMatch(/^# Error: (day|hour|action=set needs)/);
        }
        const now = await camera.time.get();
        expect(now.getUTCFullYear()).toBe(2008);
        expect(now.getUTCMonth()).toBe(9);
      });
    } finally {
      await restore();
    }
  });
});
