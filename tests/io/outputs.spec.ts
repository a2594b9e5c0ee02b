// Spec §5.1 / §5.3 with the rig: digital output 1 is wired to a sense line of the relay
// board. output.cgi and port.cgi drive it and the sense line must follow: its delay is the
// output latency (io.output.latency), the length of a pulse on the line minus the length
// asked for is io.pulse.length.error. The spec elides the CGIs' parameters; the action
// strings are the family's analogs (docs/virtual-camera.md) of the family (`<n>:/` active, `<n>:\` inactive,
// `<n>:/300\` a 300 ms pulse, output.cgi numbering outputs from 1). Which I/O port number
// port.cgi gives output 1 is not in the spec: the VAPIX numbering (inputs first) is
// tried first and observed (io.port.numbering).
// The sense line reads the output's contacts: high = closed, which is "active" under the
// factory Output.O0.Active=closed. A line that never follows is SenseLevelNotReached, a
// camera defect; a board that does not answer is a RelayError, a lab problem. The timed
// tests attach a timeline of the requests and the line's edges, latencies marked.
import type { Camera } from '../../lib/camera/index.ts';
import { CameraDefect } from '../../lib/errors.ts';
import { timelineSvg, type TimelineEvent } from '../../lib/media/charts.ts';
import { startLagMonitor } from '../../lib/signoff/host-lag.ts';
import type { SenseInput } from '../../rigs/relay/protocol.ts';
import { test, expect, spec } from '../../fixtures/index.ts';
import { skipBecause, skipIf } from '../../fixtures/skip.ts';
import { levelName, senseSeenAt, senseWithin } from './support.ts';

const EDGE_TIMEOUT_MS = 3000;

/** performance.now() of a request, of its answer, and of the read that saw the line follow. */
interface Edge {
  sent: number;
  answered: number;
  seen: number;
}

/** Sends the request and watches the line meanwhile; the latency is seen - sent. */
async function edgeOf(sense: SenseInput, level: boolean, send: () => Promise<void>, what: string): Promise<Edge> {
  const sent = performance.now();
  const seen = quiet(senseSeenAt(sense, level, EDGE_TIMEOUT_MS, what));
  await send();
  const answered = performance.now();
  return { sent, answered, seen: await seen };
}

