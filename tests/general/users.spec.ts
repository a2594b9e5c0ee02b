// Spec 1.2 (usrgrp.cgi): users are added, listed with their groups (never a password),
// updated and removed, and each group gets what it should and nothing more.
import { randomBytes } from 'node:crypto';
import { test, expect } from '../../fixtures/index.ts';
import { statusOf, withUser } from './support.ts';

const newPassword = () => randomBytes(9).toString('base64url');

test.describe('users (usrgrp.cgi)', () => {
  test('add, list, update and remove a user', async ({ camera, target, stateGuard }) => {
    const name = `hilu${randomBytes(3).toString('hex')}`;
    const first = newPassword();
    const second = newPassword();
    camera.client.addSecret(first);
    camera.client.addSecret(second);
    const as = (password: string) => camera.derive({ user: name, password });
    // 403 means "logged in, but not allowed" (usrgrp.cgi is admin only); 401 means the login failed.
    const loginStatus = async (password: string) => {
      const c = as(password);
      try {
        return await statusOf(c, '/usrgrp.cgi', { action: 'get' });
      } finally {
        await c.close();
      }
    };

    await test.step('add a viewer: it is listed as viewer and can log in', async () => {
      await camera.users.add(name, first, { role: 'viewer' });
      expect(await camera.users.find(name)).toMatchObject({ role: 'viewer', ptz: false });
      expect([401, 403]).toContain(await loginStatus(first));
      if (target.isVirtual) expect(await loginStatus(first)).toBe(403);
    });

    await test.step('the list never shows a password', async () => {
      const raw = await camera.client.get('/usrgrp.cgi', { action: 'get' });
      expect(raw.text).not.toContain(first);
      expect(raw.text).not.toContain(target.password);
    });

    await test.step('update the password: the old one is refused, the new one works', async () => {
      await camera.users.update(name, { password: second });
      expect(await loginStatus(first)).toBe(401);
      if (target.isVirtual) expect(await loginStatus(second)).toBe(403);
    });

    await test.step('update the groups to admin with ptz: the user may now administer', async () => {
      await camera.users.update(name, { role: 'admin', ptz: true });
      expect(await camera.users.find(name)).toMatchObject({ role: 'admin', ptz: true });
      expect(await loginStatus(second)).toBe(200);
    });

    await test.step('remove it: no longer listed, its login refused', async () => {
      await camera.users.remove(name);
      expect(await camera.users.find(name)).toBeUndefined();
      expect(await loginStatus(second)).toBe(401);
    });
    void stateGuard;
  });

  test('invalid requests are refused and change nothing', async ({ camera, target, stateGuard }) => {
    const before = await camera.users.get();
    const name = `hilx${randomBytes(3).toString('hex')}`;
    const pwd = newPassword();
    camera.client.addSecret(pwd);
    const refused: [string, Record<string, string>][] = [
      ['the root user cannot be removed', { action: 'remove', user: target.user }],
      ['an unknown user cannot be removed', { action: 'remove', user: name }],
      ['an unknown user cannot be updated', { action: 'update', user: name, pwd }],
      ['an unknown group is refused', { action: 'add', user: name, pwd, sgrp: 'viewer:superuser' }],
      ['a user name too long is refused', { action: 'add', user: `${name}${'x'.repeat(40)}`, pwd, sgrp: 'viewer' }],
      ['a user without password is refused', { action: 'add', user: name, sgrp: 'viewer' }],
      ['an unknown action is refused', { action: 'rename', user: name }],
    ];
    if (target.isVirtual) refused.push(['an existing user cannot be added again', { action: 'add', user: target.user, pwd, sgrp: 'viewer' }]);
    for (const [what, query] of refused) {
      await test.step(what, async () => {
        const res = await camera.client.get('/usrgrp.cgi', query, { expectStatus: 'any' });
        expect(res.status === 400 || /# Error:/.test(res.text), `${what}: HTTP ${res.status} ${res.text.slice(0, 100)}`).toBe(true);
        if (target.isVirtual) expect(res.text).toMatch(/^# Error: \S/);
        expect(await camera.users.get()).toEqual(before);
      });
    }
    void stateGuard;
  });

  test('each group is allowed what it should be and refused the rest', async ({ camera, target, caps, stateGuard }) => {
    // Refusal of an authenticated user is 403 on the virtual camera; some cameras answer 401.
    const refused = target.isVirtual ? [403] : [401, 403];
    const adminOnly: [string, Record<string, string>?][] = [
      ['/usrgrp.cgi', { action: 'get' }],
      ['/systemlog.cgi'],
      ['/backup.cgi'],
      ['/time.cgi', { action: 'get' }],
      ['/ipfilter.cgi', { action: 'list' }],
      ['/config.cgi', { action: 'list', group: 'Network' }],
    ];
    await test.step('a viewer is refused every admin CGI and the motion configuration', async () => {
      await withUser(camera, 'viewer', async ({ camera: viewer }) => {
        for (const [path, q] of adminOnly) expect(refused, `viewer ${path}`).toContain(await statusOf(viewer, path, q));
        expect(refused, 'viewer config.cgi Motion').toContain(await statusOf(viewer, '/config.cgi', { action: 'list', group: 'Motion' }));
        if (caps.hasStorage) expect(await statusOf(viewer, '/list.cgi', { diskid: 'all' }), 'viewer list.cgi (status)').toBe(200);
      });
    });
    await test.step('an operator may read the motion configuration, not the admin CGIs', async () => {
      await withUser(camera, 'operator', async ({ camera: operator }) => {
        for (const [path, q] of adminOnly) expect(refused, `operator ${path}`).toContain(await statusOf(operator, path, q));
        expect(await statusOf(operator, '/config.cgi', { action: 'list', group: 'Motion' })).toBe(200);
      });
    });
    await test.step('an admin other than root may call them all', async () => {
      await withUser(camera, 'admin', async ({ camera: admin }) => {
        for (const [path, q] of adminOnly) expect(await statusOf(admin, path, q), `admin ${path}`).toBe(200);
      });
    });
    void stateGuard;
  });
});
