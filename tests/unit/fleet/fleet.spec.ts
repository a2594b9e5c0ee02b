// The fleet in-process (rigs/virtual-camera/fleet.ts): all or nothing at start, a stop that
// also cuts a start short, one relay board per camera wired to that camera only.
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { openBoard } from '../../../rigs/relay/open.ts';
import { boardPath, Fleet, FleetStartError, FleetStopped } from '../../../rigs/virtual-camera/fleet.ts';
import { listening, portsWithMiddleTaken } from './emulator-process.ts';

const HAVE_SOCAT = !spawnSync('socat', ['-V'], { stdio: 'ignore' }).error;

async function inputCheck(url: string): Promise<string> {
  const res = await request(`${url}/input.cgi?check=1`, { headers: { authorization: `Basic ${Buffer.from('root:pass').toString('base64')}` } });
  return (await res.body.text()).trim();
}

test('a camera that cannot listen stops the ones already started, in this very process', async () => {
  const { first, held } = await portsWithMiddleTaken();
  try {
    const fleet = new Fleet({ count: 3, camera: { port: first } });
    const failure = await fleet.start().then(() => undefined, (e: unknown) => e);
    expect(failure).toBeInstanceOf(FleetStartError);
    expect((failure as FleetStartError).usage).toBe(false);
    expect((failure as Error).message).toContain(`port ${held.port} is in use on 127.0.0.1`);
    expect(fleet.members).toEqual([]);
    // This process lives on: the first camera is really closed, not just gone with a process.
    expect(await listening(first)).toBe(false);
    expect(await listening(first + 2)).toBe(false);
  } finally {
    await held.close();
  }
});

test('stop() during start() stops what started and ends the start', async () => {
  const fleet = new Fleet({ count: 5, camera: { port: 0 } });
  const starting = fleet.start().then(() => undefined, (e: unknown) => e);
  await new Promise((r) => setImmediate(r));
  await fleet.stop();
  const outcome = await starting;
  // A start that finished before the stop came is fine too; then stop() stopped all five.
  if (outcome !== undefined) expect(outcome).toBeInstanceOf(FleetStopped);
  expect(fleet.members).toEqual([]);
});

test('boards at PATH-1 .. PATH-N, each wired to its own camera', async () => {
  test.skip(!HAVE_SOCAT, 'socat is not installed: the virtual board needs it to be reachable from outside the process');
  expect(boardPath('/tmp/r', 0, 1)).toBe('/tmp/r');
  expect(boardPath('/tmp/r', 2, 3)).toBe('/tmp/r-3');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'camera-hil-fleet-relay-'));
  const fleet = new Fleet({ count: 2, camera: { port: 0 }, relayPty: path.join(dir, 'relay') });
  try {
    await fleet.start();
    expect(fleet.members.map((m) => m.board?.board.path)).toEqual([path.join(dir, 'relay-1'), path.join(dir, 'relay-2')]);
    const [one, two] = fleet.members.map((m) => m.camera.url);
    const board = await openBoard({ driver: 'numato', path: path.join(dir, 'relay-2') });
    try {
      await board.channel(0).set(true); // relay 0 -> input 1 of camera 2 only
      await expect.poll(() => inputCheck(two)).toBe('IO1:/');
      expect(await inputCheck(one)).toBe('IO1:\\');
    } finally {
      await board.close();
    }
  } finally {
    await fleet.stop();
    // socat removes its link when the board closes.
    expect(fs.readdirSync(dir)).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
