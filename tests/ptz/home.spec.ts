// Spec §3.1 / §3.2: move=home brings back the same view every time, and configptz.cgi's
// home=yes makes the current position home, so move=home goes there from then on.
import { test, expect, spec } from '../../fixtures/index.ts';
import { skipIf } from '../../fixtures/skip.ts';
import { compareImages } from '../../lib/media/shift.ts';
import { attachMove, describe, elsewhere, goTo, look, near, observeAnswer, somewhere, testResolution, waitStill, waitStillAwayFrom } from './head.ts';

test.describe('PTZ home', () => {
  test.beforeAll(async ({ caps }) => {
    skipIf(caps.require('ptz'));
  });

  test('move=home brings back the same view; configptz.cgi home=yes makes another position home', spec('3.2', 'configptz.cgi', { tags: ['@ptz', '@changes-config'] }), async ({ camera, caps, measure, observe }) => {
    const res = testResolution(caps.resolutions);
    const p = await somewhere(camera);
    const { home, before, atP } = await test.step(`from ${describe(p)}, move=home`, async () => {
      await goTo(camera, p);
      const atP = await look(camera, res);
      observeAnswer(observe, 'ptz.answer', 'move=home', await camera.ptz.home());
      const home = await waitStillAwayFrom(camera, p);
      const before = await look(camera, res);
      await attachMove('move=home', atP, before);
      return { home, before, atP };
    });
    await test.step(`move away and home again: same position (${describe(home)}), same picture`, async () => {
      await elsewhere(camera, home);
      await camera.ptz.home();
      await waitStill(camera, home);
      const after = await look(camera, res);
      const diff = compareImages(before, after);
      await attachMove('move=home again', before, after, { diff, beforeIs: 'at home the first time', afterIs: 'back at home' });
      measure('ptz.preset.return.diff', diff.diffFraction, { unit: 'fraction', note: `home at ${describe(home)}` });
    });
    try {
      await test.step(`at ${describe(p)}: configptz.cgi?home=yes`, async () => {
        await goTo(camera, p);
        observeAnswer(observe, 'ptz.configptz.answer', 'home=yes', await camera.ptz.setHomeHere());
      });
      await test.step(`move away and move=home: the head goes to ${describe(p)}, the new home`, async () => {
        await elsewhere(camera, p);
        await camera.ptz.home();
        const now = await waitStill(camera, p);
        // The view at the new home was taken in the first step, at the same position.
        await attachMove('move=home to the new home', atP, await look(camera, res), { beforeIs: `at ${describe(p)} before it became home`, afterIs: 'back at the new home' });
        expect(near(now, p), `move=home ended at ${describe(now)}`).toBe(true);
      });
    } finally {
      // The old home back (the state guard restores the parameters as well).
      await goTo(camera, home);
      await camera.ptz.setHomeHere();
    }
  });
});
