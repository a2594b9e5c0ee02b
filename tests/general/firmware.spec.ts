// Spec 1.7 (firmwareupgrade.cgi). A bad image (corrupt, truncated, malformed version,
// another model's, not an image) is refused: the camera keeps running its firmware and
// configuration and does not restart. A good image is accepted; the camera restarts
// into the new version with its configuration. The virtual camera is then upgraded back
// so the worker's camera is left as it was found.
//
// Images: built on the fly by fixtures/firmware (the family's image format). On a
// physical camera the upgrade needs real images: HIL_FIRMWARE_IMAGE (path) with
// HIL_FIRMWARE_VERSION (the version it holds) and HIL_FIRMWARE_ROLLBACK_IMAGE (an image
// of the version the camera runs now); without them the upgrade test is skipped.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { test, expect } from '../../fixtures/index.ts';
import type { Camera } from '../../lib/camera/index.ts';
import { buildImage, corruptChecksum, notAnImage, truncated } from '../../fixtures/firmware/image-format.ts';
import { newLogLines, restartBudgetMs, skipUnlessDestructive, waitForRestart } from './support.ts';

const VERSION = 'Properties.Firmware.Version';
const BUILD_DATE = /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{2} \d{4} \d{2}:\d{2}$/;

async function upgradeAndWait(camera: Camera, image: Buffer, isVirtual: boolean, encoding: 'multipart' | 'raw'): Promise<number> {
  const answer = await camera.system.firmwareUpgrade(image, { encoding });
  if (isVirtual) expect(answer.trim()).toBe('OK');
  return (await waitForRestart(camera, isVirtual)).backAfterMs;
}

test.describe('firmware upgrade (firmwareupgrade.cgi)', () => {
  test('bad images are refused; the camera keeps its firmware and does not restart', { tag: '@destructive' }, async ({ camera, target, caps, stateGuard }) => {
    skipUnlessDestructive(target, 'uploading bad firmware images');
    const model = caps.model ?? 'IPC-7100';
    const spec = { model, version: 'V5.0.3.3900', buildDate: 'Mar 01 2010 10:00' };
    const good = buildImage(spec);
    const bad: [string, Buffer, RegExp][] = [
      ['corrupt checksum', corruptChecksum(good), /checksum/],
      ['truncated', truncated(good), /truncated|checksum/],
      ['malformed version', buildImage({ ...spec, version: '5.0.3' }), /version/],
      ['another model', buildImage({ ...spec, model: model === 'IPC-2100' ? 'IPC-7100' : 'IPC-2100' }), /model/],
      ['not an image', notAnImage(), /not a firmware image/],
    ];
    const before = await camera.config.list();
    const logBefore = await camera.system.systemLog();
    for (const [what, image, reason] of bad) {
      await test.step(`${what}: refused`, async () => {
        const err = await camera.system.firmwareUpgrade(image).then(() => undefined, (e: Error) => e);
        expect(err, `${what} was accepted`).toBeInstanceOf(Error);
        if (target.isVirtual) expect(err!.message).toMatch(reason);
      });
    }
    await test.step('still running, same firmware, same configuration, no restart logged', async () => {
      await new Promise((r) => setTimeout(r, 300)); // a restart would begin within this time
      expect(await camera.config.list()).toEqual(before);
      if (target.isVirtual) {
        const added = newLogLines(logBefore, await camera.system.systemLog());
        expect(added.filter((l) => /reboot|boot:|upgrade/.test(l)), added.join('\n')).toEqual([]);
      }
    });
    void stateGuard;
  });

  test('a good image: the camera restarts into the new version and keeps its configuration', { tag: '@destructive' }, async ({ camera, target, caps, measure, stateGuard }) => {
    skipUnlessDestructive(target, 'firmware upgrade');
    test.setTimeout(restartBudgetMs(target.isVirtual, 2));
    const original = await camera.config.get(VERSION);
    expect(original, `${VERSION} not listed`).toBeDefined();
    let image: Buffer;
    let rollback: Buffer;
    let next: string;
    if (target.isVirtual) {
      const model = caps.model ?? 'IPC-7100';
      next = original === 'V5.0.3.3900' ? 'V5.0.3.3901' : 'V5.0.3.3900';
      image = buildImage({ model, version: next, buildDate: 'Mar 01 2010 10:00' });
      const date = caps.buildDate && BUILD_DATE.test(caps.buildDate) ? caps.buildDate : 'Jan 07 2010 10:00';
      rollback = buildImage({ model, version: original!, buildDate: date });
    } else {
      const { HIL_FIRMWARE_IMAGE: img, HIL_FIRMWARE_VERSION: ver, HIL_FIRMWARE_ROLLBACK_IMAGE: back } = process.env;
      test.skip(!img || !ver || !back, 'needs HIL_FIRMWARE_IMAGE, HIL_FIRMWARE_VERSION and HIL_FIRMWARE_ROLLBACK_IMAGE (real images for this camera)');
      image = readFileSync(img!);
      rollback = readFileSync(back!);
      next = ver!;
    }
    const marker = `upgrade-test ${randomBytes(3).toString('hex')}`;
    await camera.config.update({ 'Image.I0.Text.String': marker });

    await test.step(`upgrade ${original} -> ${next}: OK, restart, new version, configuration kept`, async () => {
      const ms = await upgradeAndWait(camera, image, target.isVirtual, 'multipart');
      measure('firmware.upgrade.duration', ms / 1000, { unit: 's' });
      expect(await camera.config.get(VERSION)).toBe(next);
      expect(await camera.config.get('Image.I0.Text.String')).toBe(marker);
    });

    await test.step(`upgrade back to ${original}`, async () => {
      await upgradeAndWait(camera, rollback, target.isVirtual, 'raw');
      expect(await camera.config.get(VERSION)).toBe(original);
      expect(await camera.config.get('Image.I0.Text.String')).toBe(marker);
    });
    void stateGuard;
  });
});
