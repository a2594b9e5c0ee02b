// Spec §4.1-4.5: motion windows are config.cgi entries from the `motion` template (add,
// update, list, remove), and motion.cgi streams one level line per window in the format
// the spec gives.
import { test, expect } from '../../fixtures/index.ts';
import { cameraErrorOf, parseMotionLevels } from '../../lib/camera/index.ts';
import { readLevelParts } from './stream.ts';

const LINE = /^group=(\d+);level=(\d+);threshold=(\d+);$/;

test.describe('motion windows', () => {
  test.beforeEach(async ({ caps }) => {
    const why = caps.require('motion');
    if (why) console.log(`skip: ${why}`);
    test.skip(!!why, why);
  });

  test('add, update, list and remove a window through config.cgi', async ({ camera, stateGuard }) => {
    void stateGuard;
    // The spec's own example values (§4.1, §4.3).
    const id = await test.step('add from the motion template with values: answered M<n> OK', () =>
      camera.motion.addWindow({ name: 'Entrance', top: 500, bottom: 7000, left: 5000, right: 8500 }),
    );
    expect(id).toMatch(/^M\d+$/);
    const find = async () => (await camera.motion.listWindows()).find((w) => w.id === id);
    await test.step(`list Motion.${id}: the values as added`, async () => {
      expect(await find()).toMatchObject({ name: 'Entrance', top: 500, bottom: 7000, left: 5000, right: 8500 });
    });
    await test.step('update Top and Bottom: the list shows the new values', async () => {
      await camera.motion.updateWindow(id, { top: 1500, bottom: 8000 });
      expect(await find()).toMatchObject({ top: 1500, bottom: 8000, left: 5000, right: 8500 });
    });
    await test.step('an out-of-range value is refused and changes nothing', async () => {
      const n = id.slice(1);
      const res = await camera.client.get('/config.cgi', { action: 'update', [`Motion.M${n}.Top`]: '100', [`Motion.M${n}.Right`]: '10000' }, { expectStatus: 'any' });
      expect(cameraErrorOf(res.text), res.text.slice(0, 120)).toBeDefined();
      expect(await find()).toMatchObject({ top: 1500, right: 8500 });
    });
    await test.step('remove it: it is no longer listed, and removing it again is refused', async () => {
      await camera.motion.removeWindows([id]);
      expect(await find()).toBeUndefined();
      const again = await camera.client.get('/config.cgi', { action: 'remove', group: `Motion.${id}` }, { expectStatus: 'any' });
      expect(cameraErrorOf(again.text), again.text.slice(0, 120)).toBeDefined();
    });
  });

  test('motion.cgi streams one level line per window, lowest group first, in the spec format', async ({ camera, target, stateGuard }) => {
    void stateGuard;
    const added = await test.step('two more windows with distinct thresholds', async () => [
      await camera.motion.addWindow({ name: 'hil-a', threshold: 37 }),
      await camera.motion.addWindow({ name: 'hil-b', top: 5000, threshold: 63 }),
    ]);
    const windows = await camera.motion.listWindows();
    const expected = windows.map((w) => ({ group: w.group, threshold: w.threshold }));
    expect(expected.map((w) => `M${w.group}`)).toEqual(expect.arrayContaining(added));

    await test.step('read three parts: multipart/x-mixed-replace, text/plain parts, one line per window', async () => {
      const { stream, count } = await readLevelParts(camera, (p, i) => {
        expect(p.part.headers['content-type'], `part ${i} Content-Type`).toMatch(/^text\/plain\b/i);
        for (const line of p.lines) expect(line, `part ${i}`).toMatch(LINE);
        const levels = parseMotionLevels(p.text);
        expect(levels.map((l) => ({ group: l.group, threshold: l.threshold })), `part ${i}: windows and thresholds`).toEqual(expected);
        for (const l of levels) expect(l.level).toBeLessThanOrEqual(100);
        return i >= 2;
      });
      expect(count).toBe(3);
      expect(stream.contentType).toMatch(/^multipart\/x-mixed-replace\s*;\s*boundary=/i);
      // The spec proposes boundary mdb; the virtual camera uses it, a physical one may not.
      const boundary = /boundary="?([^";]+)/i.exec(stream.contentType)?.[1];
      if (target.isVirtual) expect(boundary).toBe('mdb');
      else if (boundary !== 'mdb') test.info().annotations.push({ type: 'note', description: `boundary is ${boundary}, not the proposed mdb` });
    });
  });
});
