// Lock-out protection: the house's camera refuses an ipfilter.cgi change that would leave
// the filter enabled without the requesting client's own address. The spec says nothing of
// it, so it is observed (ipfilter.lockout.protection). A camera without it does lock us
// out, so these checks are @destructive, and the second source address stays accepted the
// whole time: if we are shut out, it undoes the change.
import { test, expect, spec } from '../../fixtures/index.ts';
import { skipBecause } from '../../fixtures/skip.ts';
import type { Observe } from '../../fixtures/observe.ts';
import type { Camera, CameraResponse } from '../../lib/camera/index.ts';
import { answerOf, ipfilter, listOf, NO_SECOND_SOURCE, refused, type SpecList } from './support.ts';
import { ownAddressTowards } from './own-address.ts';

const DOC = '192.0.2.10'; // a documentation address: nobody real

const lockoutRefusal = (own: string) => `# Error: this change would lock out your own address ${own}; add it first\r\n`;

test.describe('IP filter lock-out protection', () => {
  test('a change that would shut out our own address is refused', spec('6.1', 'ipfilter.cgi', { tags: ['@destructive', '@changes-config'] }), async ({ camera, target, observe }) => {
    if (!target.secondSourceAddress) skipBecause(`${NO_SECOND_SOURCE} (the lock-out check recovers through it)`);
    const second = target.secondSourceAddress;
    const own = await ownAddressTowards(target.url);
    const rescue = camera.derive({ localAddress: second });
    try {
      await test.step(`accept ${DOC} and ${second} (the rescue address), filter off`, async () => {
        await camera.ipfilter.setEnabled(false);
        await camera.ipfilter.removeAll();
        await camera.ipfilter.add(DOC);
        await camera.ipfilter.add(second);
        const l = await listOf(rescue); // the rescue address reaches the camera
        expect({ addresses: l.addresses, enabled: l.enabled }).toEqual({ addresses: [DOC, second], enabled: false });
      });

      await test.step(`enabling without ${own} (our address)`, async () => {
        const r = await ipfilter(camera, { action: 'update', enabled: 'yes' });
        const after = await listOf(rescue);
        lockout(observe, own, r, after, { expected: `[${DOC} ${second}] disabled`, holds: !after.enabled });
        if (after.enabled) await rescue.ipfilter.setEnabled(false);
      });

      await test.step(`with ${own} accepted and the filter on, removing ${own}`, async () => {
        await camera.ipfilter.add(own);
        await camera.ipfilter.setEnabled(true);
        const r = await ipfilter(camera, { action: 'remove', ip: own });
        const after = await listOf(rescue);
        lockout(observe, own, r, after, { expected: `[${DOC} ${second} ${own}] enabled`, holds: after.addresses.includes(own) });
        if (!after.addresses.includes(own)) await rescue.ipfilter.add(own);
      });

      await test.step(`removing another address and disabling still work (§6.2: OK)`, async () => {
        await camera.ipfilter.remove(DOC);
        await camera.ipfilter.setEnabled(false);
        const l = await listOf(camera);
        expect({ addresses: l.addresses, enabled: l.enabled }).toEqual({ addresses: [second, own], enabled: false });
      });
    } finally {
      await disable(camera, rescue);
      await rescue.close();
    }
  });

  // An enabled, empty list may refuse every address, the rescue address too: only the
  // virtual camera, which can always be restarted, is asked.
  test('removeall while the filter is on is refused', spec('6.1', 'ipfilter.cgi', { tags: ['@destructive', '@virtual-only', '@changes-config'] }), async ({ camera, target, observe }) => {
    const own = await ownAddressTowards(target.url);
    try {
      await camera.ipfilter.setEnabled(false);
      await camera.ipfilter.removeAll();
      await camera.ipfilter.add(own);
      await camera.ipfilter.setEnabled(true);
      const r = await ipfilter(camera, { action: 'removeall' });
      const after = await listOf(camera);
      lockout(observe, own, r, after, { expected: `[${own}] enabled`, holds: after.addresses.includes(own) });
    } finally {
      await camera.ipfilter.setEnabled(false).catch(() => undefined);
    }
  });
});

/** One lock-out probe: refused and nothing changed (`unchanged`), and how it was worded. */
function lockout(observe: Observe, own: string, r: CameraResponse, after: SpecList, unchanged: { expected: string; holds: boolean }): void {
  const state = `[${after.addresses.join(' ')}] ${after.enabled ? 'enabled' : 'disabled'}`;
  observe('ipfilter.lockout.protection', { expected: `refused; ${unchanged.expected}`, observed: `${answerOf(r)}; ${state}`, holds: refused(r) && unchanged.holds });
  if (refused(r)) observe('ipfilter.lockout.message', { expected: lockoutRefusal(own).trim(), observed: answerOf(r), holds: r.text === lockoutRefusal(own) });
}

/** The filter off, from our address or else from the rescue address. */
async function disable(camera: Camera, rescue: Camera): Promise<void> {
  try {
    await camera.ipfilter.setEnabled(false);
  } catch {
    await rescue.ipfilter.setEnabled(false).catch(() => undefined);
  }
}
