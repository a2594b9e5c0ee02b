// Spec 8 (mount.cgi, format.cgi, list.cgi, remove.cgi) on cameras with a micro SD socket,
// each sent by GET and by POST (§8.1: "Method: GET/POST"). list.cgi's XML is the spec's
// (§8.3, §8.4), checked strictly; refusals, roles and answers the spec does not show are
// observed (lib/signoff/house-rules/storage.ts).
// The suite reaches the camera only through its CGIs: it takes the card as it finds it.
// Removing recordings and formatting lose data a state guard cannot bring back, so they
// are @destructive, come last in this file (Playwright runs a file's tests in order, on one
// camera), and are never sent with anything a lenient camera could read as "everything".
import { test, expect, spec } from '../../fixtures/index.ts';
import type { Observe } from '../../fixtures/observe.ts';
import { skipBecause, skipIf } from '../../fixtures/skip.ts';
import type { Camera } from '../../lib/camera/index.ts';
import { withUser } from '../general/support.ts';
import { answerOf, disks, done, ids, probe, recordings, refused, sdDisk, send, type Attrs, type Via } from './support.ts';

/** Recordings there are, or a skip naming what the test needs. */
async function recordingsOrSkip(camera: Camera, atLeast: number): Promise<Attrs[]> {
  const recs = await recordings(camera, 'all');
  if (recs.length < atLeast) skipBecause(`needs at least ${atLeast} recording(s) on SD_DISK, found ${recs.length}: put a card with recordings in`);
  return recs;
}

/** Sizes change as the camera records; the rest of a disk's attributes must not. */
const settled = (d: Attrs): Attrs => Object.fromEntries(Object.entries(d).filter(([k]) => k !== 'freesize' && k !== 'full'));
/** A never-recorded id: a remove of it cannot erase anything. */
const NO_SUCH = '19700101_000000.avi';

/**
 * umount (by `via`) answered as done, and the card shows it: §8.3's status, or its
 * recordings no longer listed. Which words it uses is the house's; a umount after which
 * SD_DISK looks exactly as mounted did nothing.
 */
