// Spec §1.3 / §1.4. Required: factorydefault.cgi sets every parameter except the five Network
// ones (BootProto, IPAddress, SubnetMask, Broadcast, DefaultRouter) to its factory value and
// keeps those five; hardfactorydefault.cgi sets all of them, the five included. So a value
// the test wrote (a random one no factory ships) must be gone after either, and a soft and
// a hard factory default in a row may differ in the five only. Every read must read
// something (config.require). House (observed): the `OK` answer, the restart that follows
// (the spec does not say the camera restarts; if it goes down it must come back), and what
// happens to users, which are not parameters: kept by a soft one, only root left by a hard one.
import { randomBytes } from 'node:crypto';
import { test, expect, spec } from '../../fixtures/index.ts';
import type { Target } from '../../fixtures/index.ts';
import { changedNames, readOnlyByConvention } from '../../fixtures/state-guard.ts';
import type { Camera, Params } from '../../lib/camera/index.ts';
import { addUser, answerOf, expectAccepted, isHouseOk, restartBudgetMs, restartIfAny, updateParams } from './support.ts';
import type { Observe } from '../../fixtures/observe.ts';

const FIVE = ['Network.BootProto', 'Network.IPAddress', 'Network.SubnetMask', 'Network.Broadcast', 'Network.DefaultRouter'];

/** Random values no factory ships; the five (documentation addresses) only on the virtual camera. */
function changes(isVirtual: boolean): Record<string, string> {
  const others = {
    'Image.I0.Text.String': `factory-test ${randomBytes(3).toString('hex')}`,
    'Network.HostName': `hil-${randomBytes(3).toString('hex')}`,
  };
  // Changing the address of a physical camera would lose it: only the virtual one's five change.
  if (!isVirtual) return others;
  return {
    ...others,
    'Network.BootProto': 'dhcp',
    'Network.IPAddress': '198.51.100.23',
    'Network.SubnetMask': '255.255.254.0',
    'Network.Broadcast': '198.51.101.255',
    'Network.DefaultRouter': '198.51.100.1',
  };
}

/** Requests a (hard) factory default: it must be carried out; `OK` and the restart are observed. */
async function factoryDefault(camera: Camera, target: Target, observe: Observe, hard: boolean): Promise<void> {
  const path = hard ? '/hardfactorydefault.cgi' : '/factorydefault.cgi';
  const res = await camera.client.get(path, undefined, { expectStatus: 'any' });
  expectAccepted(res, path);
  observe('general.factorydefault.ok', { expected: 'HTTP 200 "OK"', observed: `${path}: ${answerOf(res)}`, holds: isHouseOk(res) });
  const restarted = await restartIfAny(camera, target, hard ? 'hard factory default' : 'factory default');
  observe('general.factorydefault.restart', { expected: 'restarts', observed: `${path}: ${restarted ? `down after ${restarted.downAfterMs} ms, back after ${restarted.backAfterMs} ms` : 'kept answering'}`, holds: restarted !== undefined });
}

/** Names that differ between two lists, leaving out the unit's read-only groups. */
function configDiff(a: Params, b: Params): string[] {
  return changedNames(a, b).filter((n) => !readOnlyByConvention(n)).sort();
}

test.describe('factory default', () => {
  test('factorydefault.cgi resets all but the five Network parameters', spec('1.3', 'factorydefault.cgi', { severity: 'critical', tags: ['@changes-config'] }), async ({ camera, target, observe }) => {
    test.setTimeout(restartBudgetMs(target));
    const changed = changes(target.isVirtual);
    const listBefore = await camera.config.list();
    const user = `hilf${randomBytes(3).toString('hex')}`;

    await test.step(`change ${Object.keys(changed).join(', ')}; add user ${user}`, async () => {
      await updateParams(camera, changed);
      for (const [n, v] of Object.entries(changed)) expect(await camera.config.require(n), `${n} after the update`).toBe(v);
      await addUser(camera, user, randomBytes(9).toString('base64url'), 'viewer');
    });

    await test.step('factory default: carried out', () => factoryDefault(camera, target, observe, false));

    await test.step('the five Network parameters keep their values', async () => {
      for (const n of FIVE) {
        const want = target.isVirtual ? changed[n] : listBefore.get(n);
        if (want === undefined) continue; // a physical camera that does not list it: nothing to keep
        expect(await camera.config.require(n), n).toBe(want);
      }
    });

    await test.step('every other changed parameter is listed with another (factory) value', async () => {
      for (const [n, v] of Object.entries(changed)) if (!FIVE.includes(n)) expect(await camera.config.require(n), n).not.toBe(v);
    });

    await test.step(`user ${user}: kept (observed)`, async () => {
      const kept = (await camera.users.get()).some((u) => u.name === user);
      observe('general.factorydefault.users', { expected: `${user} still listed`, observed: kept ? `${user} still listed` : `${user} gone` });
    });
  });

  test('hardfactorydefault.cgi resets the five too', spec('1.4', 'hardfactorydefault.cgi', { severity: 'critical', tags: ['@destructive', '@changes-config'] }), async ({ camera, target, observe }) => {
    test.setTimeout(restartBudgetMs(target, 2));
    const changed = changes(target.isVirtual);
    const user = `hilh${randomBytes(3).toString('hex')}`;

    const soft = await test.step('change parameters, add a user, factory default, list everything', async () => {
      await updateParams(camera, changed);
      await addUser(camera, user, randomBytes(9).toString('base64url'), 'operator');
      await factoryDefault(camera, target, observe, false);
      return camera.config.list();
    });

    const hard = await test.step('hard factory default: carried out, list everything', async () => {
      await factoryDefault(camera, target, observe, true);
      return camera.config.list();
    });

    await test.step('soft and hard factory default differ in the five Network parameters only', async () => {
      const diff = configDiff(soft, hard);
      expect(diff.filter((n) => !FIVE.includes(n)), 'parameters a hard factory default set otherwise than a soft one').toEqual([]);
      // Only the virtual camera's five were changed by the test, so only there must they all move.
      if (target.isVirtual) {
        expect(diff).toEqual([...FIVE].sort());
        for (const n of FIVE) expect(await camera.config.require(n), n).not.toBe(changed[n]);
      }
      for (const [n, v] of Object.entries(changed)) if (!FIVE.includes(n)) expect(await camera.config.require(n), n).not.toBe(v);
    });

    await test.step('only root is left among the users (observed)', async () => {
      const names = (await camera.users.get()).map((u) => u.name);
      observe('general.hardfactorydefault.users', { expected: 'root', observed: names.join(', ') || '(none listed)', holds: names.length === 1 && names[0] === 'root' });
    });
  });
});
