// Spec §1.2 (usrgrp.cgi, "Add, modify and delete users") gives only the syntax
// `usrgrp.cgi?<parameter>=<value>...`; the parameters are the family's analog (docs/virtual-camera.md) of the family
// (action=add|update|remove|get, user, pwd, grp, sgrp=viewer[:operator[:admin]][:ptz]).
// Required — what the heading promises, through those parameters: an added user is listed
// with its groups and can log in; a new password replaces the old one; new groups give new
// rights; a removed user is gone and cannot log in; a viewer is refused what only an admin
// may do (401 or 403); a request that was refused changed nothing. House (observed): the
// `OK` answers (§1.2 shows none), how a refusal looks and which requests are refused, 403
// rather than 401 for a forbidden CGI, root's protection, no password in the list.
// A user is logged in when a viewer's CGI (videostatus.cgi, §2.2) answers it 200.
import { randomBytes } from 'node:crypto';
import { test, expect, spec } from '../../fixtures/index.ts';
import { secondaryGroups, type Camera } from '../../lib/camera/index.ts';
import { addUser, answerOf, expectAccepted, isAccepted, isHouseOk, isRefusal, refusedByHouse, statusOf, usrgrp, withUser } from './support.ts';

const newPassword = () => randomBytes(9).toString('base64url');
const VIEW = ['/videostatus.cgi', { status: '1' }] as const;

