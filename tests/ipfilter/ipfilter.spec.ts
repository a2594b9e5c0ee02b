// Spec 6 (ipfilter.cgi): the accept list is kept as asked (add, remove, removeall,
// update, list), bad addresses are refused with the list unchanged, and an enabled
// filter answers only the addresses it accepts (a second source address, 127.0.0.2 on
// the virtual camera, plays the stranger). Lock-out protection: the camera refuses a
// change that would shut out the address the request came from.
import { test, expect } from '../../fixtures/index.ts';
import type { Camera } from '../../lib/camera/index.ts';
import { skipUnlessDestructive } from '../general/support.ts';
import { ownAddressTowards } from './own-address.ts';

const DOC = ['192.0.2.10', '198.51.100.0/24']; // documentation addresses: nobody real

async function rawStatus(camera: Camera, query: Record<string, string>): Promise<{ status: number; text: string }> {
  const res = await camera.client.get('/ipfilter.cgi', query, { expectStatus: 'any' });
  return { status: res.status, text: res.text };
}

test.describe('IP filter (ipfilter.cgi)', () => {
  test('add, list, remove, removeall and update round trips; bad addresses refused', async ({ camera, target, stateGuard }) => {
    await test.step('start from an empty, disabled filter', async () => {
      await camera.ipfilter.setEnabled(false);
      await camera.ipfilter.removeAll();
      expect(await camera.ipfilter.list()).toEqual({ addresses: [], enabled: false });
    });
    await test.step(`add ${DOC.join(' and ')}: listed in order`, async () => {
      for (const ip of DOC) await camera.ipfilter.add(ip);
      expect(await camera.ipfilter.list()).toEqual({ addresses: DOC, enabled: false });
      const raw = await camera.client.get('/ipfilter.cgi', { action: 'list' });
      expect(raw.text).toBe(`Accept addresses: ${DOC.join(' ')}\r\nEnabled: no\r\n`);
    });
    await test.step('bad addresses and actions are refused; the list stays as it was', async () => {
      const refused: Record<string, string>[] = [
        { action: 'add', ip: '300.1.2.3' },
        { action: 'add', ip: '10.0.0.0/40' },
        { action: 'add', ip: 'camera.example' },
        { action: 'add', ip: DOC[0] },
        { action: 'remove', ip: '192.0.2.99' },
        { action: 'update', enabled: 'maybe' },
        { action: 'purge' },
      ];
      for (const q of refused) {
        const r = await rawStatus(camera, q);
        expect(r.status === 400 || /# Error:/.test(r.text), `${JSON.stringify(q)}: HTTP ${r.status} ${r.text.slice(0, 80)}`).toBe(true);
        if (target.isVirtual) expect(r.text).toMatch(/^# Error: \S/);
      }
      expect(await camera.ipfilter.list()).toEqual({ addresses: DOC, enabled: false });
    });
    await test.step(`remove ${DOC[0]}, then removeall`, async () => {
      await camera.ipfilter.remove(DOC[0]);
      expect((await camera.ipfilter.list()).addresses).toEqual([DOC[1]]);
      await camera.ipfilter.removeAll();
      expect((await camera.ipfilter.list()).addresses).toEqual([]);
    });
    void stateGuard;
  });

  test('an enabled filter answers accepted source addresses only', async ({ camera, target, stateGuard }) => {
    test.skip(!target.secondSourceAddress, 'needs a second source address that reaches the camera (lab inventory: secondSourceAddress)');
    const own = await ownAddressTowards(target.url);
    const stranger = camera.derive({ localAddress: target.secondSourceAddress });
    try {
      await test.step(`accept only ${own} (our address) and enable`, async () => {
        await camera.ipfilter.removeAll();
        await camera.ipfilter.add(own);
        await camera.ipfilter.setEnabled(true);
        expect(await camera.ipfilter.list()).toEqual({ addresses: [own], enabled: true });
      });
      await test.step(`${target.secondSourceAddress} is refused, ${own} still served`, async () => {
        const refused = await stranger.client.get('/ipfilter.cgi', { action: 'list' }, { expectStatus: 'any' }).then(
          (r) => r.status,
          () => 'no answer' as const,
        );
        // A camera may answer 403 or drop the connection; the virtual one answers 403.
        if (target.isVirtual) expect(refused).toBe(403);
        else expect([403, 'no answer']).toContain(refused);
        expect((await camera.ipfilter.list()).enabled).toBe(true);
      });
      await test.step(`accept ${target.secondSourceAddress} too: it is served`, async () => {
        await camera.ipfilter.add(target.secondSourceAddress!);
        expect((await stranger.ipfilter.list()).addresses).toEqual([own, target.secondSourceAddress]);
      });
      await test.step('disable: every address is served, the list is kept', async () => {
        await camera.ipfilter.remove(target.secondSourceAddress!);
        await camera.ipfilter.setEnabled(false);
        expect(await stranger.ipfilter.list()).toEqual({ addresses: [own], enabled: false });
      });
    } finally {
      await camera.ipfilter.setEnabled(false).catch(() => undefined); // never leave the stranger shut out
      await stranger.close();
    }
    void stateGuard;
  });

  test('lock-out protection: a change that would refuse our own address is refused', { tag: '@destructive' }, async ({ camera, target, stateGuard }) => {
    skipUnlessDestructive(target, 'the IP filter lock-out check');
    const own = await ownAddressTowards(target.url);
    await camera.ipfilter.setEnabled(false);
    await camera.ipfilter.removeAll();
    await camera.ipfilter.add(DOC[0]);

    await test.step(`enabling with only ${DOC[0]} accepted is refused, naming our address`, async () => {
      const r = await rawStatus(camera, { action: 'update', enabled: 'yes' });
      expect(r.text).toMatch(/# Error:/);
      if (target.isVirtual) expect(r.text).toBe(`# Error: this change would lock out your own address ${own}; add it first\r\n`);
      expect(await camera.ipfilter.list()).toEqual({ addresses: [DOC[0]], enabled: false });
    });

    await test.step(`with ${own} accepted and enabled, removing it or emptying the list is refused`, async () => {
      await camera.ipfilter.add(own);
      await camera.ipfilter.setEnabled(true);
      for (const q of [{ action: 'remove', ip: own }, { action: 'removeall' }] as Record<string, string>[]) {
        const r = await rawStatus(camera, q);
        expect(r.text, JSON.stringify(q)).toMatch(/# Error:/);
        if (target.isVirtual) expect(r.text).toContain(`lock out your own address ${own}`);
      }
      expect(await camera.ipfilter.list()).toEqual({ addresses: [DOC[0], own], enabled: true });
    });

    await test.step('removing another address and disabling still work', async () => {
      await camera.ipfilter.remove(DOC[0]);
      await camera.ipfilter.setEnabled(false);
      expect(await camera.ipfilter.list()).toEqual({ addresses: [own], enabled: false });
    });
    void stateGuard;
  });
});
