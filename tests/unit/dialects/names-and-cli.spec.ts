// The dialect names as a contract (API and CLI), their combination, an unknown name as an
// error, and the emulator CLI's --dialect, --nonce-ttl and --help.
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEmulatorArgs, UsageError } from '../../../rigs/virtual-camera/cli-args.ts';
import { DIALECTS } from '../../../rigs/virtual-camera/dialects.ts';
import { parseAuthParams } from '../../../rigs/virtual-camera/http/auth.ts';
import { startVirtualCamera } from '../../../rigs/virtual-camera/index.ts';
import { exchange, get, parse, requestText } from './wire.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const NAMES = ['refusal-200', 'lenient', 'comma-list', 'changes-only', 'http10', 'slow'];
const KNOWN = `(known: ${NAMES.join(', ')})`;

test('the dialects, each with a one-line description (a README table row)', () => {
  expect(DIALECTS.map((d) => d.name)).toEqual(NAMES);
  for (const d of DIALECTS) expect(d.description).toMatch(/^[a-z][^\n|]{20,}$/);
});

test('startVirtualCamera: dialects combine; an unknown or empty name throws, naming it and the known ones', async () => {
  const cam = await startVirtualCamera({ port: 0, dialects: ['refusal-200,lenient', 'comma-list'] });
  try {
    expect([...cam.dialects]).toEqual(['refusal-200', 'lenient', 'comma-list']);
    // refusal-200 and lenient at once: junk is ignored, a bad value is a 200 refusal.
    expect((await get(cam, '/input.cgi?check=1&junk=1')).status).toBe(200);
    const bad = await get(cam, '/input.cgi?check=7&junk=1');
    expect(bad.status).toBe(200);
    expect(bad.text).toMatch(/^# Error: there is no I\/O port 7/);
  } finally {
    await cam.stop();
  }
  await expect(startVirtualCamera({ port: 0, dialects: ['refusal-200', 'bogus'] })).rejects.toThrow(`unknown dialect "bogus" ${KNOWN}`);
  await expect(startVirtualCamera({ port: 0, dialects: ['lenient,'] })).rejects.toThrow(/empty dialect name/);
});

test('CLI arguments: --dialect (repeated or comma-separated), --nonce-ttl in seconds, --reboot-ms beside slow', () => {
  const a = parseEmulatorArgs(['--port', '0', '--dialect', 'http10,slow', '--dialect', 'lenient', '--nonce-ttl', '5']);
  expect(a.opts).toMatchObject({ port: 0, dialects: ['http10', 'slow', 'lenient'], nonceTtlMs: 5000, rebootMs: undefined });
  expect(parseEmulatorArgs(['--dialect', 'slow', '--reboot-ms', '100']).opts.rebootMs).toBe(100);
  expect(parseEmulatorArgs([]).opts).toMatchObject({ dialects: [], nonceTtlMs: undefined });
  for (const bad of ['0', '-1', '1.5', 'ten', '86401']) {
    expect(() => parseEmulatorArgs([`--nonce-ttl=${bad}`]), bad).toThrow(UsageError);
    expect(() => parseEmulatorArgs([`--nonce-ttl=${bad}`]), bad).toThrow(`--nonce-ttl must be an integer 1..86400, got "${bad}"`);
  }
  expect(() => parseEmulatorArgs(['--dialect', 'bogus'])).toThrow(`--dialect: unknown dialect "bogus" ${KNOWN}`);
  expect(() => parseEmulatorArgs(['--dialect'])).toThrow(UsageError);
});

test('--nonce-ttl reaches the camera: a nonce older than that is answered stale=true', async () => {
  const cam = await startVirtualCamera({ ...parseEmulatorArgs(['--port', '0', '--nonce-ttl', '1']).opts });
  try {
    const target = '/config.cgi?action=list&group=Brand.ProdNbr';
    const challenge = async () => {
      const r = await get(cam, target, { auth: null });
      const all = [r.headers['www-authenticate'] ?? []].flat();
      return parseAuthParams(all.find((c) => c.includes('algorithm=MD5'))!.replace(/^Digest /, ''))!;
    };
    const md5 = (s: string) => createHash('md5').update(s).digest('hex');
    const digest = (c: Record<string, string>) => {
      const ha1 = md5(`root:${c.realm}:pass`);
      const response = md5(`${ha1}:${c.nonce}:00000001:abc:auth:${md5(`GET:${target}`)}`);
      return `Digest username="root", realm="${c.realm}", nonce="${c.nonce}", uri="${target}", qop=auth, nc=00000001, cnonce="abc", response="${response}", algorithm=MD5`;
    };
    expect((await get(cam, target, { auth: digest(await challenge()) })).status).toBe(200);
    const old = await challenge();
    await new Promise((r) => setTimeout(r, 1100));
    const stale = await get(cam, target, { auth: digest(old) });
    expect(stale.status).toBe(401);
    expect(String(stale.headers['www-authenticate'])).toMatch(/stale=true/);
  } finally {
    await cam.stop();
  }
});

/** Starts the emulator CLI; the caller waits for its output and stops it (SIGTERM). */
function emulator(args: string[]) {
  const p = spawn(process.execPath, ['--import', 'tsx', 'rigs/virtual-camera/cli.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  p.stdout.on('data', (d) => (out += d));
  p.stderr.on('data', (d) => (err += d));
  const killer = setTimeout(() => p.kill('SIGKILL'), 15_000); // never outlive a broken test
  const exited = new Promise<number | null>((resolve) => p.on('exit', (code) => (clearTimeout(killer), resolve(code))));
  return {
    out: () => out,
    err: () => err,
    exited,
    async waitFor(re: RegExp): Promise<RegExpExecArray> {
      for (;;) {
        const m = re.exec(out);
        if (m) return m;
        if (p.exitCode !== null) throw new Error(`emulator exited ${p.exitCode}: ${err}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    stop: () => (p.kill('SIGTERM'), exited),
  };
}

test('CLI: --dialect bogus exits 2 naming it; --help lists every dialect and the new flags', async () => {
  const bad = emulator(['--port', '0', '--dialect', 'refusal-200,bogus']);
  expect(await bad.exited).toBe(2);
  expect(bad.err()).toContain(`emulator: --dialect: unknown dialect "bogus" ${KNOWN}`);
  expect(bad.out()).toBe('');
  const help = emulator(['--help']);
  expect(await help.exited).toBe(0);
  for (const d of DIALECTS) expect(help.out()).toContain(`  ${d.name}  `);
  for (const flag of ['--dialect NAMES', '--nonce-ttl SECONDS', '--reboot-ms MS']) expect(help.out()).toContain(flag);
});

test('CLI: a camera started with --dialect speaks it and says so', async () => {
  const cli = emulator(['--port', '0', '--dialect', 'comma-list,http10', '--nonce-ttl', '30']);
  try {
    const port = Number((await cli.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/))[1]);
    await cli.waitFor(/dialects: comma-list, http10\n/);
    const a = parse((await exchange(port, requestText('/ipfilter.cgi?action=list'))).raw);
    expect(a.statusLine).toBe('HTTP/1.0 200 OK');
    expect(a.body.toString()).toBe('Accept addresses: \r\nEnabled: no\r\n');
  } finally {
    expect(await cli.stop()).toBe(0);
  }
});
