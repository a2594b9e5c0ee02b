// Spec §1.5 / §1.6. Required: backup.cgi answers 200, application/octet-stream, an attachment
// named backup.bin, not empty (lib/camera/system.ts checks these); restore.cgi takes "a unit
// specific backup previously created by the backup.cgi" (as the multipart form field `file`,
// what the family's web pages post) and brings back every parameter a user can configure
// (status values that moved are reported, fixtures/state-guard.ts). A file that is not such a
// backup: the spec is silent on what happens, so the refusal is observed, but a refusal that
// changed anything loses data, and that fails. House (observed): the `OK` answer, the raw
// octet-stream upload, users in the backup, how a refusal looks.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { test, expect, spec } from '../../fixtures/index.ts';
import { compareConfiguration, listAnswering, reportMoved } from '../../fixtures/state-guard.ts';
import { buildMultipartForm, type Camera, type CameraResponse } from '../../lib/camera/index.ts';
import { addUser, answerOf, expectAccepted, isAccepted, isHouseOk, isRefusal, refusedByHouse, updateParams } from './support.ts';

const foreign = (file: string) => readFileSync(new URL(`../../fixtures/backups/${file}`, import.meta.url));

/** POSTs a file to restore.cgi, any answer (the caller judges it). */
function upload(camera: Camera, file: Buffer, encoding: 'multipart' | 'raw'): Promise<CameraResponse> {
  if (encoding === 'raw') return camera.client.post('/restore.cgi', file, { contentType: 'application/octet-stream', expectStatus: 'any', timeoutMs: 60_000 });
  const form = buildMultipartForm([{ name: 'file', filename: 'backup.bin', data: file, contentType: 'application/octet-stream' }]);
  return camera.client.post('/restore.cgi', form.body, { contentType: form.contentType, expectStatus: 'any', timeoutMs: 60_000 });
}

async function userLines(camera: Camera): Promise<string[]> {
  return (await camera.users.get()).map((u) => `${u.name}=${[...u.groups].sort().join(':')}`).sort();
}

/** Changes the configuration and adds a user, so that a restore has something to bring back. */
async function changeEverything(camera: Camera, isVirtual: boolean): Promise<string> {
  const change: Record<string, string> = {
    'Image.I0.Text.String': `backup-test ${randomBytes(3).toString('hex')}`,
    'Network.HostName': `hil-${randomBytes(3).toString('hex')}`,
  };
  // The unit's own addresses are in its backup: only the virtual camera's may change.
  if (isVirtual) change['Network.IPAddress'] = '198.51.100.42';
  await updateParams(camera, change);
  for (const [n, v] of Object.entries(change)) expect(await camera.config.require(n), n).toBe(v);
  const user = `hilb${randomBytes(3).toString('hex')}`;
  await addUser(camera, user, randomBytes(9).toString('base64url'), 'viewer');
  return user;
}

test.describe('backup and restore', () => {
  for (const encoding of ['multipart', 'raw'] as const) {
    const title = encoding === 'multipart'
      ? 'backup, change, restore brings the configuration back'
      : 'restore also takes the raw bytes (application/octet-stream)';
    test(title, spec('1.6', 'restore.cgi', { severity: encoding === 'multipart' ? 'critical' : 'normal', tags: ['@changes-config'] }), async ({ camera, target, observe }) => {
      const before = await camera.config.list();
      const usersBefore = await userLines(camera);
      const file = await test.step('backup.cgi: application/octet-stream attachment backup.bin', () => camera.system.backup());
      await test.step('change parameters and add a user', () => changeEverything(camera, target.isVirtual));

      await test.step(`restore the backup (${encoding} upload): every configured parameter as before`, async () => {
        const changed = await camera.config.list();
        const res = await upload(camera, file, encoding);
        if (encoding === 'raw') {
          observe('general.restore.raw', { expected: 'accepted', observed: answerOf(res), holds: isAccepted(res) });
          if (!isAccepted(res)) {
            // Not taken this way: then it must have changed nothing (the test's changes stay).
            expect(isRefusal(res), `restore.cgi neither carried out nor refused the raw upload: ${answerOf(res)}`).toBe(true);
            const { lost, moved } = await compareConfiguration(camera, changed, await listAnswering(camera));
            await reportMoved(camera, 'refused raw restore', moved);
            expect(lost, 'a refused restore changed the configuration').toEqual([]);
            return;
          }
        } else {
          expectAccepted(res, 'restore.cgi');
        }
        observe('general.restore.ok', { expected: 'HTTP 200 "OK"', observed: answerOf(res), holds: isHouseOk(res) });
        const { lost, moved } = await compareConfiguration(camera, before, await listAnswering(camera));
        await reportMoved(camera, 'restore', moved);
        expect(lost, 'configuration the restore did not bring back').toEqual([]);
        const users = await userLines(camera);
        observe('general.backup.users', { expected: usersBefore.join(' '), observed: users.join(' ') });
      });
    });
  }

  test('a damaged, foreign or garbage backup changes nothing', spec('1.6', 'restore.cgi', { severity: 'critical', tags: ['@destructive', '@changes-config'] }), async ({ camera, observe }) => {
    // @destructive: a camera that does not check what it restores might apply a foreign unit's addresses.
    const good = await camera.system.backup();
    // Make the running configuration differ from the backup, so an accepted restore would show.
    await updateParams(camera, { 'Image.I0.Text.String': `refuse-test ${randomBytes(3).toString('hex')}` });
    const flipped = Buffer.from(good);
    flipped[Math.floor(flipped.length / 2)] ^= 0x20;
    const bad: [string, Buffer, RegExp][] = [
      ['one byte changed', flipped, /checksum/],
      ['truncated to half', good.subarray(0, Math.floor(good.length / 2)), /truncated|checksum/],
      ['not a backup at all', Buffer.from('<html>not a backup</html>\n'.repeat(10)), /not a backup/],
      ['a backup of another model', foreign('IPC-2100.bin'), /model/],
      ['a backup of another unit', foreign('IPC-7100-other-unit.bin'), /another unit|model/],
    ];
    for (const [what, file, reason] of bad) {
      await test.step(`${what}: refused, nothing changed`, async () => {
        const before = await camera.config.list();
        const usersBefore = await userLines(camera);
        const res = await upload(camera, file, 'multipart');
        observe('general.restore.refusal', {
          expected: `HTTP 400 # Error: <reason matching ${reason}>`,
          observed: `${what}: ${answerOf(res)}`,
          holds: refusedByHouse(res) && reason.test(res.text),
        });
        const after = await listAnswering(camera);
        if (!isRefusal(res)) return; // accepted: the observation says so; the state guard restores the good backup
        const { lost, moved } = await compareConfiguration(camera, before, after);
        await reportMoved(camera, `refused restore (${what})`, moved);
        expect(lost, `${what}: refused, yet the configuration changed`).toEqual([]);
        expect(await userLines(camera), `${what}: refused, yet the users changed`).toEqual(usersBefore);
      });
    }
  });
});
