// Spec §1.7 (firmwareupgrade.cgi, "Upgrade the firmware version"). Required: a good image is
// carried out and the camera then runs the new version (Properties.Firmware.Version) and keeps
// its configuration (an upgrade that loses it loses the user's data; status values that move
// are reported, fixtures/state-guard.ts); after a refused image the camera still runs its old
// version with its configuration. House (observed): the `OK` answer, how a refusal looks,
// that a refusal is not followed by a restart. The virtual camera is upgraded back so the
// worker's camera is left as it was found.
//
// Images: built on the fly in the family's image format (fixtures/firmware/image-format.ts,
// the same bytes as the samples there, for the camera's own model). On a physical camera the
// upgrade needs real images: HIL_FIRMWARE_IMAGE (path) with HIL_FIRMWARE_VERSION (the version
// it holds) and HIL_FIRMWARE_ROLLBACK_IMAGE (an image of the version the camera runs now).
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { test, expect, spec } from '../../fixtures/index.ts';
import type { Target } from '../../fixtures/index.ts';
import { skipBecause } from '../../fixtures/skip.ts';
import { compareConfiguration, listAnswering, reportMoved } from '../../fixtures/state-guard.ts';
import type { Observe } from '../../fixtures/observe.ts';
import { buildMultipartForm, type Camera, type CameraResponse } from '../../lib/camera/index.ts';
import { withProgress } from '../../lib/camera/progress.ts';
import { progress } from '../../fixtures/progress.ts';
import { buildImage, corruptChecksum, notAnImage, truncated } from '../../fixtures/firmware/image-format.ts';
import { answerOf, expectAccepted, isAccepted, isHouseOk, newLogLines, refusedByHouse, restartBudgetMs, restartIfAny, updateParams } from './support.ts';

const VERSION = 'Properties.Firmware.Version';
const BUILD_DATE = /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{2} \d{4} \d{2}:\d{2}$/;

/**
 * POSTs an image as the multipart form field `file` (what the family's web pages post), any
 * answer. Flashing may keep the answer back for a minute: progress lines meanwhile.
 */
function upload(camera: Camera, image: Buffer): Promise<CameraResponse> {
  const form = buildMultipartForm([{ name: 'file', filename: 'firmware.bin', data: image, contentType: 'application/octet-stream' }]);
  const timeoutMs = Math.max(60_000, camera.client.timeoutMs);
  return withProgress('the camera to answer the firmware upload', timeoutMs, progress(), () =>
    camera.client.post('/firmwareupgrade.cgi', form.body, { contentType: form.contentType, expectStatus: 'any', timeoutMs }),
  );
}

/** Upgrades: carried out, the restart waited for if there is one; returns ms from the request until the camera answered again. */
async function upgrade(camera: Camera, image: Buffer, target: Target, observe: Observe): Promise<number> {
  const start = Date.now();
  const res = await upload(camera, image);
  expectAccepted(res, 'firmwareupgrade.cgi');
  observe('general.firmware.ok', { expected: 'HTTP 200 "OK", then a restart', observed: answerOf(res), holds: isHouseOk(res) });
  const answered = Date.now();
  const restart = await restartIfAny(camera, target, 'firmware upgrade');
  return restart ? answered - start + restart.backAfterMs : answered - start;
}

