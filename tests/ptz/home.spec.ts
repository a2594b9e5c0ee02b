// Spec §3.1 / §3.2: move=home brings back the same view every time, and configptz.cgi's
// home=yes makes the current position home, so move=home goes there from then on.
import { test, expect, spec } from '../../fixtures/index.ts';
import { skipIf } from '../../fixtures/skip.ts';
import { compareImages } from '../../lib/media/shift.ts';
import { describe, elsewhere, goTo, look, near, observeAnswer, somewhere, testResolution, waitStill, waitStillAwayFrom } from './head.ts';

test.describe('PTZ home', () => {
  test.beforeEach(async ({ caps }) => {
    skipIf(caps.require('ptz'));
  });

  test('move=home brings back the same view; configptz.cgi home=yes makes another position home', spec('3.2', 'configptz.cgi', { tags: ['@ptz'] }), async ({ camera, caps, measure, stateGuard, observe }) => {
    void stateGuard;
    const res = testResolution(caps.resolutions);
    const p = await somewhere(camera);
    const { home, before } = await test.step(`from ${describe(p)}, move=home`, async () => {
      await goTo(camera, p);
      observeAnswer(observe, 'ptz.answer', 'move=home', await camera.ptz.home());
      const home = await waitStillAwayFrom(camera, p);
      return { home, before: await look(camera, res) };
    });
    await test.step(`move away and home again: same position (${describe(home)}), same picture`, async () => {
      await elsewhere(camera, home);
      await camera.ptz.home();
      await waitStill(camera, home);
      const diff = compareImages(before, await look(camera, res));
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
        expect(near(now, p), `move=home ended at ${describe(now)}`).toBe(true);
      });
    } finally {
      // The old home back (the state guard restores the parameters as well).
      await goTo(camera, home);
      await camera.ptz.setHomeHere();
    }
  });
});
