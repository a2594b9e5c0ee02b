// Spec 1.5 / 1.6: backup.bin holds the configuration (parameters and users) and restore
// brings it back; a damaged or foreign file is refused and changes nothing.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { test, expect } from '../../fixtures/index.ts';
import type { Camera } from '../../lib/camera/index.ts';

const foreign = (file: string) => readFileSync(new URL(`../../fixtures/backups/${file}`, import.meta.url));

async function configuration(camera: Camera) {
  return { params: await camera.config.list(), users: await camera.users.get() };
}

test.describe('backup and restore', () => {
  for (const encoding of ['multipart', 'raw'] as const) {
    test(`backup, change, restore (${encoding} upload) brings everything back`, async ({ camera, target, stateGuard }) => {
      const before = await configuration(camera);
      const file = await test.step('backup.cgi: application/octet-stream attachment backup.bin', () => camera.system.backup());
      const user = `hilb${randomBytes(3).toString('hex')}`;

      await test.step('change parameters and add a user', async () => {
        const change: Record<string, string> = {
          'Image.I0.Text.String': `backup-test ${randomBytes(3).toString('hex')}`,
          'Network.HostName': `hil-${randomBytes(3).toString('hex')}`,
        };
        // The unit's own addresses are in its backup: the virtual camera's may change.
        if (target.isVirtual) change['Network.IPAddress'] = '198.51.100.42';
        await camera.config.update(change);
        const pwd = randomBytes(9).toString('base64url');
        camera.client.addSecret(pwd);
        await camera.users.add(user, pwd, { role: 'viewer' });
        expect((await configuration(camera)).params).not.toEqual(before.params);
      });

      await test.step('restore the backup: every parameter and user as before', async () => {
        const answer = await camera.system.restore(file, { encoding });
        if (target.isVirtual) expect(answer.trim()).toBe('OK');
        const after = await configuration(camera);
        expect(after.params).toEqual(before.params);
        expect(after.users).toEqual(before.users);
      });
      void stateGuard;
    });
  }

  test('a damaged, foreign or garbage backup is refused and nothing changes', async ({ camera, target, stateGuard }) => {
    const good = await camera.system.backup();
    // Make the running configuration differ from the backup, so an accepted restore would show.
    await camera.config.update({ 'Image.I0.Text.String': `refuse-test ${randomBytes(3).toString('hex')}` });
    const before = await configuration(camera);
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
      await test.step(`${what}: refused`, async () => {
        const err = await camera.system.restore(file).then(() => undefined, (e: Error) => e);
        expect(err, `${what} was accepted`).toBeInstanceOf(Error);
        if (target.isVirtual) expect(err!.message).toMatch(reason);
        const after = await configuration(camera);
        expect(after.params).toEqual(before.params);
        expect(after.users).toEqual(before.users);
      });
    }
    void stateGuard;
  });
});
