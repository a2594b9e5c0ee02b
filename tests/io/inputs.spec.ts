// Spec §5.2 with the rig: the relay wired to digital input 1 closes and opens its circuit;
// input.cgi must report the state, and its monitor stream must report each edge as it
// happens. The time from the relay command to the monitor part's arrival is the input
// latency (io.input.latency).
import { test, expect, spec } from '../../fixtures/index.ts';
import { InputMonitor, stateOf, type MonitorPart } from './support.ts';

test.describe('digital input 1 switched by the rig', () => {
  test.beforeEach(async ({ caps }) => {
    const why = caps.require('inputs:1');
    if (why) console.log(`skip: ${why}`);
    test.skip(!!why, why);
  });

  test('relay on: input.cgi and the monitor stream report input 1 active; off: inactive', spec('5.2', 'input.cgi', { severity: 'critical', tags: ['@timing'] }), async ({ camera, stimulus, measure }) => {
    await test.step('relay off: input.cgi check=1 reports IO1 inactive', async () => {
      await stimulus.input(1, false);
      await expect.poll(async () => (await camera.io.checkInputs([1]))[0]?.active, { timeout: 3000, message: 'IO1 with the relay off' }).toBe(false);
    });
    const monitor = await test.step('open input.cgi?monitor=1: the first part is the current state, inactive', async () => {
      const m = await InputMonitor.open(camera, [1], 30_000);
      const first = await m.next('IO1 in the first part', (p) => stateOf(p, 1) !== undefined);
      expect(stateOf(first, 1), `first monitor part: ${m.describe()}`).toBe(false);
      return m;
    });
    try {
      const latencies: number[] = [];
      for (const closed of [true, false]) {
        const state = closed ? 'active' : 'inactive';
        let part: MonitorPart | undefined;
        await test.step(`relay ${closed ? 'on' : 'off'}: the monitor stream reports IO1 ${state}`, async () => {
          const sent = performance.now();
          await stimulus.input(1, closed);
          part = await monitor.next(`IO1 ${state}`, (p) => stateOf(p, 1) === closed);
          latencies.push(part.arrivedAt - sent);
        });
        await test.step(`input.cgi check=1 reports IO1 ${state}`, async () => {
          const states = await camera.io.checkInputs([1]);
          expect(states.map((s) => s.port)).toEqual([1]);
          expect(states[0].active, `IO1:${states[0].char}`).toBe(closed);
        });
      }
      await test.step('the monitor reported the two edges and nothing else (no bounce)', async () => {
        // Repeats of the same state are allowed (a part may be sent for another reason).
        const seen = monitor.history(1).filter((s, i, all) => i === 0 || s !== all[i - 1]);
        expect(seen, `monitor parts: ${monitor.describe()}`).toEqual([false, true, false]);
      });
      await test.step('input latency: relay command to the monitor part', async () => {
        measure('io.input.latency', Math.max(...latencies), { unit: 'ms', note: `on ${latencies[0].toFixed(1)} ms, off ${latencies[1].toFixed(1)} ms (the worse is judged)` });
      });
    } finally {
      monitor.close();
    }
  });

  test('Input.I0.Trig=open: the input is active while its circuit is open', spec('5.2', 'input.cgi'), async ({ camera, stimulus, stateGuard }) => {
    void stateGuard;
    await test.step('set Input.I0.Trig=open', async () => {
      await stimulus.input(1, false);
      await camera.config.update({ 'Input.I0.Trig': 'open' });
    });
    await test.step('relay off (circuit open): IO1 active', async () => {
      await expect.poll(async () => (await camera.io.checkInputs([1]))[0]?.active, { timeout: 3000, message: 'IO1 with Trig=open and the relay off' }).toBe(true);
    });
    await test.step('relay on (circuit closed): IO1 inactive', async () => {
      await stimulus.input(1, true);
      await expect.poll(async () => (await camera.io.checkInputs([1]))[0]?.active, { timeout: 3000, message: 'IO1 with Trig=open and the relay on' }).toBe(false);
    });
  });
});
