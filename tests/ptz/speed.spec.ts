// Spec §3.1, speed: `speed=N` sets how fast the head moves (the family's 1..100, for this
// and later moves), query=speed reads it back, and a lower speed makes the same turn take
// longer — timed by polling query=position, the way a user sees the head arrive.
import { test, expect, spec } from '../../fixtures/index.ts';
import { skipIf } from '../../fixtures/skip.ts';
import type { Camera } from '../../lib/camera/index.ts';
import { attachMove, describe, goTo, look, near, observeAnswer, PtzNeverAtRest, startPose, testResolution, waitStill, type Pose } from './head.ts';

const TURN_DEG = 20;
const FAST = 100;
const SLOW = 20;
/** The slow turn must take at least this many times as long (the speeds differ 5×). */
const SLOWER_BY = 1.5;

/** Sends a move, then polls the position until the head is at `to`: ms from sending to arrival. */
async function timeMove(camera: Camera, send: () => Promise<unknown>, to: Pose, timeoutMs = 15_000): Promise<number> {
  const t0 = performance.now();
  await send();
  for (;;) {
    const p = await camera.ptz.position();
    if (near(p, to)) return performance.now() - t0;
    if (performance.now() - t0 > timeoutMs) throw new PtzNeverAtRest(`PTZ did not arrive at ${describe(to)} within ${timeoutMs} ms; last at ${describe(p)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

test.describe('PTZ speed', () => {
  test.beforeAll(async ({ caps }) => {
    skipIf(caps.require('ptz'));
  });

  test(`speed=N is read back by query=speed; at speed ${SLOW} a turn takes longer than at ${FAST}`, spec('3.1', 'ptz.cgi', { tags: ['@ptz'] }), async ({ camera, caps, observe }) => {
    const res = testResolution(caps.resolutions);
    const start = await startPose(camera);
    const turned = { ...start, pan: start.pan + TURN_DEG };
    const before = await test.step('query=speed: the speed before the test', () => camera.ptz.speed());
    try {
      const atStart = await test.step(`start at ${describe(start)}`, async () => (await goTo(camera, start), look(camera, res)));
      const fast = await test.step(`speed=${FAST}: query=speed says ${FAST}; pan ${TURN_DEG}° right`, async () => {
        observeAnswer(observe, 'ptz.answer', `speed=${FAST}`, await camera.ptz.setSpeed(FAST));
        expect(await camera.ptz.speed(), 'query=speed').toBe(FAST);
        // No speed= in the move: the one set before applies.
        const ms = await timeMove(camera, () => camera.ptz.absolute({ pan: turned.pan }), turned);
        await waitStill(camera, turned);
        // Taken once the head rests: the timing above is over.
        const after = await look(camera, res);
        await attachMove(`pan ${TURN_DEG}° right at speed ${FAST}`, atStart, after);
        return { ms, after };
      });
      const slow = await test.step(`speed=${SLOW}: query=speed says ${SLOW}; pan ${TURN_DEG}° back`, async () => {
        await camera.ptz.setSpeed(SLOW);
        expect(await camera.ptz.speed(), 'query=speed').toBe(SLOW);
        const ms = await timeMove(camera, () => camera.ptz.absolute({ pan: start.pan }), start);
        await waitStill(camera, start);
        await attachMove(`pan ${TURN_DEG}° back at speed ${SLOW}`, fast.after, await look(camera, res));
        return ms;
      });
      await test.step(`the turn at speed ${SLOW} took ${slow.toFixed(0)} ms, at ${FAST} ${fast.ms.toFixed(0)} ms`, async () => {
        expect(slow, `a ${TURN_DEG}° turn at speed ${SLOW} vs ${FAST}`).toBeGreaterThan(SLOWER_BY * fast.ms);
      });
    } finally {
      await camera.ptz.setSpeed(before);
    }
  });
});
