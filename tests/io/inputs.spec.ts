// Spec §5.2 with the rig: the relay wired to digital input 1 closes and opens its circuit;
// input.cgi must report the state (`IO<n>:<char>`, `/` or `H` active, `\` or `L`
// inactive, extra blank lines allowed), and its monitor stream must report each edge as
// it happens. The time from the relay command to the monitor part's arrival is the input
// latency (io.input.latency). Whether the monitor opens with a part holding the current
// state is not in the spec: observed (io.monitor.initial); a camera that sends changes
// only passes, and the edges it then reports are checked the same way. The report gets a
// timeline of the relay commands and the parts that showed them, latencies marked.
import { test, expect, spec } from '../../fixtures/index.ts';
import { skipBecause, skipIf } from '../../fixtures/skip.ts';
import { timelineSvg, type TimelineEvent, type TimelineLatency } from '../../lib/media/charts.ts';
import { startLagMonitor } from '../../lib/signoff/host-lag.ts';
import { edges, explainSilence, InputMonitor, inputStateSettled, stateOf, type MonitorPart } from './support.ts';

/** How long a first part with the current state may take to come before we call it absent. */
const INITIAL_PART_MS = 1500;

test.describe('digital input 1 switched by the rig', () => {
  test.beforeAll(({ caps }) => skipIf(caps.require('inputs:1')));

  test('relay on: input.cgi and the monitor stream report input 1 active; off: inactive', spec('5.2', 'input.cgi', { severity: 'critical', tags: ['@timing'] }), async ({ camera, stimulus, measure, observe }, testInfo) => {
    await test.step('relay off: input.cgi check=1 reports IO1 inactive', async () => {
      await stimulus.input(1, false);
      expect((await inputStateSettled(camera, 1, false)).active, 'IO1 with the relay off').toBe(false);
    });
    const { monitor, initial } = await test.step('open input.cgi?monitor=1: a part sent at once shows the current state, inactive', async () => {
      const m = await InputMonitor.open(camera, [1], 30_000);
      const first = await m.poll(() => true, INITIAL_PART_MS);
      observe('io.monitor.initial', {
        expected: 'a part with IO1 inactive at once',
        observed: first ? `a part (${m.describe()}) after ${(first.arrivedAt - m.openedAt).toFixed(0)} ms` : `no part within ${INITIAL_PART_MS} ms`,
        holds: first !== undefined,
      });
      // Whenever a part comes, §5.2 says what it holds: the monitored port's state now.
      if (first) expect(stateOf(first, 1), `first monitor part: ${m.describe()}`).toBe(false);
      return { monitor: m, initial: first !== undefined };
    });
    try {
      const latencies: number[] = [];
      // For the report's timeline: each relay command (until the board acknowledged it) and
      // the monitor part that showed its edge.
      const events: TimelineEvent[] = [];
      const links: TimelineLatency[] = [];
      const mon = startLagMonitor();
      for (const closed of [true, false]) {
        const state = closed ? 'active' : 'inactive';
        let part: MonitorPart | undefined;
        await test.step(`relay ${closed ? 'on' : 'off'}: the monitor stream reports IO1 ${state}`, async () => {
          const sent = performance.now();
          await stimulus.input(1, closed);
          events.push({ lane: 'relay switched', atMs: sent, endMs: performance.now(), label: `relay ${closed ? 'on' : 'off'}` });
          part = await monitor.next(`IO1 ${state} after the relay switched`, (p) => stateOf(p, 1) === closed).catch((e) => explainSilence(e, camera, 1));
          expect(stateOf(part, 1)).toBe(closed);
          latencies.push(part.arrivedAt - sent);
          events.push({ lane: 'input seen', atMs: part.arrivedAt, label: `IO1 ${state}` });
          links.push({ from: events.length - 2, to: events.length - 1 });
        });
        await test.step(`input.cgi check=1 reports IO1 ${state}`, async () => {
          const states = await camera.io.checkInputs([1]);
          expect(states.map((s) => s.port), 'one IO line for the one port asked').toEqual([1]);
          expect(states[0].active, `IO1:${states[0].char}`).toBe(closed);
        });
      }
      await test.step('the monitor reported the two edges and nothing else (no bounce)', async () => {
        // Repeats of the same state are allowed (a part may be sent for another reason). A
        // first part that came late still counts as the current state before the edges.
        const seen = edges(monitor.history(1));
        const expected = initial || seen[0] === false ? [false, true, false] : [true, false];
        expect(seen, `monitor parts: ${monitor.describe()}`).toEqual(expected);
      });
      await test.step('input latency: relay command to the monitor part', async () => {
        measure('io.input.latency', Math.max(...latencies), { unit: 'ms', note: `on ${latencies[0].toFixed(1)} ms, off ${latencies[1].toFixed(1)} ms (the worse is judged)`, lag: mon.stop() });
        await testInfo.attach('io input timeline.svg', { body: timelineSvg(events, links, 'relay command to input.cgi monitor part (input 1)'), contentType: 'image/svg+xml' });
      });
    } finally {
      monitor.close();
    }
  });

  // Input.I0.Trig is a VAPIX parameter the spec does not name: that the input follows its
  // circuit is §5.2's, which way round under Trig=open is the house's (io.input.trig).
  test('Input.I0.Trig=open: input 1 still follows its circuit, active while it is open', spec('5.2', 'input.cgi', { tags: ['@changes-config'] }), async ({ camera, stimulus, observe }) => {
    const trig = await camera.config.lookup('Input.I0.Trig');
    if (trig.status !== 'listed') skipBecause(`the camera does not list Input.I0.Trig (${trig.status}): it has no trigger setting to invert`);
    await test.step('set Input.I0.Trig=open with the relay off', async () => {
      await stimulus.input(1, false);
      await camera.config.update({ 'Input.I0.Trig': 'open' });
      expect(await camera.config.require('Input.I0.Trig')).toBe('open');
    });
    const open = await test.step('relay off (circuit open): read IO1', () => inputStateSettled(camera, 1, true));
    const closed = await test.step('relay on (circuit closed): IO1 changed', async () => {
      await stimulus.input(1, true);
      const s = await inputStateSettled(camera, 1, false);
      expect(s.active, `IO1 was ${open.char} with the circuit open, ${s.char} with it closed`).toBe(!open.active);
      return s;
    });
    observe('io.input.trig', {
      expected: 'circuit open: IO1 active, closed: inactive',
      observed: `circuit open: IO1:${open.char}, closed: IO1:${closed.char}`,
      holds: open.active && !closed.active,
    });
  });
});
