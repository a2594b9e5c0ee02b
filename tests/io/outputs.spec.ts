// Spec §5.1 / §5.3 with the rig: digital output 1 is wired to a sense line of the relay
// board. output.cgi and port.cgi drive it (active, inactive, pulses) and the sense line
// must follow: its delay is the output latency (io.output.latency), the length of a
// pulse on the line minus the length asked for is io.pulse.length.error.
// The sense line reads the output's contacts: high = closed, which is "active" under the
// factory Output.O0.Active=closed.
import type { Camera } from '../../lib/camera/index.ts';
import type { SenseInput } from '../../rigs/relay/protocol.ts';
import { test, expect, spec } from '../../fixtures/index.ts';
import { senseSeenAt } from './support.ts';

const EDGE_TIMEOUT_MS = 3000;

/** Sends the request and watches the line meanwhile; resolves with ms from request to the line at `level`. */
async function latencyOf(sense: SenseInput, level: boolean, send: () => Promise<void>, what: string): Promise<number> {
  const sent = performance.now();
  const seen = quiet(senseSeenAt(sense, level, EDGE_TIMEOUT_MS, what));
  await send();
  return (await seen) - sent;
}

/**
 * A watch started before its request: when the request fails, the watch's own failure
 * follows later and must not surface as an unhandled rejection (the request's error is
 * the one reported). Awaiting the returned promise still throws.
 */
function quiet<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}

/** The first `count` pulses (high, then low again) seen on the line, with their edge times. */
async function pulsesOn(sense: SenseInput, count: number, what: string): Promise<{ high: number; low: number }[]> {
  const out: { high: number; low: number }[] = [];
  while (out.length < count) {
    const high = await senseSeenAt(sense, true, EDGE_TIMEOUT_MS, `${what}, pulse ${out.length + 1} start`);
    const low = await senseSeenAt(sense, false, EDGE_TIMEOUT_MS, `${what}, pulse ${out.length + 1} end`);
    out.push({ high, low });
  }
  return out;
}

async function inactive(camera: Camera, sense: SenseInput): Promise<void> {
  await camera.io.setOutput(1, false);
  await senseSeenAt(sense, false, EDGE_TIMEOUT_MS, 'output 1 set inactive');
}

test.describe('digital output 1 read by the rig', () => {
  let sense: SenseInput;
  test.beforeEach(async ({ caps, stimulus, camera }) => {
    const why = caps.require('outputs:1') ?? (stimulus.output(1) ? undefined : 'the rig has no sense line wired to camera output 1');
    if (why) console.log(`skip: ${why}`);
    test.skip(!!why, why);
    sense = stimulus.output(1)!;
    await inactive(camera, sense);
  });
  test.afterEach(async ({ camera }) => {
    if (sense) await camera.io.setOutput(1, false);
  });

  test('output.cgi active, then inactive: the sense line follows', spec('5.3', 'output.cgi', { severity: 'critical', tags: ['@timing'] }), async ({ camera, measure }) => {
    const on = await test.step('output.cgi?action=1:/ → the sense line goes high', () =>
      latencyOf(sense, true, () => camera.io.setOutput(1, true), 'output.cgi action=1:/'));
    await test.step('it stays high while the output is active', async () => {
      expect(await sense.read()).toBe(true);
    });
    const off = await test.step('output.cgi?action=1:\\ → the sense line goes low', () =>
      latencyOf(sense, false, () => camera.io.setOutput(1, false), 'output.cgi action=1:\\'));
    await test.step('output latency: request to the sense line', async () => {
      measure('io.output.latency', Math.max(on, off), { unit: 'ms', note: `active ${on.toFixed(1)} ms, inactive ${off.toFixed(1)} ms (the worse is judged)` });
    });
  });

  test('port.cgi drives output 1 as I/O port NbrOfInputs+1', spec('5.1', 'port.cgi'), async ({ camera, caps }) => {
    // Ports count inputs first, then outputs (VAPIX), so output 1 is port NbrOfInputs+1.
    const port = caps.nbrInputs + 1;
    await test.step(`port.cgi?action=${port}:/ → the sense line goes high`, async () => {
      await latencyOf(sense, true, () => camera.io.setOutput(port, true, 'port'), `port.cgi action=${port}:/`);
    });
    await test.step(`port.cgi?action=${port}:\\ → the sense line goes low`, async () => {
      await latencyOf(sense, false, () => camera.io.setOutput(port, false, 'port'), `port.cgi action=${port}:\\`);
    });
  });

  test('a 300 ms pulse holds the sense line high for 300 ms', spec('5.3', 'output.cgi', { severity: 'critical', tags: ['@timing'] }), async ({ camera, measure }) => {
    const ms = 300;
    const [pulse] = await test.step(`output.cgi?action=1:/${ms}\\ → one pulse on the sense line`, async () => {
      const seen = quiet(pulsesOn(sense, 1, `pulse of ${ms} ms`));
      await camera.io.pulse(1, ms);
      return seen;
    });
    await test.step('the line stays low afterwards', async () => {
      expect(await sense.read()).toBe(false);
    });
    await test.step('pulse length error: seen minus requested', async () => {
      const length = pulse.low - pulse.high;
      measure('io.pulse.length.error', length - ms, { unit: 'ms', note: `requested ${ms} ms, seen ${length.toFixed(1)} ms` });
    });
  });

  test('a pulse train 1:/200\\200/200\\ shows as two pulses', spec('5.3', 'output.cgi'), async ({ camera }) => {
    const pulses = await test.step('output.cgi?action=1:/200\\200/200\\ → two pulses on the sense line', async () => {
      const seen = quiet(pulsesOn(sense, 2, 'pulse train'));
      await camera.io.action(1, ['/', 200, '\\', 200, '/', 200, '\\']);
      return seen;
    });
    await test.step('the second pulse starts after the first has ended, and the line ends low', async () => {
      expect(pulses[1].high).toBeGreaterThan(pulses[0].low);
      expect(await sense.read()).toBe(false);
    });
  });

  test('Output.O0.Active=open: the contacts open while the output is active', spec('5.3', 'output.cgi'), async ({ camera, stateGuard }) => {
    void stateGuard;
    await test.step('set Output.O0.Active=open: inactive, the contacts are closed (line high)', async () => {
      await camera.config.update({ 'Output.O0.Active': 'open' });
      await senseSeenAt(sense, true, EDGE_TIMEOUT_MS, 'Output.O0.Active=open with the output inactive');
    });
    await test.step('output.cgi?action=1:/ → the line goes low', async () => {
      await latencyOf(sense, false, () => camera.io.setOutput(1, true), 'output.cgi action=1:/ with Active=open');
    });
    await test.step('output.cgi?action=1:\\ → the line goes high again', async () => {
      await latencyOf(sense, true, () => camera.io.setOutput(1, false), 'output.cgi action=1:\\ with Active=open');
    });
  });
});
