import { test, expect } from '@playwright/test';
import { openBoard } from '../../../rigs/relay/open.ts';
import { numatoId } from '../../../rigs/relay/numato.ts';
import { RelayError, SenseLevelNotReached } from '../../../rigs/relay/errors.ts';
import { categoryOf } from '../../../lib/errors.ts';
import { scriptedPort, numatoReplies, MockBinding } from './scripted-port.ts';

const PROBE = '\rver\r'; // a bare CR to end any half-typed line, then `ver`

test('opening probes with CR then ver, byte for byte', async () => {
  const port = scriptedPort(numatoReplies({ ver: '00000008' }));
  const board = await openBoard({ driver: 'numato', path: port.path, binding: port.binding });
  expect(port.written().toString('latin1')).toBe(PROBE);
  expect(board.describe()).toBe(`numato board (8 relays) on ${port.path}`);
  await board.close();
});

test('relay on/off/read send the exact commands and parse on/off', async () => {
  let state = 'off';
  const port = scriptedPort((w) => {
    const cmd = w.toString('latin1').replace(/\r$/, '');
    if (cmd === 'relay on 3') state = 'on';
    if (cmd === 'relay off 3') state = 'off';
    return numatoReplies({ ver: '00000008', 'relay read 3': state })(w);
  });
  const board = await openBoard({ driver: 'numato', path: port.path, binding: port.binding });
  const ch = board.channel(3);
  await ch.set(true);
  expect(await ch.get()).toBe(true);
  await ch.set(false);
  expect(await ch.get()).toBe(false);
  expect(port.written().toString('latin1')).toBe(PROBE + 'relay on 3\rrelay read 3\rrelay off 3\rrelay read 3\r');
  await board.close();
});

test('relays and GPIOs from 10 up are letters', async () => {
  expect([0, 9, 10, 11, 31].map(numatoId)).toEqual(['0', '9', 'A', 'B', 'V']);
  const port = scriptedPort(numatoReplies({ ver: '00000008', 'gpio read B': '1' }));
  const board = await openBoard({ driver: 'numato', path: port.path, binding: port.binding, channels: 16, inputs: 16 });
  await board.channel(10).set(true);
  expect(await board.sense(11)!.read()).toBe(true);
  expect(port.written().toString('latin1')).toBe(PROBE + 'relay on A\rgpio read B\r');
  await board.close();
});

test('a reply split across several chunks is put together', async () => {
  const port = scriptedPort((w) => {
    const cmd = w.toString('latin1').replace(/\r$/, '');
    if (cmd === 'relay read 1') return ['rel', 'ay read 1\n', '\ron\n\r', '>'];
    return numatoReplies({ ver: '00000008' })(w);
  });
  const board = await openBoard({ driver: 'numato', path: port.path, binding: port.binding });
  expect(await board.channel(1).get()).toBe(true);
  await board.close();
});

test('gpio read gives sense levels; waitFor returns the time waited', async () => {
  let reads = 0;
  const port = scriptedPort((w) => {
    const cmd = w.toString('latin1').replace(/\r$/, '');
    if (cmd === 'gpio read 0') reads++;
    return numatoReplies({ ver: '00000008', 'gpio read 0': reads >= 4 ? '1' : '0', 'gpio read 1': '0' })(w);
  });
  const board = await openBoard({ driver: 'numato', path: port.path, binding: port.binding });
  expect(await board.sense(0)!.read()).toBe(false);
  const waited = await board.sense(0)!.waitFor(true, 2000);
  expect(reads).toBe(4);
  expect(waited).toBeGreaterThan(0);
  expect(waited).toBeLessThan(2000);
  const err = await board.sense(1)!.waitFor(true, 100).catch((e: SenseLevelNotReached) => e);
  // The board answered every read: what the line is wired to (the camera's output) did not follow.
  expect(err).toBeInstanceOf(SenseLevelNotReached);
  expect(categoryOf(err)).toBe('camera defect');
  expect((err as SenseLevelNotReached).kind).toBe('timeout');
  expect((err as Error).message).toMatch(/sense input 1 .* did not go high within 100 ms \(still low\)/);
  expect(board.sense(8)).toBeUndefined();
  await board.close();
});

test('a board that never answers times out, naming port and command', async () => {
  const port = scriptedPort(() => undefined);
  const err = await openBoard({ driver: 'numato', path: port.path, binding: port.binding, timeoutMs: 200 }).catch((e: RelayError) => e);
  expect(err).toBeInstanceOf(RelayError);
  expect((err as RelayError).kind).toBe('no-answer');
  expect((err as Error).message).toContain(port.path);
  expect((err as Error).message).toContain('within 200 ms');
});

