// Spec 8 (mount.cgi, format.cgi, list.cgi, remove.cgi) on cameras with a micro SD socket.
// Removing recordings and formatting lose data a state guard cannot bring back, so they
// are @destructive. On the virtual camera each test starts and ends with the sample
// card in (three recordings), as a lab technician would put a known card back.
import { test, expect, type Target } from '../../fixtures/index.ts';
import { Camera, type Recording } from '../../lib/camera/index.ts';
import { startVirtualCamera } from '../../rigs/virtual-camera/index.ts';
import { sampleRecordings, sdCard } from '../../rigs/virtual-camera/storage/sd-card.ts';
import { skipUnlessDestructive, statusOf, withUser } from '../general/support.ts';

/** On the virtual camera: the sample card (three recordings) is put in, mounted. */
function sampleCard(target: Target): void {
  if (target.virtual) sdCard(target.virtual.state)?.insertCard(sampleRecordings());
}

const ids = (recs: readonly Recording[]) => recs.map((r) => r.recordingId);

async function refused(camera: Camera, path: string, query: Record<string, string>, isVirtual: boolean, reason?: RegExp): Promise<void> {
  const res = await camera.client.get(path, query, { expectStatus: 'any' });
  expect(res.status >= 400 || /# Error:|<error/i.test(res.text), `${path} ${JSON.stringify(query)}: HTTP ${res.status} ${res.text.slice(0, 80)}`).toBe(true);
  if (isVirtual && reason) expect(res.text).toMatch(reason);
}

/** Recordings there are, or a skip naming what the test needs. */
async function recordingsOrSkip(camera: Camera, atLeast: number): Promise<Recording[]> {
  const recs = await camera.storage.recordings('all');
  test.skip(recs.length < atLeast, `needs at least ${atLeast} recording(s) on SD_DISK, found ${recs.length}`);
  return recs;
}

test.describe('storage (SD card)', () => {
  test.beforeEach(async ({ caps }) => {
    const missing = caps.require('storage');
    test.skip(missing !== undefined, missing);
  });
  test.beforeEach(({ target }) => sampleCard(target));
  test.afterEach(({ target }) => sampleCard(target));

  test('list.cgi shows SD_DISK with its settings, in the spec XML', async ({ camera, target }) => {
    const raw = await camera.client.get('/list.cgi', { diskid: 'all' });
    await test.step('well-formed XML with one disk element', async () => {
      expect(raw.text).toMatch(/^<\?xml version="1\.0" \?>/);
      expect(raw.text.trimEnd()).toMatch(/<\/root>$/);
    });
    const [disk, ...more] = await camera.storage.disks('all');
    await test.step('SD_DISK: status OK, sizes in KB that add up, settings from Storage.S0', async () => {
      expect(more).toEqual([]);
      expect(disk).toMatchObject({ diskId: 'SD_DISK', status: 'OK', readonly: false });
      expect(disk.totalSize).toBeGreaterThan(0);
      expect(disk.freeSize).toBeGreaterThanOrEqual(0);
      expect(disk.freeSize!).toBeLessThanOrEqual(disk.totalSize!);
      const s0 = await camera.config.list(['Storage.S0']).catch(() => new Map<string, string>());
      if (s0.has('Storage.S0.CleanupLevel')) expect(String(disk.cleanupLevel)).toBe(s0.get('Storage.S0.CleanupLevel'));
      if (s0.has('Storage.S0.CleanupPolicy')) expect(disk.cleanupPolicy).toBe(s0.get('Storage.S0.CleanupPolicy'));
      if (target.isVirtual) expect(s0.size).toBeGreaterThan(0);
    });
    await test.step('diskid=SD_DISK lists the same disk; an unknown disk is refused', async () => {
      expect(await camera.storage.disks('SD_DISK')).toEqual([disk]);
      await refused(camera, '/list.cgi', { diskid: 'USB_DISK' }, target.isVirtual, /# Error: diskid: unknown disk/);
    });
  });

  test('recordings are listed all at once and one by one; bad ids are refused', async ({ camera, target }) => {
    const recs = await recordingsOrSkip(camera, 1);
    await test.step('each recording: on SD_DISK, with start time and date', async () => {
      for (const r of recs) {
        expect(r.diskId).toBe('SD_DISK');
        expect(r.startTime).toMatch(/^\d{8}_\d{6}$/);
        expect(r.date).toBe(r.startTime!.slice(0, 8));
      }
      if (target.isVirtual) expect(ids(recs)).toEqual(sampleRecordings().map((r) => r.id));
    });
    await test.step(`recordingid=${recs[0].recordingId} lists just that one`, async () => {
      expect(await camera.storage.recordings(recs[0].recordingId)).toEqual([recs[0]]);
    });
    await test.step('an unknown id, a path and a traversal are refused', async () => {
      await refused(camera, '/list.cgi', { recordingid: '19990101_000000.avi' }, target.isVirtual, /# Error: no recording/);
      await refused(camera, '/list.cgi', { recordingid: '../../etc/passwd' }, target.isVirtual, /is a path/);
      await refused(camera, '/list.cgi', { recordingid: 'sub/20090101_010101.avi' }, target.isVirtual, /is a path/);
    });
  });

  test('a viewer may list; only an admin may mount, format or remove', async ({ camera, target, stateGuard }) => {
    const before = await camera.storage.recordings('all');
    const denied = target.isVirtual ? [403] : [401, 403];
    for (const role of ['viewer', 'operator'] as const) {
      await test.step(`${role}: list allowed, mount/format/remove refused, nothing changed`, async () => {
        await withUser(camera, role, async ({ camera: as }) => {
          expect(await statusOf(as, '/list.cgi', { diskid: 'all' })).toBe(200);
          expect(await statusOf(as, '/list.cgi', { recordingid: 'all' })).toBe(200);
          expect(denied).toContain(await statusOf(as, '/mount.cgi', { diskid: 'SD_DISK', action: 'umount' }));
          expect(denied).toContain(await statusOf(as, '/format.cgi', { diskid: 'SD_DISK' }));
          expect(denied).toContain(await statusOf(as, '/remove.cgi', { recordingid: 'all' }));
        });
        expect(await camera.storage.recordings('all')).toEqual(before);
        expect((await camera.storage.disks('SD_DISK'))[0].status).toBe('OK');
      });
    }
    void stateGuard;
  });

  test('unmount and mount: recordings are unavailable in between and back after', async ({ camera, target }) => {
    const before = await camera.storage.recordings('all');
    try {
      await test.step('umount: the disk is no longer OK; listing or removing recordings is refused', async () => {
        await camera.storage.umount();
        const [disk] = await camera.storage.disks('SD_DISK');
        expect(disk.status).not.toBe('OK');
        await refused(camera, '/list.cgi', { recordingid: 'all' }, target.isVirtual, /not mounted/);
        await refused(camera, '/remove.cgi', { recordingid: 'all' }, target.isVirtual, /not mounted/);
        await refused(camera, '/mount.cgi', { diskid: 'SD_DISK', action: 'umount' }, target.isVirtual, /already unmounted/);
      });
    } finally {
      await test.step('mount: status OK and the same recordings', async () => {
        await camera.storage.mount();
        expect((await camera.storage.disks('SD_DISK'))[0].status).toBe('OK');
        expect(await camera.storage.recordings('all')).toEqual(before);
      });
    }
    await refused(camera, '/mount.cgi', { diskid: 'SD_DISK', action: 'eject' }, target.isVirtual, /not mount or umount/);
  });

  test('remove one recording, then all', { tag: '@destructive' }, async ({ camera, target }) => {
    skipUnlessDestructive(target, 'removing recordings');
    const recs = await recordingsOrSkip(camera, 2);
    const free = async () => (await camera.storage.disks('SD_DISK'))[0].freeSize!;
    const freeBefore = await free();
    await test.step(`remove ${recs[0].recordingId}: gone from the list, free space grows`, async () => {
      await camera.storage.remove(recs[0].recordingId);
      expect(ids(await camera.storage.recordings('all'))).toEqual(ids(recs.slice(1)));
      expect(await free()).toBeGreaterThan(freeBefore);
    });
    await test.step('removing it again (unknown id) or a path is refused; nothing else goes', async () => {
      await refused(camera, '/remove.cgi', { recordingid: recs[0].recordingId }, target.isVirtual, /no recording/);
      await refused(camera, '/remove.cgi', { recordingid: '../' + recs[1].recordingId }, target.isVirtual, /is a path/);
      expect(ids(await camera.storage.recordings('all'))).toEqual(ids(recs.slice(1)));
    });
    await test.step('remove all: no recordings left', async () => {
      await camera.storage.remove('all');
      expect(await camera.storage.recordings('all')).toEqual([]);
    });
  });

  test('format empties the card (it must be unmounted first)', { tag: '@destructive' }, async ({ camera, target }) => {
    skipUnlessDestructive(target, 'formatting the SD card');
    const [disk] = await camera.storage.disks('SD_DISK');
    if (target.isVirtual) {
      await test.step('format while mounted is refused and erases nothing', async () => {
        const before = await camera.storage.recordings('all');
        await refused(camera, '/format.cgi', { diskid: 'SD_DISK' }, true, /is mounted: unmount it first/);
        expect(await camera.storage.recordings('all')).toEqual(before);
      });
    }
    try {
      await test.step('umount, format', async () => {
        await camera.storage.umount();
        await camera.storage.format('SD_DISK', { timeoutMs: 120_000 });
      });
    } finally {
      await test.step('mount: no recordings, the whole card free but the file system', async () => {
        await camera.storage.mount();
        expect(await camera.storage.recordings('all')).toEqual([]);
        const [after] = await camera.storage.disks('SD_DISK');
        expect(after.totalSize).toBe(disk.totalSize);
        expect(after.freeSize).toBeGreaterThanOrEqual(disk.freeSize!);
        if (target.isVirtual) expect(after.freeSize).toBe(after.totalSize! - 16);
      });
    }
  });
});

test.describe('storage on a camera without an SD card', () => {
  test('every storage CGI says the camera has no SD card', async ({ camera, caps, target }) => {
    // On the virtual target a fixed model without a card is started beside the worker's
    // camera; a physical camera with a card cannot show this.
    test.skip(caps.hasStorage && !target.isVirtual, 'this camera has an SD card: the check needs a model without one');
    const own = caps.hasStorage ? await startVirtualCamera({ model: 'IPC-2100', user: target.user, password: target.password }) : undefined;
    const cam = own ? new Camera({ url: own.url, user: target.user, password: target.password }) : camera;
    try {
      expect((await cam.capabilities()).hasStorage).toBe(false);
      for (const [path, q] of [['/list.cgi', { diskid: 'all' }], ['/mount.cgi', { diskid: 'SD_DISK', action: 'mount' }], ['/remove.cgi', { recordingid: 'all' }], ['/format.cgi', { diskid: 'SD_DISK' }]] as const) {
        const res = await cam.client.get(path, q, { expectStatus: 'any' });
        expect(res.status, path).toBe(404);
        if (target.isVirtual) expect(res.text).toBe('# Error: this camera has no SD card\r\n');
      }
    } finally {
      if (own) {
        await cam.close();
        await own.stop();
      }
    }
  });
});
