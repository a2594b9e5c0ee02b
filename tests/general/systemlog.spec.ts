// Spec §1.9 (systemlog.cgi) shows only `HTTP/1.0 200 OK`, text/plain and `<system log
// information>`. Required: a 200 answer, without a `# Error:` line, that holds some log
// information (after the events this test causes, an empty log tells nothing). What the
// log records and in which words, its Content-Type, and that it never shows a password are
// the virtual camera's choices: observed.
import { randomBytes } from 'node:crypto';
import { test, expect, spec } from '../../fixtures/index.ts';
import { cameraErrorOf, type Camera } from '../../lib/camera/index.ts';
import { readClock, setClock } from './clock.ts';
import { addUser, answerOf, mediaType, newLogLines, removeUser, updateParams } from './support.ts';

async function readLog(camera: Camera): Promise<{ lines: string[]; text: string; contentType: string }> {
  const res = await camera.client.get('/systemlog.cgi', undefined, { expectStatus: 'any' });
  expect(res.status, `systemlog.cgi: ${answerOf(res)}`).toBe(200);
  expect(cameraErrorOf(res.text), `systemlog.cgi answered an error: ${answerOf(res)}`).toBeUndefined();
  const lines = res.text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  return { lines, text: res.text, contentType: mediaType(res) };
}

test.describe('system log (systemlog.cgi)', () => {
  test('answers the log; records configuration, user and time changes and failed logins, without passwords', spec('1.9', 'systemlog.cgi', { tags: ['@changes-config'] }), async ({ camera, observe }) => {
    const before = await readLog(camera);
    observe('general.content-type', { expected: 'text/plain', observed: `systemlog.cgi: ${before.contentType || '(none)'}`, holds: before.contentType === 'text/plain' });
    const user = `hill${randomBytes(3).toString('hex')}`;
    const pwd = `Pw${randomBytes(9).toString('hex')}`;
    const wrong = `Wr${randomBytes(9).toString('hex')}`;
    camera.client.addSecret(pwd);
    camera.client.addSecret(wrong);
    const originalTime = (await readClock(camera)).date;
    const readAt = Date.now();

    await test.step('change a parameter, add and remove a user, set the time, fail a login', async () => {
      await updateParams(camera, { 'Image.I0.Text.String': `log-test ${randomBytes(3).toString('hex')}` });
      await addUser(camera, user, pwd, 'viewer');
      await removeUser(camera, user);
      try {
        await setClock(camera, new Date(originalTime.getTime() + 3_600_000));
      } finally {
        await setClock(camera, new Date(originalTime.getTime() + Math.round((Date.now() - readAt) / 1000) * 1000));
      }
      const intruder = camera.derive({ user, password: wrong });
      try {
        expect((await intruder.client.get('/systemlog.cgi', undefined, { expectStatus: 'any' })).status, 'a login with a removed user and a wrong password').toBe(401);
      } finally {
        await intruder.close();
      }
    });

    const after = await readLog(camera);
    await test.step('the log holds information (§1.9 <system log information>)', async () => {
      expect(after.text.trim(), 'systemlog.cgi answered an empty log after this test\'s events').not.toBe('');
    });

    const added = newLogLines(before.lines, after.lines);
    const shown = added.join('\n');
    await test.step('each event has its line', async () => {
      const events: [string, boolean][] = [
        ['configuration change naming Image.I0.Text.String', added.some((l) => l.includes('Image.I0.Text.String'))],
        [`user ${user} added and removed`, added.filter((l) => l.includes(user)).length >= 2],
        ['time set', added.some((l) => /time|clock|date/i.test(l))],
        ['failed login', added.some((l) => /fail|denied|refused|unauthori[sz]ed/i.test(l))],
      ];
      const missing = events.filter(([, found]) => !found).map(([what]) => what);
      observe('general.systemlog.events', {
        expected: events.map(([what]) => what).join('; '),
        observed: missing.length ? `no line for: ${missing.join('; ')} (new lines: ${shown.slice(0, 200)})` : 'a line for each',
        holds: missing.length === 0,
      });
    });

    await test.step('no password appears in the log', async () => {
      const leaked = [pwd, wrong].filter((s) => after.text.includes(s)).length;
      // The observation is redacted like everything the client knows: it says how many, not which.
      // Worded without the word itself: the virtual camera's password, `pass`, is redacted wherever it appears.
      observe('general.systemlog.no-password', { expected: 'none of the 2 secrets the test used', observed: leaked ? `${leaked} of the 2 secrets the test used` : 'none of the 2 secrets the test used', holds: leaked === 0 });
    });
  });
});
