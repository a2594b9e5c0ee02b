// Spec §6 (ipfilter.cgi): the accept list is kept as asked (add, remove, removeall, update,
// list), answered exactly as §6.2 shows (`OK`; the two list lines), and an enabled filter
// answers only the addresses it accepts (a second source address, 127.0.0.2 on the virtual
// camera, plays the stranger). How a refusal looks, duplicates, and lock-out protection
// are not in the spec: observed (lib/signoff/house-rules/ipfilter.ts).
// Our own address is in the list whenever a request could enable the filter, so a camera
// that takes junk for "yes" never shuts us out.
import { test, expect, spec } from '../../fixtures/index.ts';
import { skipBecause } from '../../fixtures/skip.ts';
import type { Camera } from '../../lib/camera/index.ts';
import { answerOf, expectSpecOk, ipfilter, listOf, NO_SECOND_SOURCE, observeRefusal, refused } from './support.ts';
import { ownAddressTowards } from './own-address.ts';

const DOC = ['192.0.2.10', '198.51.100.0/24']; // documentation addresses: nobody real

/** Back to exactly `addresses`, filter off, each step answered as §6.2 shows. */
async function restore(camera: Camera, addresses: readonly string[]): Promise<void> {
  expectSpecOk(await ipfilter(camera, { action: 'update', enabled: 'no' }), 'update enabled=no');
  expectSpecOk(await ipfilter(camera, { action: 'removeall' }), 'removeall');
  for (const ip of addresses) expectSpecOk(await ipfilter(camera, { action: 'add', ip }), `add ${ip}`);
  const l = await listOf(camera);
  expect({ addresses: l.addresses, enabled: l.enabled }).toEqual({ addresses, enabled: false });
}