test.describe('users (usrgrp.cgi)', () => {
  test('add, list, modify and delete a user', spec('1.2', 'usrgrp.cgi', { severity: 'critical', tags: ['@changes-config'] }), async ({ camera, target, observe }) => {
    const name = `hilu${randomBytes(3).toString('hex')}`;
    const first = newPassword();
    const second = newPassword();
    camera.client.addSecret(first);
    camera.client.addSecret(second);
    /** Status of a GET as the user with `password` (401: the login failed). */
    const as = async (password: string, path: string, query?: Record<string, string>) => {
      const c = camera.derive({ user: name, password });
      try {
        return await statusOf(c, path, query);
      } finally {
        await c.close();
      }
    };
    const ok = (what: string, res: Awaited<ReturnType<typeof usrgrp>>) => {
      expectAccepted(res, what);
      observe('general.users.ok', { expected: 'HTTP 200 "OK"', observed: `${what}: ${answerOf(res)}`, holds: isHouseOk(res) });
    };

    await test.step('add a viewer: listed as viewer, can log in', async () => {
      ok('add', await usrgrp(camera, { action: 'add', user: name, pwd: first, grp: 'users', sgrp: secondaryGroups('viewer') }));
      expect(await camera.users.find(name)).toMatchObject({ role: 'viewer', ptz: false });
      expect(await as(first, ...VIEW), 'the new viewer logs in').toBe(200);
      const one = await usrgrp(camera, { action: 'get', user: name });
      observe('general.users.get.one', { expected: `HTTP 200 "${name}=viewer"`, observed: answerOf(one), holds: one.status === 200 && new RegExp(`^${name}=viewer\\r?\\n?$`).test(one.text) });
    });

    await test.step('the list shows no password (observed)', async () => {
      const raw = await camera.client.get('/usrgrp.cgi', { action: 'get' });
      const shown = [first, target.password].filter((p) => raw.text.includes(p)).length;
      // Worded without the word itself: the virtual camera's password, `pass`, is redacted wherever it appears.
      observe('general.users.no-password', { expected: 'none of 2 secrets (the user\'s, the admin\'s) listed', observed: `${shown} of 2 secrets (the user's, the admin's) listed`, holds: shown === 0 });
    });

    await test.step('modify the password: the old one is refused, the new one works', async () => {
      ok('update pwd', await usrgrp(camera, { action: 'update', user: name, pwd: second }));
      expect(await as(first, ...VIEW), 'the old password').toBe(401);
      expect(await as(second, ...VIEW), 'the new password').toBe(200);
    });

    await test.step('modify the groups to admin with ptz: listed so, and may administer', async () => {
      ok('update sgrp', await usrgrp(camera, { action: 'update', user: name, sgrp: secondaryGroups('admin', true) }));
      expect(await camera.users.find(name)).toMatchObject({ role: 'admin', ptz: true });
      expect(await as(second, '/usrgrp.cgi', { action: 'get' }), 'an admin reads the user list').toBe(200);
    });

    await test.step('delete it: no longer listed, its login refused', async () => {
      ok('remove', await usrgrp(camera, { action: 'remove', user: name }));
      expect(await camera.users.find(name)).toBeUndefined();
      expect(await as(second, ...VIEW), 'the removed user').toBe(401);
    });
  });

  test('a request usrgrp.cgi does not carry out changes nothing', spec('1.2', 'usrgrp.cgi', { tags: ['@changes-config'] }), async ({ camera, observe }) => {
    // Only users the test makes up are named: nothing here can touch a real account.
    const mine = `hilx${randomBytes(3).toString('hex')}`;
    const ghost = `hilg${randomBytes(3).toString('hex')}`;
    const pwd = newPassword();
    await addUser(camera, mine, newPassword(), 'viewer');
    camera.client.addSecret(pwd);
    const probes: [string, Record<string, string>][] = [
      ['an unknown user cannot be removed', { action: 'remove', user: ghost }],
      ['an unknown user cannot be updated', { action: 'update', user: ghost, pwd }],
      ['an unknown group is refused', { action: 'add', user: ghost, pwd, grp: 'users', sgrp: 'viewer:superuser' }],
      ['a user name too long is refused', { action: 'add', user: `${ghost}${'x'.repeat(40)}`, pwd, grp: 'users', sgrp: 'viewer' }],
      ['an add without pwd= is refused', { action: 'add', user: ghost, grp: 'users', sgrp: 'viewer' }],
      ['an unknown action is refused', { action: 'rename', user: mine }],
      ['an existing user cannot be added again', { action: 'add', user: mine, pwd, grp: 'users', sgrp: 'viewer:operator' }],
    ];
    try {
      for (const [what, query] of probes) {
        await test.step(what, async () => {
          const before = await camera.users.get();
          const res = await usrgrp(camera, query);
          observe('general.users.refusal', { expected: 'HTTP 400 # Error: <reason>', observed: `${what}: ${answerOf(res)}`, holds: refusedByHouse(res) });
          const after = await camera.users.get();
          if (isRefusal(res)) {
            expect(after, `${what}: refused (${answerOf(res)}), yet the users changed`).toEqual(before);
            return;
          }
          // Carried out: the observation says so; take back any user it made.
          for (const u of after) if (!before.some((b) => b.name === u.name)) expectAccepted(await usrgrp(camera, { action: 'remove', user: u.name }), `remove ${u.name}`);
        });
      }
    } finally {
      await usrgrp(camera, { action: 'remove', user: mine });
    }
  });

  // Asking a physical camera to remove its administrator would rely on a refusal for safety.
  test('the administrator root cannot be removed', spec('1.2', 'usrgrp.cgi', { tags: ['@virtual-only'] }), async ({ camera, target, observe }) => {
    const res = await usrgrp(camera, { action: 'remove', user: target.user });
    observe('general.users.root', { expected: `HTTP 400 # Error: ${target.user} cannot be removed`, observed: answerOf(res), holds: refusedByHouse(res) });
    expect(isAccepted(res), `root was removed: ${answerOf(res)}`).toBe(false);
    expect((await camera.users.get()).some((u) => u.name === target.user), `${target.user} still listed`).toBe(true);
  });

  test('each group is allowed what it should be and refused the rest', spec('1.2', 'usrgrp.cgi', { severity: 'critical', tags: ['@changes-config'] }), async ({ camera, caps, observe }) => {
    const adminOnly: [string, Record<string, string>?][] = [
      ['/usrgrp.cgi', { action: 'get' }],
      ['/systemlog.cgi'],
      ['/backup.cgi'],
      ['/time.cgi', { action: 'get' }],
      ['/ipfilter.cgi', { action: 'list' }],
      ['/config.cgi', { action: 'list', group: 'Network' }],
    ];
    /** Refused (401 or 403: both are refusals); that it is 403 is observed. */
    const refused = async (who: string, as: Camera, path: string, q?: Record<string, string>) => {
      const status = await statusOf(as, path, q);
      expect([401, 403], `${who} ${path}: HTTP ${status}`).toContain(status);
      observe('general.users.forbidden.status', { expected: 'HTTP 403', observed: `${who} ${path}: HTTP ${status}`, holds: status === 403 });
    };
    await test.step('a viewer may view, and is refused every admin CGI and the motion configuration', async () => {
      await withUser(camera, 'viewer', async ({ camera: viewer }) => {
        expect(await statusOf(viewer, ...VIEW), 'viewer videostatus.cgi').toBe(200);
        for (const [path, q] of adminOnly) await refused('viewer', viewer, path, q);
        if (caps.hasMotion) await refused('viewer', viewer, '/config.cgi', { action: 'list', group: 'Motion' });
        if (caps.hasStorage) expect(await statusOf(viewer, '/list.cgi', { diskid: 'all' }), 'viewer list.cgi (status)').toBe(200);
      });
    });
    await test.step('an operator may read the motion configuration, not the admin CGIs', async () => {
      await withUser(camera, 'operator', async ({ camera: operator }) => {
        for (const [path, q] of adminOnly) await refused('operator', operator, path, q);
        if (caps.hasMotion) expect(await statusOf(operator, '/config.cgi', { action: 'list', group: 'Motion' }), 'operator config.cgi Motion').toBe(200);
      });
    });
    await test.step('an admin other than root may call them all', async () => {
      await withUser(camera, 'admin', async ({ camera: admin }) => {
        for (const [path, q] of adminOnly) expect(await statusOf(admin, path, q), `admin ${path}`).toBe(200);
      });
    });
  });
});