test.describe('firmware upgrade (firmwareupgrade.cgi)', () => {
  test('bad images: the camera keeps its firmware and configuration', spec('1.7', 'firmwareupgrade.cgi', { severity: 'critical', tags: ['@destructive', '@changes-config'] }), async ({ camera, target, caps, observe }) => {
    test.setTimeout(restartBudgetMs(target));
    const model = caps.model ?? 'IPC-7100';
    const image = { model, version: 'V5.0.3.3900', buildDate: 'Mar 01 2010 10:00' };
    const good = buildImage(image);
    const bad: [string, Buffer, RegExp][] = [
      ['corrupt checksum', corruptChecksum(good), /checksum/],
      ['truncated', truncated(good), /truncated|checksum/],
      ['malformed version', buildImage({ ...image, version: '5.0.3' }), /version/],
      ['another model', buildImage({ ...image, model: model === 'IPC-2100' ? 'IPC-7100' : 'IPC-2100' }), /model/],
      ['not an image', notAnImage(), /not a firmware image/],
    ];
    const version = await camera.config.require(VERSION);
    const logBefore = await camera.system.systemLog();
    const accepted: string[] = [];
    for (const [what, file, reason] of bad) {
      await test.step(`${what}: refused, still running ${version} with the same configuration`, async () => {
        const before = await camera.config.list();
        const res = await upload(camera, file);
        observe('general.firmware.refusal', { expected: `HTTP 400 # Error: <reason matching ${reason}>`, observed: `${what}: ${answerOf(res)}`, holds: refusedByHouse(res) && reason.test(res.text) });
        if (isAccepted(res)) {
          // Taken: the observation says so; whatever it installed, the camera must come back.
          accepted.push(what);
          await restartIfAny(camera, target, `upload of a bad image (${what})`);
          await listAnswering(camera);
          return;
        }
        expect(await camera.config.require(VERSION), `after refusing ${what}`).toBe(version);
        const { lost, moved } = await compareConfiguration(camera, before, await listAnswering(camera));
        await reportMoved(camera, `refused image (${what})`, moved);
        expect(lost, `${what}: refused, yet the configuration changed`).toEqual([]);
      });
    }
    await test.step('no restart after the refusals (observed in the log); still the old version', async () => {
      await new Promise((r) => setTimeout(r, 300)); // a restart would begin within this time
      const added = newLogLines(logBefore, await camera.system.systemLog());
      const restarts = added.filter((l) => /reboot|boot:|upgrade/.test(l));
      observe('general.firmware.refusal.no-restart', { expected: 'no reboot, boot or upgrade line', observed: restarts.join(' | ').slice(0, 250) || 'none', holds: restarts.length === 0 });
      if (accepted.length === 0) expect(await camera.config.require(VERSION), 'after refusing every bad image').toBe(version);
    });
  });

  test('a good image: the camera runs the new version and keeps its configuration', spec('1.7', 'firmwareupgrade.cgi', { severity: 'critical', tags: ['@destructive', '@changes-config'] }), async ({ camera, target, caps, measure, observe, settings }) => {
    test.setTimeout(restartBudgetMs(target, 2));
    const original = await camera.config.require(VERSION);
    let image: Buffer;
    let rollback: Buffer;
    let next: string;
    if (target.isVirtual) {
      const model = caps.model ?? 'IPC-7100';
      next = original === 'V5.0.3.3900' ? 'V5.0.3.3901' : 'V5.0.3.3900';
      image = buildImage({ model, version: next, buildDate: 'Mar 01 2010 10:00' });
      const date = caps.buildDate && BUILD_DATE.test(caps.buildDate) ? caps.buildDate : 'Jan 07 2010 10:00';
      rollback = buildImage({ model, version: original, buildDate: date });
    } else {
      const images = settings.firmwareImages;
      if (!images) skipBecause('a firmware upgrade needs real images for this camera: set HIL_FIRMWARE_IMAGE, HIL_FIRMWARE_VERSION and HIL_FIRMWARE_ROLLBACK_IMAGE');
      image = readFileSync(images.image);
      rollback = readFileSync(images.rollbackImage);
      next = images.version;
    }
    await updateParams(camera, { 'Image.I0.Text.String': `upgrade-test ${randomBytes(3).toString('hex')}` });
    const before = await camera.config.list();

    await test.step(`upgrade ${original} -> ${next}: carried out, new version, configuration kept`, async () => {
      const ms = await upgrade(camera, image, target, observe);
      measure('firmware.upgrade.duration', ms / 1000, { unit: 's' });
      expect(await camera.config.require(VERSION)).toBe(next);
      const { lost, moved } = await compareConfiguration(camera, before, await listAnswering(camera));
      // The firmware's own properties were meant to change: not a value that moved on its own.
      await reportMoved(camera, `upgrade to ${next}`, moved.filter((m) => !m.trim().startsWith('Properties.Firmware.')));
      expect(lost, 'configuration that differs after the upgrade').toEqual([]);
    });

    await test.step(`upgrade back to ${original}`, async () => {
      await upgrade(camera, rollback, target, observe);
      expect(await camera.config.require(VERSION)).toBe(original);
      const { lost, moved } = await compareConfiguration(camera, before, await listAnswering(camera));
      await reportMoved(camera, `upgrade back to ${original}`, moved);
      expect(lost, 'configuration that differs after the upgrade back').toEqual([]);
    });
  });
});
