import { test, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startVirtualRelayBoard, type VirtualRelayBoard } from '../../../rigs/virtual-relay/pty-board.ts';
import { openBoard } from '../../../rigs/relay/open.ts';
import { guardBoard } from '../../../rigs/relay/safe-state.ts';
import type { RelayBoard, RelayChannel } from '../../../rigs/relay/protocol.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CHILD = 'tests/unit/relay/helpers/guarded-child.ts';
const HAVE_SOCAT = (process.env.PATH ?? '').split(':').some((d) => fs.existsSync(path.join(d, 'socat')));

test('restore() switches off what was switched on through it, and nothing else', async () => {
  const vb = await startVirtualRelayBoard();
  const raw = await openBoard({ driver: 'virtual', path: vb.path, binding: vb.binding });
  await raw.channel(5).set(true); // not through the guard: not ours to undo
  const board = guardBoard(raw);
  await board.channel(1).set(true);
  await board.channel(3).set(true);
  await board.channel(3).set(false);
  await board.channel(4).set(false);
  expect(await board.restore()).toEqual([1, 3]);
  expect([0, 1, 2, 3, 4, 5].map((n) => vb.relayState(n))).toEqual([false, false, false, false, false, true]);
  expect(await board.restore()).toEqual([]); // nothing left to do
  expect(board.describe()).toBe(raw.describe());
  expect(board.sense(0)).toBeDefined();
  await board.close();
  await vb.close();
});

test('a channel whose command failed is still undone; a restore that fails says which', async () => {
  const calls: string[] = [];
  let broken = true;
  const fake: RelayBoard = {
    channel: (n): RelayChannel => ({
      set: async (on) => { calls.push(`${n}:${on}`); if (broken) throw new Error('lost reply'); },
      get: async () => false,
    }),
    sense: () => undefined,
    describe: () => 'fake board',
    close: async () => {},
  };
  const board = guardBoard(fake);
  await expect(board.channel(2).set(true)).rejects.toThrow('lost reply');
  await expect(board.restore()).rejects.toThrow('fake board: could not switch off channel 2: lost reply');
  broken = false;
  expect(await board.restore()).toEqual([2]);
  expect(calls).toEqual(['2:true', '2:false', '2:false']);
  await board.close();
});

test.describe('when the process dies', () => {
  test.skip(!HAVE_SOCAT, 'needs socat: the child process reaches the board through a pty');
  let vb: VirtualRelayBoard;
  const children: ChildProcess[] = [];
  test.beforeEach(async () => { vb = await startVirtualRelayBoard(); });
  test.afterEach(async () => {
    for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await vb.close();
  });

  async function child(mode: string) {
    const p = spawn(process.execPath, ['--import', 'tsx', CHILD, vb.path, mode], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(p);
    let out = '';
    let err = '';
    p.stderr!.on('data', (d) => { err += d; });
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => p.once('exit', (code, signal) => resolve({ code, signal })));
    await new Promise<void>((resolve, reject) => {
      p.stdout!.on('data', (d) => { out += d; if (out.includes('ready')) resolve(); });
      void exit.then(() => reject(new Error(`child exited before ready: ${err}`)));
    });
    expect([vb.relayState(0), vb.relayState(2)]).toEqual([true, true]);
    return { p, exit, out: () => out, err: () => err };
  }

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    test(`${signal}: relays off, then the process dies of the signal`, async () => {
      const c = await child('wait');
      c.p.kill(signal);
      expect(await c.exit).toEqual({ code: null, signal });
      expect([vb.relayState(0), vb.relayState(2)]).toEqual([false, false]);
      expect(c.err()).toContain(`safe state (${signal}): switched off channel 0, 2 of virtual relay board`);
    });
  }

  test('an uncaught error: relays off, error printed, exit 1', async () => {
    const c = await child('throw');
    expect(await c.exit).toEqual({ code: 1, signal: null });
    expect([vb.relayState(0), vb.relayState(2)]).toEqual([false, false]);
    expect(c.err()).toContain('boom from the test child');
  });

  test('an unhandled rejection: same as an uncaught error', async () => {
    const c = await child('reject');
    expect(await c.exit).toEqual({ code: 1, signal: null });
    expect([vb.relayState(0), vb.relayState(2)]).toEqual([false, false]);
    expect(c.err()).toContain('rejected in the test child');
  });

  test('another SIGTERM handler: relays off, and the signal is left to that handler', async () => {
    const c = await child('other-handler');
    c.p.kill('SIGTERM');
    await expect.poll(() => vb.relayState(0)).toBe(false);
    expect(c.out()).toContain('other handler ran');
    expect(c.p.exitCode).toBeNull(); // not killed behind the other handler's back
  });

  test('process.exit() leaves no time for serial I/O: the forgotten restore is reported', async () => {
    const c = await child('exit');
    expect(await c.exit).toEqual({ code: 3, signal: null });
    expect(c.err()).toContain('safe state: exiting with channels still on at virtual relay board');
  });
});
