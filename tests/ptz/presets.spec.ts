// Spec §3.1 / §3.2: presets and home bring back the same view; targets beyond the limits
// are clamped to them; a bad request is refused and the head does not move.
import { test, expect } from '../../fixtures/index.ts';
import { cameraErrorOf, type Camera } from '../../lib/camera/index.ts';
import { compareImages } from '../../lib/media/shift.ts';
import { clamp, describe, goTo, knownLimits, look, near, testResolution, waitStill, type Pose } from './head.ts';

const PRESET = 'hil-preset';

test.describe('PTZ presets, home and limits', () => {
  test.beforeEach(async ({ caps }) => {
    const why = caps.require('ptz');
    if (why) console.log(`skip: ${why}`);
    test.skip(!!why, why);
  });

  /** A pose off the usual ones (not home, not a round angle), inside the limits. */
  async function somewhere(camera: Camera): Promise<Pose> {
    const l = knownLimits(await camera.ptz.limits());
    return { pan: clamp(17.3, l.minPan, l.maxPan), tilt: clamp(-12.6, l.minTilt, l.maxTilt), zoom: Math.round(l.minZoom + (l.maxZoom - l.minZoom) / 10) };
  }

  async function elsewhere(camera: Camera, from: Pose): Promise<void> {
    const l = knownLimits(await camera.ptz.limits());
    await goTo(camera, { pan: clamp(from.pan - 30, l.minPan, l.maxPan), tilt: clamp(from.tilt + 8, l.minTilt, l.maxTilt), zoom: l.minZoom });
  }

  test('a preset brings back the same view', { tag: '@ptz' }, async ({ camera, caps, measure, stateGuard }) => {
    void stateGuard;
    const res = testResolution(caps.resolutions);
    const p = await somewhere(camera);
    try {
      const before = await test.step(`store preset "${PRESET}" at ${describe(p)}`, async () => {
        await goTo(camera, p);
        await camera.ptz.setPreset(PRESET);
        expect((await camera.ptz.presets()).map((x) => x.name)).toContain(PRESET);
        return look(camera, res);
      });
      await test.step('move away', () => elsewhere(camera, p));
      await test.step('go to the preset by name: same position, same picture', async () => {
        await camera.ptz.gotoPreset(PRESET);
        await waitStill(camera, p);
        const diff = compareImages(before, await look(camera, res));
        measure('ptz.preset.return.diff', diff.diffFraction, { unit: 'fraction', note: `preset ${PRESET} at ${describe(p)}` });
      });
      await test.step('go to it by number as listed', async () => {
        const no = (await camera.ptz.presets()).find((x) => x.name === PRESET)!.number;
        await elsewhere(camera, p);
        await camera.ptz.gotoPreset(no);
        await waitStill(camera, p);
      });
    } finally {
      await camera.ptz.removePreset(PRESET);
    }
    expect((await camera.ptz.presets()).map((x) => x.name)).not.toContain(PRESET);
  });

  test('home brings back the same view', { tag: '@ptz' }, async ({ camera, caps, measure }) => {
    const res = testResolution(caps.resolutions);
    const p = await somewhere(camera);
    const { home, before } = await test.step('from somewhere else, go home', async () => {
      await goTo(camera, p);
      await camera.ptz.home();
      const home = await waitStillAwayFrom(camera, p);
      return { home, before: await look(camera, res) };
    });
    await test.step('move away and home again: same position, same picture', async () => {
      await elsewhere(camera, home);
      await camera.ptz.home();
      await waitStill(camera, home);
      const diff = compareImages(before, await look(camera, res));
      measure('ptz.preset.return.diff', diff.diffFraction, { unit: 'fraction', note: `home at ${describe(home)}` });
    });
  });

  test('a target beyond the limits is clamped to them', { tag: '@ptz' }, async ({ camera }) => {
    const l = knownLimits(await camera.ptz.limits());
    // Inside the head's range (so the request itself is valid) but outside the configured limits.
    const candidates = [
      { axis: 'tilt', ask: l.maxTilt + 10, limit: l.maxTilt, range: 90 },
      { axis: 'pan', ask: l.maxPan + 5, limit: l.maxPan, range: 180 },
      { axis: 'tilt', ask: l.minTilt - 10, limit: l.minTilt, range: 90 },
    ] as const;
    const over = candidates.filter((c) => Math.abs(c.ask) <= c.range);
    test.skip(over.length === 0, `limits are the head's whole range (pan ${l.minPan}..${l.maxPan}, tilt ${l.minTilt}..${l.maxTilt}): nothing to clamp`);
    const { axis, ask, limit } = over[0];
    const start = await somewhere(camera);
    await test.step(`start at ${describe(start)}`, () => goTo(camera, start));
    await test.step(`ask for ${axis} ${ask}: accepted, the head stops at the limit ${limit}`, async () => {
      await camera.ptz.absolute({ [axis]: ask, speed: 100 });
      const p = await waitStill(camera, { ...start, [axis]: limit });
      expect(p[axis]).toBeCloseTo(limit, 1);
    });
  });

  test('a bad request is refused with an error and the head does not move', { tag: '@ptz' }, async ({ camera }) => {
    const p = await somewhere(camera);
    await test.step(`stand still at ${describe(p)}`, () => goTo(camera, p));
    for (const [what, query] of [
      ['a pan that is not a number', { pan: 'north' }],
      ['absolute and continuous at once', { pan: p.pan + 10, continuouspantiltmove: '10,0' }],
      ['an unknown move', { move: 'sideways' }],
    ] as const) {
      await test.step(`${what}: # Error`, async () => {
        const res = await camera.client.get('/ptz.cgi', query, { expectStatus: 'any' });
        expect(cameraErrorOf(res.text), `reply to ${JSON.stringify(query)}: ${res.text.slice(0, 120)}`).toBeDefined();
      });
    }
    await test.step('the position is unchanged', async () => {
      const now = await waitStill(camera);
      expect(near(now, p), `now at ${describe(now)}`).toBe(true);
    });
  });
});

/** Waits for the head to leave `from` and come to rest (where it goes is not known up front). */
async function waitStillAwayFrom(camera: Camera, from: Pose, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await camera.ptz.position();
    if (!near(now, from)) return waitStill(camera, undefined, Math.max(1000, deadline - Date.now()));
    if (Date.now() > deadline) throw new Error(`PTZ did not leave ${describe(from)} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
