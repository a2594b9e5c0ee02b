// Spec 1.3 / 1.4: factory default resets every parameter except the five Network ones
// (and keeps the users: our documented choice); hard factory default resets those five
// too and removes every user but root. Both restart the camera.
import { randomBytes } from 'node:crypto';
import { test, expect } from '../../fixtures/index.ts';
import type { Camera, Params } from '../../lib/camera/index.ts';
import { restartBudgetMs, skipUnlessDestructive, waitForRestart } from './support.ts';

const FIVE = ['Network.BootProto', 'Network.IPAddress', 'Network.SubnetMask', 'Network.Broadcast', 'Network.DefaultRouter'];

/** Values unlike the factory's (and, for the five, harmless documentation addresses). */
function changes(isVirtual: boolean): Record<string, string> {
  const others = {
    'Image.I0.Text.String': `factory-test ${randomBytes(3).toString('hex')}`,
    'Network.HostName': `hil-${randomBytes(3).toString('hex')}`,
    'Time.POSIXTimeZone': 'CET-1CEST,M3.5.0,M10.5.0/3',
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

function diffNames(a: Params, b: Params): string[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter((n) => a.get(n) !== b.get(n)).sort();
}

async function factoryAndWait(camera: Camera, isVirtual: boolean, hard: boolean): Promise<void> {
  const answer = hard ? await camera.system.hardFactoryDefault() : await camera.system.factoryDefault();
  if (isVirtual) expect(answer.trim()).toBe('OK');
  await waitForRestart(camera, isVirtual);
}

test.describe('factory default', () => {
  test('factorydefault.cgi resets all but the five Network parameters', async ({ camera, target, stateGuard }) => {
    test.setTimeout(restartBudgetMs(target.isVirtual));
    const changed = changes(target.isVirtual);
    const fiveBefore = await camera.config.list(FIVE);

    await test.step(`change ${Object.keys(changed).join(', ')}`, async () => {
      await camera.config.update(changed);
    });

    const keptUser = await test.step('factory default: OK, the camera restarts', async () => {
      const name = `hilf${randomBytes(3).toString('hex')}`;
      const pwd = randomBytes(9).toString('base64url');
      camera.client.addSecret(pwd);
      await camera.users.add(name, pwd, { role: 'viewer' });
      await factoryAndWait(camera, target.isVirtual, false);
      return name;
    });

    await test.step('the five Network parameters keep their values', async () => {
      const five = await camera.config.list(FIVE);
      for (const n of FIVE) expect(five.get(n), n).toBe(target.isVirtual ? changed[n] : fiveBefore.get(n));
    });

    await test.step('every other changed parameter is back to another (factory) value', async () => {
      for (const [n, v] of Object.entries(changed)) if (!FIVE.includes(n)) expect(await camera.config.get(n), n).not.toBe(v);
    });

    if (target.isVirtual) {
      await test.step('users are kept (the virtual camera documents this choice)', async () => {
        expect(await camera.users.find(keptUser)).toBeDefined();
      });
    }
    void stateGuard;
  });

  test('hardfactorydefault.cgi resets the five too, and the users', { tag: '@destructive' }, async ({ camera, target, stateGuard }) => {
    skipUnlessDestructive(target, 'hard factory default');
    test.setTimeout(restartBudgetMs(target.isVirtual, 2));
    const changed = changes(target.isVirtual);
    const user = `hilh${randomBytes(3).toString('hex')}`;

    const soft = await test.step('change parameters, add a user, factory default, list everything', async () => {
      await camera.config.update(changed);
      const pwd = randomBytes(9).toString('base64url');
      camera.client.addSecret(pwd);
      await camera.users.add(user, pwd, { role: 'operator' });
      await factoryAndWait(camera, target.isVirtual, false);
      return camera.config.list();
    });

    const hard = await test.step('hard factory default: OK, the camera restarts, list everything', async () => {
      await factoryAndWait(camera, target.isVirtual, true);
      return camera.config.list();
    });

    await test.step('hard and soft factory default differ in exactly the five Network parameters', async () => {
      const expected = target.isVirtual ? [...FIVE].sort() : diffNames(soft, hard).filter((n) => FIVE.includes(n));
      expect(diffNames(soft, hard)).toEqual(expected);
      if (target.isVirtual) for (const n of FIVE) expect(hard.get(n), n).not.toBe(changed[n]);
    });

    await test.step('only the administrator is left among the users', async () => {
      const users = await camera.users.get();
      expect(users.map((u) => u.name)).toEqual([target.user]);
    });
    void stateGuard;
  });
});
