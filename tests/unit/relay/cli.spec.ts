import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startVirtualRelayBoard, type VirtualRelayBoard } from '../../../rigs/virtual-relay/pty-board.ts';
import { openBoard } from '../../../rigs/relay/open.ts';
import { relayCommand } from '../../../rigs/relay/relay-command.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const HAVE_SOCAT = (process.env.PATH ?? '').split(':').some((d) => fs.existsSync(path.join(d, 'socat')));

type Outcome = { code: number | null; out: string; err: string };

/** The relay CLI as a process: what the shell sees (exit status, stdout, stderr). */
function relayProcess(...args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'rigs/relay/cli.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    p.on('exit', (code) => resolve({ code, out, err: err.replace(/^npm warn .*\n/gm, '') }));
  });
}

/**
 * The same command in this process (relay-command.ts, which cli.ts runs): the tests below
 * that check what the command does use it; the ones marked "as a process" check that its
 * exit status and output reach the shell.
 */
async function relay(...args: string[]): Promise<Outcome> {
  let out = '';
  let err = '';
  const code = await relayCommand(args, { log: (l) => { out += `${l}\n`; }, error: (l) => { err += `${l}\n`; } });
  return { code, out, err };
}

test('a missing port: exit 1 and a message naming it (as a process)', async () => {
  const r = await relayProcess('--driver', 'numato', '--path', '/dev/ttyACM-NOT-THERE', '0', 'on');
  expect(r.code).toBe(1);
  expect(r.err.trim()).toBe('relay: numato board: port /dev/ttyACM-NOT-THERE does not exist (is the board plugged in? see ls /dev/serial/by-id/)');
});

test('usage errors print the usage and exit 2', async () => {
  const shell = await relayProcess();
  expect(shell.code, 'as a process').toBe(2);
  expect(shell.err).toContain('relay: --driver is required\nusage: npm run relay -- --driver numato|lcus|kmtronic|virtual');
  for (const args of [[], ['--driver', 'lcus', '0', 'on'], ['--driver', 'numato', '--path', '/x', '0', 'blink'], ['--driver', 'numato', '--path', '/x', 'zero', 'on'], ['--driver', 'relayz', '--path', '/x', '0', 'on'], ['--driver', 'numato', '--path', '/x', '0', 'pulse']]) {
    const r = await relay(...args);
    expect(r.code, args.join(' ')).toBe(2);
    expect(r.err).toContain('usage: npm run relay -- --driver numato|lcus|kmtronic|virtual');
  }
});

test('short flags and --help: -d is the driver, never a channel', async () => {
  const r = await relay('-d', 'virtual', '2', 'status');
  expect(r.code, r.err).toBe(0);
  expect(r.out).toContain('channel 2 (board relay 2): off');
  for (const flag of ['-h', '--help']) {
    const h = await relay(flag);
    expect(h.code).toBe(0);
    expect(h.err).toContain('-d, --driver D');
  }
  const bad = await relay('-d', 'virtual', '--bogus', '0', 'on');
  expect(bad.code).toBe(2);
  expect(bad.err).toContain("Unknown option '--bogus'");
});

test('--driver virtual without --path runs the command on a throw-away board and shows its state', async () => {
  const r = await relay('--driver', 'virtual', '5', 'on');
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/started a throw-away virtual relay board \((pty|mock)\) at \S+; it goes away when this command ends/);
  expect(r.out).toContain('channel 5 (board relay 5): on');
  expect(r.out).toContain('virtual board relays: 0:off 1:off 2:off 3:off 4:off 5:on 6:off 7:off');
  const link = /at (\S+);/.exec(r.out)![1];
  expect(fs.existsSync(link)).toBe(false); // gone with the command
});

test.describe('against a virtual board on a pty', () => {
  test.skip(!HAVE_SOCAT, 'needs socat: the CLI runs in another process');
  let vb: VirtualRelayBoard;
  test.beforeAll(async () => { vb = await startVirtualRelayBoard(); });
  test.afterAll(async () => { await vb.close(); });

  test('on, status, off, pulse, sense', async () => {
    const events: Array<[number, boolean]> = [];
    vb.on('relay', (n, on) => events.push([n, on]));
    // As a process: the board is switched by another process, and stays on after it ends.
    const on = await relayProcess('--driver', 'virtual', '--path', vb.path, '2', 'on');
    expect([on.code, on.out.trim()]).toEqual([0, 'channel 2 (board relay 2): on']);
    expect(vb.relayState(2)).toBe(true); // `on` means on after the command ends
    const status = await relay('--driver', 'numato', '--path', vb.path, '2', 'status');
    expect([status.code, status.out.trim()]).toEqual([0, 'channel 2 (board relay 2): on']);
    const off = await relay('--driver', 'numato', '--path', vb.path, '2', 'off');
    expect([off.code, off.out.trim()]).toEqual([0, 'channel 2 (board relay 2): off']);
    const pulse = await relay('--driver', 'numato', '--path', vb.path, '--timeout', '500', '3', 'pulse', '200');
    expect([pulse.code, pulse.out.trim()]).toEqual([0, 'channel 3 (board relay 3): pulsed on for 200 ms, now off']);
    expect(events).toEqual([[2, true], [2, false], [3, true], [3, false]]);
    vb.setGpio(1, true);
    const high = await relay('--driver', 'numato', '--path', vb.path, 'sense', '1');
    expect([high.code, high.out.trim()]).toEqual([0, 'sense 1: high']);
    const low = await relay('--driver', 'numato', '--path', vb.path, 'sense', '0');
    expect([low.code, low.out.trim()]).toEqual([0, 'sense 0: low']);
  });

  test('a busy port: exit 1 and a message saying so (as a process)', async () => {
    const holder = await openBoard({ driver: 'virtual', path: vb.path });
    const r = await relayProcess('--driver', 'numato', '--path', vb.path, '0', 'on');
    await holder.close();
    expect(r.code).toBe(1);
    expect(r.err).toContain(`relay: numato board: port ${vb.path} is busy: another process has it open`);
  });

  test('a board with no such channel or input: exit 2 with the valid range', async () => {
    const r = await relay('--driver', 'numato', '--path', vb.path, '8', 'on');
    expect(r.code).toBe(2);
    expect(r.err).toContain('has no relay channel 8 (valid: 0..7)');
    const s = await relay('--driver', 'numato', '--path', vb.path, 'sense', '9');
    expect(s.err).toContain('has no sense input 9');
  });
});

test('a board that does not answer: exit 1 after the timeout, naming the port', async () => {
  test.skip(!HAVE_SOCAT, 'needs socat for a silent pty');
  // A pty with nothing behind it: socat hands what is written to our pipe, which never answers.
  const dir = fs.mkdtempSync(path.join('/tmp', 'relay-cli-'));
  const link = path.join(dir, 'silent');
  const socat = spawn('socat', [`pty,raw,echo=0,link=${link}`, 'STDIO'], { stdio: ['pipe', 'pipe', 'ignore'] });
  socat.stdout!.resume();
  await expect.poll(() => fs.existsSync(link)).toBe(true);
  let r;
  try {
    r = await relay('--driver', 'numato', '--path', link, '--timeout', '300', '0', 'on');
  } finally {
    socat.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  expect(r.code).toBe(1);
  expect(r.err.trim()).toBe(`relay: numato board: no complete answer on ${link} to an empty line (CR) within 300 ms`);
});
