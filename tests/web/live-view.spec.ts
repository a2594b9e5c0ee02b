// The camera's live-view page in a real Chromium, as a user sees it: it asks for
// credentials, the video plays (the OSD clock ticks), and the page logs no console error —
// on any camera, finding the live image by a generic guess (or HIL_LIVE_IMAGE_SELECTOR).
// What knows the virtual camera's own page (its element ids, its PTZ buttons, the still
// scene it renders) is @virtual-only: a physical camera's page is the vendor's. Screenshots
// of the <img> element are compared with pixelmatch; a screenshot of the page goes into
// the report.
import { randomBytes } from 'node:crypto';
import { mergeTests, type Page } from '@playwright/test';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { browserTest } from '../../fixtures/browser.ts';
import { beyondSpec, test as cameraTest, expect } from '../../fixtures/index.ts';
import { skipIf } from '../../fixtures/skip.ts';
import type { Camera, PtzPosition } from '../../lib/camera/index.ts';
import { CameraDefect } from '../../lib/errors.ts';

const test = mergeTests(cameraTest, browserTest);
const PAGE = 'live view page';

interface Diff {
  changed: number;
  total: number;
  /** Changed pixels per row, top to bottom. */
  rows: number[];
}

/** Pixels that differ between two PNG screenshots of the same size. */
function diff(a: Buffer, b: Buffer): Diff {
  const pa = PNG.sync.read(a);
  const pb = PNG.sync.read(b);
  expect([pb.width, pb.height]).toEqual([pa.width, pa.height]);
  const out = new PNG({ width: pa.width, height: pa.height });
  const changed = pixelmatch(pa.data, pb.data, out.data, pa.width, pa.height, { threshold: 0.1, diffMask: true });
  const rows = Array.from({ length: pa.height }, (_, y) => {
    let n = 0;
    for (let x = 0; x < pa.width; x++) if (out.data[(y * pa.width + x) * 4 + 3] > 0) n++;
    return n;
  });
  return { changed, total: pa.width * pa.height, rows };
}

/**
 * The live <img> once it shows a decoded frame. `selector` (settings.liveImageSelector):
 * `img#live` on the virtual camera's page; on a physical camera's own web page the first image
 * fed by an MJPEG URL, or HIL_LIVE_IMAGE_SELECTOR where that guess fails.
 */
async function liveImage(page: Page, selector: string) {
  const img = page.locator(selector).first();
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0), { timeout: 15_000, message: 'the live image never decoded a frame' }).toBe(true);
  return img;
}

/** Polls query=position until two readings agree (the head stopped); a head that never rests is a camera defect. */
async function waitStill(camera: Camera, timeoutMs = 15_000): Promise<PtzPosition> {
  const deadline = Date.now() + timeoutMs;
  let last = await camera.ptz.position();
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    const now = await camera.ptz.position();
    if (now.pan === last.pan && now.tilt === last.tilt && now.zoom === last.zoom) return now;
    last = now;
  }
  throw new CameraDefect(`the PTZ head was still moving after ${timeoutMs} ms (pan ${last.pan}, tilt ${last.tilt}, zoom ${last.zoom})`);
}

/** A viewer with a random password for the test, removed afterwards. */
async function asViewer(camera: Camera, fn: (user: string, password: string) => Promise<void>): Promise<void> {
  const name = `hilvw${randomBytes(3).toString('hex')}`;
  const password = randomBytes(9).toString('base64url');
  camera.client.addSecret(password);
  await camera.users.add(name, password, { role: 'viewer' });
  try {
    await fn(name, password);
  } finally {
    await camera.users.remove(name);
  }
}

