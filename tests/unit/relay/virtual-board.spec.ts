import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SerialPort } from 'serialport';
import { startVirtualRelayBoard } from '../../../rigs/virtual-relay/pty-board.ts';
import { openBoard } from '../../../rigs/relay/open.ts';
import { processesMentioning, waitUntil } from './helpers/processes.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const HAVE_SOCAT = fs.existsSync('/usr/bin/socat') || (process.env.PATH ?? '').split(':').some((d) => fs.existsSync(path.join(d, 'socat')));

test.describe('on a pseudo-terminal (socat)', () => {
  test.skip(!HAVE_SOCAT, 'socat is not installed: the pty board cannot be tested here (CI installs it)');

  test('the numato driver drives it through the real serial binding', async () => {
    const vb = await startVirtualRelayBoard();
    expect(vb.kind).toBe('pty');
    expect(vb.binding).toBeUndefined();
    expect(fs.realpathSync(vb.path)).toMatch(/^\/dev\/pts\/\d+$/);
    const events: Array<[number, boolean]> = [];
    vb.on('relay', (n, on) => events.push([n, on]));
    // No binding: the OS one, exactly as for a board on /dev/ttyACM0.
    const board = await openBoard({ driver: 'numato', path: vb.path });
    for (let n = 0; n < 8; n++) await board.channel(n).set(n % 2 === 0);
    for (let n = 0; n < 8; n++) {
      expect(vb.relayState(n)).toBe(n % 2 === 0);
      expect(await board.channel(n).get()).toBe(n % 2 === 0);
    }
    expect(events).toEqual([[0, true], [2, true], [4, true], [6, true]]);
    vb.setGpio(5, true);
    expect(await board.sense(5)!.read()).toBe(true);
    expect(await board.sense(4)!.read()).toBe(false);
    setTimeout(() => vb.setGpio(4, true), 100);
    const waited = await board.sense(4)!.waitFor(true, 2000);
    expect(waited).toBeGreaterThanOrEqual(90);
    expect(waited).toBeLessThan(1000);
    await board.close();
    await vb.close();
  });

  test('state survives the harness closing and reopening the port; a second opener is refused', async () => {
    const vb = await startVirtualRelayBoard();
    const first = await openBoard({ driver: 'virtual', path: vb.path });
    await first.channel(1).set(true);
    await expect(openBoard({ driver: 'virtual', path: vb.path })).rejects.toThrow(`virtual relay board: port ${vb.path} is busy`);
    await first.close();
    const second = await openBoard({ driver: 'virtual', path: vb.path });
    expect(await second.channel(1).get()).toBe(true);
    await second.close();
    await vb.close();
  });

  test('close() kills socat and removes the link; commands then fail clearly, never hang', async () => {
    const vb = await startVirtualRelayBoard();
    expect(processesMentioning(vb.path).length).toBe(1);
    const board = await openBoard({ driver: 'virtual', path: vb.path, timeoutMs: 300 });
    await vb.close();
    expect(processesMentioning(vb.path)).toEqual([]);
    expect(fs.existsSync(vb.path)).toBe(false);
    expect(fs.existsSync(path.dirname(vb.path))).toBe(false); // its temporary directory too
    // Depending on timing the driver sees the hang-up, a write error or silence: each named.
    const err = (await board.channel(0).set(true).catch((e: Error) => e)) as Error;
    expect(err.message).toContain(`virtual relay board: `);
    expect(err.message).toContain(vb.path);
    expect(err.message).toMatch(/was closed|failed|"relay on 0"/);
    await board.close();
    await vb.close(); // twice is harmless
  });

  test('socat does not outlive a process killed with SIGKILL', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/unit/relay/helpers/hold-virtual-board.ts'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let link = '';
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (d) => { out += d; if (out.includes('\n')) resolve(out.split('\n')[0]); });
        child.once('exit', () => reject(new Error(`child exited early: ${out}`)));
      });
      link = (JSON.parse(line) as { path: string }).path;
      expect(processesMentioning(`link=${link}`).length).toBe(1);
    } finally {
      // npx runs tsx runs node: kill them all (all ours) without warning, as the OOM killer would.
      for (const pid of processesMentioning('hold-virtual-board.ts')) process.kill(pid, 'SIGKILL');
    }
    expect(await waitUntil(() => processesMentioning(`link=${link}`).length === 0, 5000)).toBe(true);
    expect(await waitUntil(() => !fs.existsSync(link), 2000)).toBe(true);
    fs.rmSync(path.dirname(link), { recursive: true, force: true }); // its temp dir: nobody left to remove it
  });

  let dir: string;
  test.beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-test-')); });
  test.afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('start-up refuses to replace what is at the link path, but clears a stale link', async () => {
    const file = path.join(dir, 'file');
    fs.writeFileSync(file, 'keep me');
    await expect(startVirtualRelayBoard({ linkPath: file })).rejects.toThrow(`virtual relay board: ${file} exists and is not a link; refusing to replace it`);
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
    const stale = path.join(dir, 'stale');
    fs.symlinkSync('/dev/pts/999999', stale);
    const vb = await startVirtualRelayBoard({ linkPath: stale });
    expect(fs.realpathSync(stale)).toMatch(/^\/dev\/pts\/\d+$/);
    await expect(startVirtualRelayBoard({ linkPath: stale })).rejects.toThrow(/links to \/dev\/pts\/\d+, a live terminal/);
    await vb.close();
    await expect(startVirtualRelayBoard({ linkPath: path.join(dir, 'a,b') })).rejects.toThrow(/reserves/);
  });

  test('a socat that fails at start-up: its error is passed on', async () => {
    const fake = path.join(dir, 'socat');
    fs.writeFileSync(fake, '#!/bin/sh\necho "socat[1] E pty: no more ptys" >&2\nexit 1\n', { mode: 0o755 });
    await expect(startVirtualRelayBoard({ socat: fake })).rejects.toThrow('virtual relay board: socat exited: socat[1] E pty: no more ptys');
  });

  test('a socat that never links times out at start-up and is killed', async () => {
    // A "socat" that ignores its arguments and never links anything.
    const fake = path.join(dir, 'socat');
    fs.writeFileSync(fake, '#!/bin/sh\nwhile :; do sleep 0.1; done\n', { mode: 0o755 });
    await expect(startVirtualRelayBoard({ socat: fake, linkPath: path.join(dir, 'tty'), startTimeoutMs: 300 })).rejects.toThrow(`did not link ${path.join(dir, 'tty')} within 300 ms`);
    expect(await waitUntil(() => processesMentioning(fake).length === 0, 2000)).toBe(true);
  });
});