test.describe('IP filter (ipfilter.cgi)', () => {
  test('add, list, remove, removeall and update round trips, answered as §6.2 shows', spec('6.2', 'ipfilter.cgi', { severity: 'critical', tags: ['@changes-config'] }), async ({ camera, target, observe }) => {
    const own = await ownAddressTowards(target.url);
    const all = [...DOC, own];
    try {
      await test.step('start from an empty, disabled filter', () => restore(camera, []));
      await test.step(`add ${all.join(', ')} (ours last): each answered OK, listed in order`, async () => {
        for (const ip of all) expectSpecOk(await ipfilter(camera, { action: 'add', ip }), `add ${ip}`);
        const l = await listOf(camera);
        expect({ addresses: l.addresses, enabled: l.enabled }).toEqual({ addresses: all, enabled: false });
        observe('ipfilter.list.separator', { expected: all.join(' '), observed: l.field });
      });
      await test.step('what cannot be carried out: refused, and a refusal changes nothing', async () => {
        const bad: Record<string, string>[] = [
          { action: 'add', ip: '300.1.2.3' },
          { action: 'add', ip: '10.0.0.0/40' },
          { action: 'add', ip: 'camera.example' },
          { action: 'update', enabled: 'maybe' },
          { action: 'purge' },
        ];
        const known = { addresses: all, enabled: false };
        for (const q of bad) {
          const r = await ipfilter(camera, q);
          const l = await listOf(camera); // whatever the camera did, §6.2: the list holds IP addresses only
          const now = { addresses: l.addresses, enabled: l.enabled };
          const unchanged = JSON.stringify(now) === JSON.stringify(known);
          observeRefusal(observe, 'ipfilter.refusal', new URLSearchParams(q).toString(), r, { expected: 'nothing changed', observed: unchanged ? 'nothing changed' : `now [${l.field}] enabled=${l.enabled}`, holds: unchanged });
          // A camera that says it refused must not have done it anyway.
          if (refused(r)) expect(now, `${new URLSearchParams(q)} was refused (${answerOf(r)}), yet the filter changed`).toEqual(known);
          else if (!unchanged) await restore(camera, all);
        }
      });
      await test.step(`add ${DOC[0]} again, remove 192.0.2.99 (not listed)`, async () => {
        const dup = await ipfilter(camera, { action: 'add', ip: DOC[0] });
        const times = (await listOf(camera)).addresses.filter((a) => a === DOC[0]).length;
        observeRefusal(observe, 'ipfilter.add.duplicate', `add ${DOC[0]} again`, dup, { expected: 'listed once', observed: `listed ${times} time(s)`, holds: times === 1 });
        observeRefusal(observe, 'ipfilter.remove.absent', 'remove 192.0.2.99', await ipfilter(camera, { action: 'remove', ip: '192.0.2.99' }));
        // Whatever the camera made of the duplicate, the next steps start from a known list.
        await restore(camera, all);
      });
      await test.step('update enabled=yes, then enabled=no: answered OK, the list shows it, the addresses stay', async () => {
        expectSpecOk(await ipfilter(camera, { action: 'update', enabled: 'yes' }), 'update enabled=yes');
        const on = await listOf(camera);
        expect({ addresses: on.addresses, enabled: on.enabled }).toEqual({ addresses: all, enabled: true });
        expectSpecOk(await ipfilter(camera, { action: 'update', enabled: 'no' }), 'update enabled=no');
        const off = await listOf(camera);
        expect({ addresses: off.addresses, enabled: off.enabled }).toEqual({ addresses: all, enabled: false });
      });
      await test.step(`remove ${DOC[0]}, then removeall: answered OK, the list follows`, async () => {
        expectSpecOk(await ipfilter(camera, { action: 'remove', ip: DOC[0] }), `remove ${DOC[0]}`);
        expect((await listOf(camera)).addresses).toEqual(all.slice(1));
        expectSpecOk(await ipfilter(camera, { action: 'removeall' }), 'removeall');
        expect((await listOf(camera)).addresses).toEqual([]);
      });
    } finally {
      await camera.ipfilter.setEnabled(false).catch(() => undefined);
    }
  });

  test('an enabled filter answers accepted source addresses only', spec('6.1', 'ipfilter.cgi', { severity: 'critical', tags: ['@changes-config'] }), async ({ camera, target, observe }) => {
    if (!target.secondSourceAddress) skipBecause(NO_SECOND_SOURCE);
    const second = target.secondSourceAddress;
    const own = await ownAddressTowards(target.url);
    const stranger = camera.derive({ localAddress: second });
    try {
      await test.step(`${second} reaches the camera while the filter is off`, async () => {
        await camera.ipfilter.setEnabled(false);
        expect((await listOf(stranger)).enabled).toBe(false);
      });
      await test.step(`accept only ${own} (our address) and enable`, async () => {
        await camera.ipfilter.removeAll();
        await camera.ipfilter.add(own);
        await camera.ipfilter.setEnabled(true);
        const l = await listOf(camera);
        expect({ addresses: l.addresses, enabled: l.enabled }).toEqual({ addresses: [own], enabled: true });
      });
      await test.step(`${second} is refused, ${own} still served`, async () => {
        const answer = await stranger.client.get('/ipfilter.cgi', { action: 'list' }, { expectStatus: 'any' }).then(
          (r) => ({ status: r.status, text: answerOf(r) }),
          (e: Error) => ({ status: undefined, text: `no answer (${e.message})` }),
        );
        // §6: the filter accepts the listed addresses; the stranger must not be served.
        expect(answer.status === undefined || answer.status >= 400, `${second} with the filter on: ${answer.text}`).toBe(true);
        observe('ipfilter.stranger.status', { expected: 'HTTP 403', observed: answer.text, holds: answer.status === 403 });
        expect((await listOf(camera)).enabled).toBe(true);
      });
      await test.step(`accept ${second} too: it is served`, async () => {
        await camera.ipfilter.add(second);
        expect((await listOf(stranger)).addresses).toEqual([own, second]);
      });
      await test.step('disable: every address is served, the list is kept', async () => {
        await camera.ipfilter.remove(second);
        await camera.ipfilter.setEnabled(false);
        const l = await listOf(stranger);
        expect({ addresses: l.addresses, enabled: l.enabled }).toEqual({ addresses: [own], enabled: false });
      });
    } finally {
      await camera.ipfilter.setEnabled(false).catch(() => undefined); // never leave the stranger shut out
      await stranger.close();
    }
  });
});