/** The report's timeline of requests (until answered) and the line following them, latencies marked. */
function edgeTimeline(edges: { edge: Edge; request: string; line: string }[], title: string): string {
  const events: TimelineEvent[] = edges.flatMap(({ edge, request, line }) => [
    { lane: 'output set', atMs: edge.sent, endMs: edge.answered, label: request },
    { lane: 'sense seen', atMs: edge.seen, label: line },
  ]);
  return timelineSvg(events, edges.map((_, i) => ({ from: 2 * i, to: 2 * i + 1 })), title);
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
  // The camera's own capability first, in beforeAll: it needs only worker fixtures, so a
  // camera without output 1 is skipped before the @changes-config guard backs it up.
  test.beforeAll(({ caps }) => skipIf(caps.require('outputs:1')));
  test.beforeEach(async ({ stimulus, camera }) => {
    skipIf(stimulus.output(1) ? undefined : 'the rig has no sense line wired to camera output 1 (lab inventory: wiring.outputs)');
    sense = stimulus.output(1)!;
    await inactive(camera, sense);
  });
  test.afterEach(async ({ camera }) => {
    if (sense) await camera.io.setOutput(1, false);
  });

  test('output.cgi active, then inactive: the sense line follows', spec('5.3', 'output.cgi', { severity: 'critical', tags: ['@timing'] }), async ({ camera, measure }, testInfo) => {
    const mon = startLagMonitor();
    const onEdge = await test.step('output.cgi?action=1:/ → the sense line goes high', () =>
      edgeOf(sense, true, () => camera.io.setOutput(1, true), 'output.cgi action=1:/'));
    await test.step('it stays high while the output is active', async () => {
      expect(await sense.read()).toBe(true);
    });
    const offEdge = await test.step('output.cgi?action=1:\\ → the sense line goes low', () =>
      edgeOf(sense, false, () => camera.io.setOutput(1, false), 'output.cgi action=1:\\'));
    await test.step('it stays low while the output is inactive', async () => {
      expect(await sense.read()).toBe(false);
    });
    await test.step('output latency: request to the sense line', async () => {
      const on = onEdge.seen - onEdge.sent;
      const off = offEdge.seen - offEdge.sent;
      measure('io.output.latency', Math.max(on, off), { unit: 'ms', note: `active ${on.toFixed(1)} ms, inactive ${off.toFixed(1)} ms (the worse is judged)`, lag: mon.stop() });
      const timeline = edgeTimeline([
        { edge: onEdge, request: 'output.cgi 1:/', line: 'line high' },
        { edge: offEdge, request: 'output.cgi 1:\\', line: 'line low' },
      ], 'output.cgi request to the sense line (output 1)');
      await testInfo.attach('io output timeline.svg', { body: timeline, contentType: 'image/svg+xml' });
    });
  });

  test('port.cgi drives output 1 through its I/O port number', spec('5.1', 'port.cgi'), async ({ camera, caps, observe }) => {
    // VAPIX counts inputs first, then outputs; a camera numbering outputs from 1 is the
    // other plausible choice. Driving an input port is harmless: a camera refuses it or
    // does nothing.
    const vapix = caps.nbrInputs + 1;
    const candidates = [...new Set([vapix, 1])];
    const tried: string[] = [];
    let found: number | undefined;
    for (const port of candidates) {
      if (found !== undefined) break;
      await test.step(`port.cgi?action=${port}:/ → does the sense line go high?`, async () => {
        try {
          await camera.io.setOutput(port, true, 'port');
        } catch (err) {
          if (!(err instanceof CameraDefect)) throw err;
          tried.push(`port ${port} refused (${err.message})`);
          return;
        }
        const seen = await senseWithin(sense, true, EDGE_TIMEOUT_MS);
        if (seen.at !== undefined) found = port;
        else {
          tried.push(`port ${port} answered, the line stayed low`);
          await camera.io.setOutput(port, false, 'port');
        }
      });
    }
    observe('io.port.numbering', {
      expected: `output 1 = port ${vapix}`,
      observed: found !== undefined ? `output 1 = port ${found}` : `no port drove output 1 (${tried.join('; ')})`,
      holds: found === vapix,
    });
    expect(found, `port.cgi drives output 1 through one of ports ${candidates.join(', ')}: ${tried.join('; ')}`).toBeDefined();
    const port = found!;
    await test.step(`it stays high while port ${port} is active`, async () => {
      expect(await sense.read()).toBe(true);
    });
    await test.step(`port.cgi?action=${port}:\\ → the sense line goes low`, async () => {
      await edgeOf(sense, false, () => camera.io.setOutput(port, false, 'port'), `port.cgi action=${port}:\\`);
      expect(await sense.read()).toBe(false);
    });
  });

  test('a 300 ms pulse holds the sense line high for 300 ms', spec('5.3', 'output.cgi', { severity: 'critical', tags: ['@timing'] }), async ({ camera, measure }, testInfo) => {
    const ms = 300;
    const mon = startLagMonitor();
    const { pulse, sent, answered } = await test.step(`output.cgi?action=1:/${ms}\\ → one pulse on the sense line`, async () => {
      const seen = quiet(pulsesOn(sense, 1, `pulse of ${ms} ms`));
      const sent = performance.now();
      await camera.io.pulse(1, ms);
      const answered = performance.now();
      return { pulse: (await seen)[0], sent, answered };
    });
    await test.step('the line stays low afterwards', async () => {
      expect(await sense.read()).toBe(false);
    });
    await test.step('pulse length error: seen minus requested', async () => {
      const length = pulse.low - pulse.high;
      measure('io.pulse.length.error', length - ms, { unit: 'ms', note: `requested ${ms} ms, seen ${length.toFixed(1)} ms`, lag: mon.stop() });
      const events: TimelineEvent[] = [
        { lane: 'output set', atMs: sent, endMs: answered, label: `output.cgi 1:/${ms}\\` },
        { lane: 'sense seen', atMs: pulse.high, label: 'line high' },
        { lane: 'sense seen', atMs: pulse.low, label: 'line low' },
      ];
      const timeline = timelineSvg(events, [{ from: 0, to: 1 }, { from: 1, to: 2, label: `pulse ${length.toFixed(1)} ms (asked ${ms})` }], `a ${ms} ms pulse on output 1 as the sense line saw it`);
      await testInfo.attach('io pulse timeline.svg', { body: timeline, contentType: 'image/svg+xml' });
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

  // Output.O0.Active is a VAPIX parameter the spec does not name: that the output still
  // follows output.cgi is §5.3's, which way round under Active=open is the house's.
  test('Output.O0.Active=open: the output still follows output.cgi, contacts open while active', spec('5.3', 'output.cgi', { tags: ['@changes-config'] }), async ({ camera, observe }) => {
    const setting = await camera.config.lookup('Output.O0.Active');
    if (setting.status !== 'listed') skipBecause(`the camera does not list Output.O0.Active (${setting.status}): it has no contact polarity to invert`);
    const idle = await test.step('set Output.O0.Active=open with the output inactive: read the line', async () => {
      await camera.config.update({ 'Output.O0.Active': 'open' });
      expect(await camera.config.require('Output.O0.Active')).toBe('open');
      // The house: inactive now means closed contacts, a high line.
      return (await senseWithin(sense, true, EDGE_TIMEOUT_MS)).last;
    });
    const driven = await test.step('output.cgi?action=1:/ → the line changes', async () => {
      await edgeOf(sense, !idle, () => camera.io.setOutput(1, true), `output.cgi action=1:/ with Active=open (line ${levelName(idle)} before)`);
      const now = await sense.read();
      expect(now, 'the line while output 1 is active').toBe(!idle);
      return now;
    });
    await test.step('output.cgi?action=1:\\ → the line changes back', async () => {
      await edgeOf(sense, idle, () => camera.io.setOutput(1, false), 'output.cgi action=1:\\ with Active=open');
      expect(await sense.read(), 'the line while output 1 is inactive again').toBe(idle);
    });
    observe('io.output.active', {
      expected: 'inactive: contacts closed (line high), active: open (line low)',
      observed: `inactive: line ${levelName(idle)}, active: line ${levelName(driven)}`,
      holds: idle && !driven,
    });
  });
});
