// Spec §3.1 / §3.2: presets, stored by name or by number, bring back the same view and are
// forgotten when removed; targets beyond the limits never take the head past them; a
// request the camera refuses does not move the head. Whether a camera clamps or refuses a
// target beyond its limits, and how it refuses, are its own choices (observed).
import { test, expect, spec } from '../../fixtures/index.ts';
import { skipIf } from '../../fixtures/skip.ts';
import { compareImages } from '../../lib/media/shift.ts';
import { answerOf, describeAnswer, isRefusal, observeRefusalForm } from '../video/answer.ts';
import { attachMove, describe, elsewhere, goTo, knownLimits, look, near, observeAnswer, somewhere, testResolution, waitStill } from './head.ts';

const PRESET = 'hil-preset';

test.describe('PTZ presets and limits', () => {
  test.beforeAll(async ({ caps }) => {
    skipIf(caps.require('ptz'));
  });

  test('a preset stored by name brings back the same view, by name and by number', spec('3.2', 'configptz.cgi', { tags: ['@ptz', '@changes-config'] }), async ({ camera, caps, measure, observe }) => {
    const res = testResolution(caps.resolutions);
    const p = await somewhere(camera);
    try {
      const before = await test.step(`store preset "${PRESET}" at ${describe(p)}`, async () => {
        await goTo(camera, p);
        observeAnswer(observe, 'ptz.configptz.answer', `setserverpresetname=${PRESET}`, await camera.ptz.setPreset(PRESET));
        expect((await camera.ptz.presets()).map((x) => x.name)).toContain(PRESET);
        return look(camera, res);
      });
      await test.step('move away', () => elsewhere(camera, p));
      await test.step('go to the preset by name: same position, same picture', async () => {
        await camera.ptz.gotoPreset(PRESET);
        await waitStill(camera, p);
        const after = await look(camera, res);
        const diff = compareImages(before, after);
        await attachMove(`go to preset "${PRESET}" by name`, before, after, { diff, beforeIs: 'when stored', afterIs: 'on return' });
        measure('ptz.preset.return.diff', diff.diffFraction, { unit: 'fraction', note: `preset ${PRESET} at ${describe(p)}` });
      });
      await test.step('go to it by number as listed', async () => {
        const no = (await camera.ptz.presets()).find((x) => x.name === PRESET)!.number;
        await elsewhere(camera, p);
        await camera.ptz.gotoPreset(no);
        await waitStill(camera, p);
        await attachMove(`go to preset "${PRESET}" by number ${no}`, before, await look(camera, res), { beforeIs: 'when stored', afterIs: 'on return' });
      });
    } finally {
      await camera.ptz.removePreset(PRESET);
    }
    expect((await camera.ptz.presets()).map((x) => x.name)).not.toContain(PRESET);
  });

  test('a preset stored by number (setserverpresetno) is listed at that number, goes there, and is removed by number', spec('3.2', 'configptz.cgi', { tags: ['@ptz', '@changes-config'] }), async ({ camera, caps }) => {
    const res = testResolution(caps.resolutions);
    const p = await somewhere(camera);
    // The lowest number not in use: any camera with presets has it.
    const used = new Set((await camera.ptz.presets()).map((x) => x.number));
    let no = 1;
    while (used.has(no)) no++;
    const stored = await test.step(`at ${describe(p)}: setserverpresetno=${no}`, async () => {
      await goTo(camera, p);
      await camera.ptz.storePreset({ number: no });
      expect((await camera.ptz.presets()).map((x) => x.number), 'query=presetposall numbers').toContain(no);
      return look(camera, res);
    });
    await test.step(`move away, gotoserverpresetno=${no}: back at ${describe(p)}`, async () => {
      await elsewhere(camera, p);
      await camera.ptz.gotoPreset(no);
      await waitStill(camera, p);
      await attachMove(`gotoserverpresetno=${no}`, stored, await look(camera, res), { beforeIs: 'when stored', afterIs: 'on return' });
    });
    await test.step(`removeserverpresetno=${no}: no longer listed`, async () => {
      await camera.ptz.removePreset(no);
      expect((await camera.ptz.presets()).map((x) => x.number), 'query=presetposall numbers').not.toContain(no);
    });
  });

  test('a target beyond the limits never takes the head past them', spec('3.1', 'ptz.cgi', { tags: ['@ptz'] }), async ({ camera, caps, observe }) => {
    const l = knownLimits(await camera.ptz.limits());
    // Inside the head's range (so the request itself is valid) but outside the configured limits.
    const candidates = [
      { axis: 'tilt', ask: l.maxTilt + 10, limit: l.maxTilt, range: 90 },
      { axis: 'pan', ask: l.maxPan + 5, limit: l.maxPan, range: 180 },
      { axis: 'tilt', ask: l.minTilt - 10, limit: l.minTilt, range: 90 },
    ] as const;
    const over = candidates.filter((c) => Math.abs(c.ask) <= c.range);
    skipIf(over.length === 0 ? `limits are the head's whole range (pan ${l.minPan}..${l.maxPan}, tilt ${l.minTilt}..${l.maxTilt}): nothing to clamp` : undefined);
    const { axis, ask, limit } = over[0];
    const start = await somewhere(camera);
    const res = testResolution(caps.resolutions);
    const first = await test.step(`start at ${describe(start)}`, async () => (await goTo(camera, start), look(camera, res)));
    await test.step(`ask for ${axis} ${ask}, beyond the limit ${limit}`, async () => {
      const a = answerOf(await camera.client.get('/ptz.cgi', { [axis]: String(ask), speed: '100' }, { expectStatus: 'any' }));
      if (isRefusal(a)) {
        observe('ptz.limits.clamp', { expected: 'accepted, the head stops at the limit', observed: `refused: ${describeAnswer(a)}`, holds: false });
        const now = await waitStill(camera);
        await attachMove(`${axis} ${ask} refused`, first, await look(camera, res));
        expect(near(now, start), `refused: the head stays at ${describe(start)}, now at ${describe(now)}`).toBe(true);
        return;
      }
      // Accepted: it comes to rest, never past the limit; exactly at it is the house's clamp.
      const p = await waitStill(camera);
      await attachMove(`${axis} ${ask} asked, limit ${limit}`, first, await look(camera, res));
      const inside = ask > limit ? p[axis] <= limit + 0.1 : p[axis] >= limit - 0.1;
      expect(inside, `${axis} ${p[axis]} after asking for ${ask}: past the limit ${limit}`).toBe(true);
      observe('ptz.limits.clamp', { expected: `${axis} ${limit}`, observed: `${axis} ${p[axis]}`, holds: Math.abs(p[axis] - limit) <= 0.1 });
    });
  });

  test('a request the camera refuses does not move the head', spec('3.1', 'ptz.cgi', { tags: ['@ptz'] }), async ({ camera, observe }) => {
    const p = await somewhere(camera);
    await test.step(`stand still at ${describe(p)}`, () => goTo(camera, p));
    const refused: string[] = [];
    for (const [what, query] of [
      ['a pan that is not a number', { pan: 'north' }],
      ['absolute and continuous at once', { pan: String(p.pan + 10), continuouspantiltmove: '10,0' }],
      ['an unknown move', { move: 'sideways' }],
    ] as const) {
      await test.step(`${what}: ${new URLSearchParams(query)}`, async () => {
        const a = answerOf(await camera.client.get('/ptz.cgi', query, { expectStatus: 'any' }));
        observe('ptz.refusal', { expected: 'refused', observed: `${what}: ${describeAnswer(a)}`, holds: isRefusal(a) });
        if (isRefusal(a)) {
          observeRefusalForm(observe, 'ptz.refusal.form', a);
          refused.push(what);
          return;
        }
        // Accepted: whatever it did is the camera's reading of the request; start over.
        await camera.ptz.stop();
        await goTo(camera, p);
      });
    }
    await test.step(`after the refused ones (${refused.join(', ') || 'none'}): the head is still at ${describe(p)}`, async () => {
      const now = await waitStill(camera);
      expect(near(now, p), `now at ${describe(now)}`).toBe(true);
    });
  });
});