test.describe('live view page', () => {
  // Independent pages (each test its own page, and its own user where it needs one): in
  // npm test they share the two workers instead of ending the camera suites on one.
  test.describe.configure({ mode: 'parallel' });
  test('opens with credentials, the video plays, no console errors', beyondSpec(PAGE), async ({ openPage, target, settings }, testInfo) => {
    const { page, consoleErrors } = await openPage(target);
    await test.step('open / with the camera credentials', async () => {
      const res = await page.goto('/');
      expect(res?.status()).toBe(200);
    });
    const img = await test.step('the MJPEG image decodes', () => liveImage(page, settings.liveImageSelector));
    await test.step('the image updates: two screenshots 1.5 s apart differ (the OSD clock)', async () => {
      const first = await img.screenshot();
      await page.waitForTimeout(1500);
      const d = diff(first, await img.screenshot());
      await testInfo.attach('clock-diff.json', { body: JSON.stringify({ changed: d.changed, total: d.total }), contentType: 'application/json' });
      expect(d.changed, 'nothing changed in the live image in 1.5 s').toBeGreaterThan(0);
    });
    await testInfo.attach('live-view.png', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
    expect(consoleErrors).toEqual([]);
  });

  test('the virtual camera\'s page: its clock runs, and in a still scene only the OSD band changes', beyondSpec(PAGE, { tags: ['@virtual-only'] }), async ({ openPage, target, settings }, testInfo) => {
    const { page, consoleErrors } = await openPage(target);
    expect((await page.goto('/'))?.status()).toBe(200);
    await expect(page.locator('#camera-time')).toHaveText(/^[A-Z][a-z]{2} \d{2}, \d{4} \d{2}:\d{2}:\d{2}$/);
    const img = await liveImage(page, settings.liveImageSelector);
    await test.step('two screenshots 1.5 s apart differ in the OSD band only', async () => {
      const first = await img.screenshot();
      await page.waitForTimeout(1500);
      const d = diff(first, await img.screenshot());
      await testInfo.attach('clock-diff.json', { body: JSON.stringify({ changed: d.changed, total: d.total }), contentType: 'application/json' });
      // The virtual scene stands still: only the OSD band at the top (11 px per 200 rows
      // of the frame, at least 11) may change, and it must, because the clock ticks.
      const box = (await img.boundingBox())!;
      const natural = await img.evaluate((i: HTMLImageElement) => i.naturalHeight);
      const band = Math.ceil((11 * Math.max(1, Math.floor(natural / 200)) * box.height) / natural) + 2;
      const inBand = d.rows.slice(0, band).reduce((s, n) => s + n, 0);
      expect(inBand).toBeGreaterThan(0);
      expect(d.changed - inBand, 'pixels changed outside the OSD band of a still scene').toBe(0);
    });
    await test.step('the camera time on the page runs', async () => {
      const t1 = await page.locator('#camera-time').textContent();
      await expect.poll(() => page.locator('#camera-time').textContent(), { timeout: 3000 }).not.toBe(t1);
    });
    expect(consoleErrors).toEqual([]);
  });

  test('wrong credentials get no page', beyondSpec(PAGE), async ({ openPage, target, settings }) => {
    const { page } = await openPage({ ...target, password: `${target.password}-wrong` });
    const res = await page.goto('/');
    expect(res?.status()).toBe(401);
    await expect(page.locator(settings.liveImageSelector)).toHaveCount(0);
  });

  test('a viewer sees the video', beyondSpec(PAGE), async ({ openPage, target, camera, settings }) => {
    await asViewer(camera, async (user, password) => {
      const { page, consoleErrors } = await openPage({ url: target.url, user, password });
      expect((await page.goto('/'))?.status()).toBe(200);
      await liveImage(page, settings.liveImageSelector);
      expect(consoleErrors).toEqual([]);
    });
  });

  test('the virtual camera\'s page shows a viewer no PTZ button it could not use', beyondSpec(PAGE, { tags: ['@virtual-only'] }), async ({ openPage, target, camera, settings }) => {
    await asViewer(camera, async (user, password) => {
      const { page, consoleErrors } = await openPage({ url: target.url, user, password });
      expect((await page.goto('/'))?.status()).toBe(200);
      await liveImage(page, settings.liveImageSelector);
      await expect(page.locator('button[data-ptz]')).toHaveCount(0);
      await expect(page.locator('#ptz-note')).toContainText(/PTZ needs operator rights|Fixed camera/);
      expect(consoleErrors).toEqual([]);
    });
  });

  test('a PTZ button of the virtual camera\'s page moves the view', beyondSpec(PAGE, { tags: ['@virtual-only'] }), async ({ openPage, target, caps, camera, settings }, testInfo) => {
    // The buttons of a camera's own web page are vendor-specific: this test knows the virtual camera's.
    skipIf(caps.hasPtz ? undefined : `${caps.require('ptz') ?? 'no PTZ'}: a fixed camera has no PTZ buttons to try`);
    const { page, consoleErrors } = await openPage(target);
    await page.goto('/');
    const img = await liveImage(page, settings.liveImageSelector);
    try {
      await test.step('home first, and wait until the head stands still', async () => {
        await page.locator('#ptz-home').click();
        await waitStill(camera);
        await page.waitForTimeout(500); // a few frames, so the image shows the still head
      });
      const before = await img.screenshot();
      const from = await camera.ptz.position();
      await test.step('click "Right"', async () => {
        await page.locator('#ptz-right').click();
        await expect.poll(async () => (await camera.ptz.position()).pan, { timeout: 10_000 }).not.toBe(from.pan);
        await waitStill(camera);
        await page.waitForTimeout(500);
      });
      const after = await img.screenshot();
      const d = diff(before, after);
      await testInfo.attach('ptz-diff.json', { body: JSON.stringify({ from, to: await camera.ptz.position(), changedFraction: d.changed / d.total }), contentType: 'application/json' });
      await testInfo.attach('ptz-before.png', { body: before, contentType: 'image/png' });
      await testInfo.attach('ptz-after.png', { body: after, contentType: 'image/png' });
      // A pan of a quarter field of view shifts the whole scene: most pixels change.
      expect(d.changed / d.total, 'the image hardly changed after a pan').toBeGreaterThan(0.2);
      await expect(page.locator('#status')).toHaveText('');
    } finally {
      await page.locator('#ptz-home').click().catch(() => {});
      await waitStill(camera).catch(() => {});
    }
    expect(consoleErrors).toEqual([]);
  });
});