test('without socat it falls back to the in-process mock binding and says so once', async () => {
  const lines: string[] = [];
  const warn = console.warn;
  console.warn = (...a: unknown[]) => { lines.push(a.join(' ')); };
  let vb;
  try {
    vb = await startVirtualRelayBoard({ socat: '/nonexistent/socat' });
  } finally {
    console.warn = warn;
  }
  expect(lines).toEqual([`virtual relay board: socat not found (/nonexistent/socat), using serialport's in-process mock binding at ${vb.path}`]);
  expect(vb.kind).toBe('mock');
  expect(vb.binding).toBeDefined();
  // The real binding cannot see it...
  await expect(openBoard({ driver: 'virtual', path: vb.path })).rejects.toThrow(/does not exist/);
  // ...the binding it hands out can, with the same driver.
  const board = await openBoard({ driver: 'virtual', path: vb.path, binding: vb.binding });
  const events: Array<[number, boolean]> = [];
  vb.on('relay', (n, on) => events.push([n, on]));
  await board.channel(6).set(true);
  expect(vb.relayState(6)).toBe(true);
  expect(events).toEqual([[6, true]]);
  vb.setGpio(0, true);
  expect(await board.sense(0)!.read()).toBe(true);
  await board.close();
  await vb.close();
  await expect(openBoard({ driver: 'virtual', path: vb.path, binding: vb.binding })).rejects.toThrow(/does not exist/);
});

test('SerialPort sees the pty as a serial port at 19200 baud', async () => {
  test.skip(!HAVE_SOCAT, 'socat is not installed');
  const vb = await startVirtualRelayBoard();
  const port = new SerialPort({ path: vb.path, baudRate: 19200, autoOpen: false });
  await new Promise<void>((res, rej) => port.open((e) => (e ? rej(e) : res())));
  const reply = new Promise<string>((res) => { let s = ''; port.on('data', (d: Buffer) => { s += d.toString('latin1'); if (s.endsWith('>')) res(s); }); });
  port.write('relay read 3\r');
  expect(await reply).toBe('relay read 3\n\roff\n\r>');
  await new Promise<void>((res) => port.close(() => res()));
  await vb.close();
});