test('a board that stops answering mid-session times out on that command', async () => {
  let alive = true;
  const port = scriptedPort((w) => (alive ? numatoReplies({ ver: '00000008' })(w) : 'relay o'));
  const board = await openBoard({ driver: 'numato', path: port.path, binding: port.binding, timeoutMs: 200 });
  alive = false;
  const err = await board.channel(2).set(true).catch((e: Error) => e);
  expect((err as Error).message).toBe(`numato board: no complete answer on ${port.path} to "relay on 2" within 200 ms (received only "relay o")`);
  // the port still works for the next command once the board is back
  alive = true;
  await board.channel(2).set(false);
  await board.close();
});

test('garbage replies are clear errors', async () => {
  const replies: Record<string, string> = {
    'relay read 0': 'relay read 0\n\rmaybe\n\r>',
    'relay on 1': 'xyzzy\n\r>',
    'relay read 2': 'relay read 2\n\r>',
    'relay off 3': 'relay off 3\n\roff\n\r>',
  };
  const port = scriptedPort((w) => {
    const cmd = w.toString('latin1').replace(/\r$/, '');
    return replies[cmd] ?? numatoReplies({ ver: '00000008' })(w);
  });
  const board = await openBoard({ driver: 'numato', path: port.path, binding: port.binding });
  const fail = (p: Promise<unknown>) => p.then(() => 'resolved', (e: RelayError) => `${e.kind}: ${e.message}`);
  expect(await fail(board.channel(0).get())).toBe(`bad-reply: numato board on ${port.path}, command "relay read 0": unexpected value "maybe"`);
  expect(await fail(board.channel(1).set(true))).toBe(`bad-reply: numato board on ${port.path}, command "relay on 1": reply "xyzzy\\n\\r>" is not "<echo>[, value], >"`);
  expect(await fail(board.channel(2).get())).toMatch(/command "relay read 2": no value in the reply/);
  expect(await fail(board.channel(3).set(false))).toMatch(/command "relay off 3": unexpected value "off"/);
  await board.close();
});

test('something that is not a Numato board fails at open', async () => {
  const port = scriptedPort((w) => (w.toString() === '\r' ? '\n\r>' : 'ver\n\r>'));
  const err = await openBoard({ driver: 'numato', path: port.path, binding: port.binding }).catch((e: Error) => e);
  expect((err as Error).message).toContain('answered "ver" without a version');
});

test('missing and busy ports say so', async () => {
  const missing = await openBoard({ driver: 'numato', path: '/dev/ttyNOWHERE', binding: MockBinding }).catch((e: RelayError) => e);
  expect((missing as RelayError).kind).toBe('missing');
  expect((missing as Error).message).toContain('/dev/ttyNOWHERE does not exist');
  const port = scriptedPort(numatoReplies({ ver: '00000008' }));
  const first = await openBoard({ driver: 'numato', path: port.path, binding: port.binding });
  const busy = await openBoard({ driver: 'numato', path: port.path, binding: port.binding }).catch((e: RelayError) => e);
  expect((busy as RelayError).kind).toBe('busy');
  expect((busy as Error).message).toContain(`port ${port.path} is busy`);
  await first.close();
});

test('bad channel numbers and options are usage errors', async () => {
  const port = scriptedPort(numatoReplies({ ver: '00000008' }));
  const board = await openBoard({ driver: 'numato', path: port.path, binding: port.binding });
  expect(() => board.channel(8)).toThrow(/has no relay channel 8 \(valid: 0\.\.7\)/);
  expect(() => board.channel(-1)).toThrow(RelayError);
  expect(() => board.channel(1.5)).toThrow(RelayError);
  await board.close();
  await expect(openBoard({ driver: 'numato', path: port.path, binding: port.binding, channels: 0 })).rejects.toThrow(/channels must be 1\.\.32/);
  await expect(openBoard({ driver: 'nope' as 'numato', path: port.path })).rejects.toThrow(/unknown relay driver "nope"/);
  await expect(openBoard({ driver: 'numato', path: '' })).rejects.toThrow(/needs the path/);
});

test('commands are serialised: concurrent calls never overlap on the wire', async () => {
  let inFlight = 0;
  let maxInFlight = 0;
  const port = scriptedPort((w) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const reply = numatoReplies({ ver: '00000008', 'relay read 0': 'on', 'relay read 1': 'off' })(w) as string;
    setTimeout(() => inFlight--, 1);
    return [reply.slice(0, 3), reply.slice(3)]; // arrives in two chunks, 5 ms apart
  });
  const board = await openBoard({ driver: 'numato', path: port.path, binding: port.binding });
  const results = await Promise.all([board.channel(0).get(), board.channel(1).get(), board.channel(0).get(), board.channel(1).get()]);
  expect(results).toEqual([true, false, true, false]);
  expect(maxInFlight).toBe(1);
  await board.close();
});

test('commands after close fail clearly', async () => {
  const port = scriptedPort(numatoReplies({ ver: '00000008' }));
  const board = await openBoard({ driver: 'numato', path: port.path, binding: port.binding });
  await board.close();
  await expect(board.channel(0).set(true)).rejects.toThrow(`numato board: port ${port.path} is closed`);
});
