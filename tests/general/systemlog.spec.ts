// Spec 1.9 (systemlog.cgi): the log records what happened (configuration changes,
// users, time changes, failed logins) and never a password.
import { randomBytes } from 'node:crypto';
import { test, expect } from '../../fixtures/index.ts';
import { newLogLines } from './support.ts';

test.describe('system log (systemlog.cgi)', () => {
  test('records configuration, user and time changes and failed logins, without passwords', async ({ camera, stateGuard }) => {
    const res = await camera.client.get('/systemlog.cgi');
    expect(res.contentType).toMatch(/^text\/plain/);
    const before = await camera.system.systemLog();
    const user = `hill${randomBytes(3).toString('hex')}`;
    const pwd = `Pw${randomBytes(9).toString('hex')}`;
    const wrong = `Wr${randomBytes(9).toString('hex')}`;
    camera.client.addSecret(pwd);
    camera.client.addSecret(wrong);
    const originalTime = await camera.time.get();
    const readAt = Date.now();

    await test.step('change a parameter, add and remove a user, set the time, fail a login', async () => {
      await camera.config.update({ 'Image.I0.Text.String': `log-test ${randomBytes(3).toString('hex')}` });
      await camera.users.add(user, pwd, { role: 'viewer' });
      await camera.users.remove(user);
      await camera.time.set(new Date(originalTime.getTime() + 3_600_000));
      const intruder = camera.derive({ user, password: wrong });
      try {
        expect((await intruder.client.get('/systemlog.cgi', undefined, { expectStatus: 'any' })).status).toBe(401);
      } finally {
        await intruder.close();
      }
    });
    await camera.time.set(new Date(originalTime.getTime() + (Date.now() - readAt)));

    const added = newLogLines(before, await camera.system.systemLog());
    const shown = added.join('\n');
    await test.step('each event has its line', async () => {
      expect(added.some((l) => l.includes('Image.I0.Text.String')), shown).toBe(true);
      expect(added.filter((l) => l.includes(user)).length, shown).toBeGreaterThanOrEqual(2);
      expect(added.some((l) => /time|clock|date/i.test(l)), shown).toBe(true);
      expect(added.some((l) => /fail|denied|refused|unauthori[sz]ed/i.test(l)), shown).toBe(true);
    });
    await test.step('no password appears in the log', async () => {
      const all = (await camera.system.systemLog()).join('\n');
      for (const secret of [pwd, wrong]) expect(all.includes(secret)).toBe(false);
    });
    void stateGuard;
  });
});