async function umount(camera: Camera, observe: Observe, via: Via): Promise<void> {
  await done(camera, observe, '/mount.cgi', { diskid: 'SD_DISK', action: 'umount' }, via);
  const disk = await sdDisk(camera);
  observe('storage.umount.status', { expected: 'status="disconnected"', observed: `status="${disk['status']}"`, holds: disk['status'] !== 'OK' });
  const list = await probe(camera, observe, 'storage.list.unmounted', '/list.cgi', { recordingid: 'all' }, { says: 'SD_DISK is not mounted (...)', match: /^# Error: SD_DISK is not mounted/ });
  expect(disk['status'] !== 'OK' || refused(list), `mount.cgi action=umount (${via}) answered as done, but SD_DISK looks mounted still: status OK, recordings listed`).toBe(true);
}

/** Cleanup: the card mounted again, unless it is (a failed umount must not turn into a failed mount). */
async function remount(camera: Camera): Promise<void> {
  if ((await camera.storage.disks('SD_DISK'))[0]?.status !== 'OK') await camera.storage.mount();
}

test.describe('storage (SD card)', () => {
  test.beforeAll(({ caps }) => skipIf(caps.require('storage')));

  test('list.cgi shows SD_DISK with its settings, in the spec XML', spec('8.3', 'list.cgi', { severity: 'critical' }), async ({ camera, observe }) => {
    const disk = await test.step('GET list.cgi?diskid=all: the XML of §8.3, SD_DISK mounted (status OK), sizes that add up', async () => {
      const d = await sdDisk(camera, 'GET');
      expect(d['status']).toBe('OK');
      expect(Number(d['totalsize'])).toBeGreaterThan(0);
      expect(Number(d['freesize'])).toBeLessThanOrEqual(Number(d['totalsize']));
      return d;
    });
    await test.step('POST list.cgi diskid=all, and diskid=SD_DISK: the same disk', async () => {
      expect(settled(await sdDisk(camera, 'POST'))).toEqual(settled(disk));
      const only = await disks(camera, 'SD_DISK');
      expect(only.map(settled)).toEqual([settled(disk)]);
    });
    await test.step('cleanuplevel and cleanuppolicy come from Storage.S0', async () => {
      const level = await camera.config.lookup('Storage.S0.CleanupLevel');
      const policy = await camera.config.lookup('Storage.S0.CleanupPolicy');
      const shown = (l: typeof level) => (l.status === 'listed' ? l.value : `(${l.status})`);
      observe('storage.settings.params', {
        expected: `cleanuplevel=${disk['cleanuplevel']} cleanuppolicy=${disk['cleanuppolicy']}`,
        observed: `Storage.S0.CleanupLevel=${shown(level)} Storage.S0.CleanupPolicy=${shown(policy)}`,
        holds: shown(level) === disk['cleanuplevel'] && shown(policy) === disk['cleanuppolicy'],
      });
    });
    await test.step('an unknown disk is not listed', async () => {
      const res = await probe(camera, observe, 'storage.list.unknown-disk', '/list.cgi', { diskid: 'USB_DISK' }, { says: 'diskid: unknown disk "USB_DISK" (SD_DISK or all)', match: /^# Error: diskid: unknown disk "USB_DISK"/ });
      expect(res.status === 200 && /diskid\s*=\s*["']USB_DISK["']/.test(res.text), `list.cgi diskid=USB_DISK: ${answerOf(res)}`).toBe(false);
    });
  });

  test('recordings are listed all at once and one by one', spec('8.4', 'list.cgi', { severity: 'critical' }), async ({ camera, observe }) => {
    const all = await test.step('GET and POST list.cgi?recordingid=all: the XML of §8.4, every recording on SD_DISK', async () => {
      const byGet = await recordings(camera, 'all', 'GET');
      for (const r of byGet) expect(r['diskid'], r['recordingid']).toBe('SD_DISK');
      // The camera may record meanwhile: what GET listed must still be there.
      expect(ids(await recordings(camera, 'all', 'POST'))).toEqual(expect.arrayContaining(ids(byGet)));
      return byGet;
    });
    if (all.length === 0) skipBecause('needs at least 1 recording on SD_DISK, found 0: put a card with recordings in');
    await test.step(`recordingid=${all[0]['recordingid']} (GET and POST) lists just that one`, async () => {
      expect(await recordings(camera, all[0]['recordingid'], 'GET')).toEqual([all[0]]);
      expect(await recordings(camera, all[0]['recordingid'], 'POST')).toEqual([all[0]]);
    });
    await test.step('an unknown id, a path and a traversal list no recording', async () => {
      await probe(camera, observe, 'storage.list.unknown-recording', '/list.cgi', { recordingid: '19990101_000000.avi' }, { says: 'no recording 19990101_000000.avi on SD_DISK', match: /^# Error: no recording 19990101_000000\.avi on SD_DISK/ }, { notListing: '19990101_000000.avi' });
      for (const id of ['../../etc/passwd', `sub/${all[0]['recordingid']}`]) {
        await probe(camera, observe, 'storage.recording-id.path', '/list.cgi', { recordingid: id }, { says: `recordingid: "${id}" is a path, not a recording id`, match: /is a path, not a recording id/ }, { notListing: id });
      }
    });
  });

  // Only what a refusal cannot make harmful is sent as a viewer or operator: an umount (a
  // mount undoes it) and the remove of an id that was never recorded. Format is asked in
  // the @destructive test below.
  test('a viewer or operator may list; mount and remove are for admins', spec('8.1', 'mount.cgi', { tags: ['@changes-config'] }), async ({ camera, observe }) => {
    const before = ids(await recordings(camera, 'all'));
    for (const role of ['viewer', 'operator'] as const) {
      await test.step(`${role}: list.cgi, umount, remove of ${NO_SUCH}`, async () => {
        const statuses = await withUser(camera, role, async ({ camera: as }) => ({
          disks: (await send(as, '/list.cgi', { diskid: 'all' })).status,
          recordings: (await send(as, '/list.cgi', { recordingid: 'all' })).status,
          umount: (await send(as, '/mount.cgi', { diskid: 'SD_DISK', action: 'umount' })).status,
          remove: (await send(as, '/remove.cgi', { recordingid: NO_SUCH })).status,
        }));
        const disk = await sdDisk(camera);
        // Recordings can only be listed from a mounted disk: an unmounted one has changed.
        const after = disk['status'] === 'OK' ? ids(await recordings(camera, 'all')) : [];
        const unchanged = disk['status'] === 'OK' && after.join() === before.join();
        observe('storage.roles', {
          expected: 'list 200/200, umount 403, remove 403, nothing changed',
          observed: `list ${statuses.disks}/${statuses.recordings}, umount ${statuses.umount}, remove ${statuses.remove}, ${unchanged ? 'nothing changed' : `disk ${disk['status']}, recordings ${after.join(' ') || 'none'}`}`,
          holds: statuses.disks === 200 && statuses.recordings === 200 && statuses.umount === 403 && statuses.remove === 403 && unchanged,
        });
        if (disk['status'] !== 'OK') await camera.storage.mount();
      });
    }
    await test.step('as admin: SD_DISK mounted, the recordings as before', async () => {
      expect((await sdDisk(camera))['status']).toBe('OK');
      expect(ids(await recordings(camera, 'all'))).toEqual(before);
    });
  });

  test('unmount and mount, by GET and by POST: the recordings come back', spec('8.1', 'mount.cgi', { severity: 'critical' }), async ({ camera, observe }) => {
    const before = ids(await recordings(camera, 'all'));
    let mounted = true;
    try {
      await test.step('GET mount.cgi action=umount: done, and SD_DISK shows it', async () => {
        mounted = false;
        await umount(camera, observe, 'GET');
      });
      await test.step('a second umount', async () => {
        await probe(camera, observe, 'storage.umount.twice', '/mount.cgi', { diskid: 'SD_DISK', action: 'umount' }, { says: 'SD_DISK is already unmounted', match: /^# Error: SD_DISK is already unmounted/ });
      });
      await test.step('POST mount.cgi action=mount: done; status OK, the same recordings', async () => {
        await done(camera, observe, '/mount.cgi', { diskid: 'SD_DISK', action: 'mount' }, 'POST');
        mounted = true;
        expect((await sdDisk(camera))['status']).toBe('OK');
        expect(ids(await recordings(camera, 'all'))).toEqual(expect.arrayContaining(before));
      });
      await test.step('POST umount, then GET mount: done both times; status OK, the same recordings', async () => {
        mounted = false;
        await umount(camera, observe, 'POST');
        await done(camera, observe, '/mount.cgi', { diskid: 'SD_DISK', action: 'mount' }, 'GET');
        mounted = true;
        expect((await sdDisk(camera, 'POST'))['status']).toBe('OK');
        expect(ids(await recordings(camera, 'all', 'POST'))).toEqual(expect.arrayContaining(before));
      });
      await test.step('mount.cgi action=eject (neither mount nor umount)', async () => {
        await probe(camera, observe, 'storage.mount.action', '/mount.cgi', { diskid: 'SD_DISK', action: 'eject' }, { says: 'action: "eject" is not mount or umount', match: /^# Error: action: "eject" is not mount or umount/ }, {
          extra: async () => {
            const status = (await sdDisk(camera))['status'];
            mounted = status === 'OK';
            return { expected: 'still mounted (status OK)', observed: `status ${status}`, holds: mounted };
          },
        });
      });
    } finally {
      if (!mounted) await remount(camera);
    }
  });

  test('remove one recording by GET, then all by POST', spec('8.5', 'remove.cgi', { tags: ['@destructive'] }), async ({ camera, observe }) => {
    const recs = await recordingsOrSkip(camera, 2);
    const first = recs[0]['recordingid'];
    const freeBefore = Number((await sdDisk(camera))['freesize']);
    await test.step(`GET remove.cgi recordingid=${first}: done, gone from the list, the others stay`, async () => {
      await done(camera, observe, '/remove.cgi', { recordingid: first }, 'GET');
      const left = ids(await recordings(camera, 'all'));
      expect(left).not.toContain(first);
      expect(left).toEqual(expect.arrayContaining(ids(recs.slice(1))));
      const freeAfter = Number((await sdDisk(camera))['freesize']);
      observe('storage.remove.free', { expected: `freesize above ${freeBefore}`, observed: `freesize ${freeAfter}`, holds: freeAfter > freeBefore });
    });
    await test.step(`removing ${first} again removes nothing else`, async () => {
      const left = ids(await recordings(camera, 'all'));
      await probe(camera, observe, 'storage.remove.unknown', '/remove.cgi', { recordingid: first }, { says: `no recording ${first} on SD_DISK`, match: new RegExp(`^# Error: no recording ${first.replace(/\W/g, '\\$&')} on SD_DISK`) });
      expect(ids(await recordings(camera, 'all'))).toEqual(expect.arrayContaining(left));
    });
    await test.step('POST remove.cgi recordingid=all: done, no recordings left', async () => {
      await done(camera, observe, '/remove.cgi', { recordingid: 'all' }, 'POST');
      expect(await recordings(camera, 'all')).toEqual([]);
    });
  });

  test('format empties the card, by GET and by POST', spec('8.2', 'format.cgi', { tags: ['@destructive'] }), async ({ camera, observe }) => {
    const disk = await sdDisk(camera);
    let mounted = disk['status'] === 'OK';
    try {
      await test.step('an operator\'s format.cgi', async () => {
        const before = ids(await recordings(camera, 'all'));
        const status = await withUser(camera, 'operator', async ({ camera: as }) => (await send(as, '/format.cgi', { diskid: 'SD_DISK' })).status);
        const after = ids(await recordings(camera, 'all'));
        observe('storage.roles', { expected: 'format 403, nothing erased', observed: `format ${status}, ${after.length} of ${before.length} recordings left`, holds: status === 403 && after.join() === before.join() });
      });
      await test.step('format.cgi while mounted', async () => {
        const before = ids(await recordings(camera, 'all'));
        await probe(camera, observe, 'storage.format.mounted', '/format.cgi', { diskid: 'SD_DISK' }, { says: 'SD_DISK is mounted: unmount it first (...)', match: /^# Error: SD_DISK is mounted: unmount it first/ }, {
          extra: async () => {
            mounted = (await sdDisk(camera))['status'] === 'OK';
            const after = mounted ? ids(await recordings(camera, 'all')) : [];
            return { expected: 'nothing erased', observed: `${after.length} of ${before.length} recordings left`, holds: after.join() === before.join() };
          },
        });
      });
      await test.step('umount (GET), format by GET, format again by POST: done each time', async () => {
        const wasMounted = mounted;
        mounted = false;
        if (wasMounted) await umount(camera, observe, 'GET');
        await done(camera, observe, '/format.cgi', { diskid: 'SD_DISK' }, 'GET', 120_000);
        await done(camera, observe, '/format.cgi', { diskid: 'SD_DISK' }, 'POST', 120_000);
      });
      await test.step('mount (POST): status OK, no recordings', async () => {
        await done(camera, observe, '/mount.cgi', { diskid: 'SD_DISK', action: 'mount' }, 'POST');
        mounted = true;
        const after = await sdDisk(camera);
        expect(after['status']).toBe('OK');
        expect(await recordings(camera, 'all')).toEqual([]);
        observe('storage.format.sizes', {
          expected: `totalsize=${disk['totalsize']} freesize=${Number(disk['totalsize']) - 16}`,
          observed: `totalsize=${after['totalsize']} freesize=${after['freesize']}`,
          holds: after['totalsize'] === disk['totalsize'] && Number(after['freesize']) === Number(after['totalsize']) - 16,
        });
      });
    } finally {
      if (!mounted) await remount(camera);
    }
  });
});
