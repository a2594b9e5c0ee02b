// The emulator as a tool other teams install: `npm pack`, install the tarball into an empty
// directory, start `npx camera-hil-emulator --port 0`, read a config list from it. This is
// what an NVR developer does; it catches a missing file or dependency that a clone hides.
import { test, expect } from '@playwright/test';
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function npm(args: string[], cwd: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('npm', args, { cwd, timeout: timeoutMs, maxBuffer: 4 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`npm ${args.join(' ')} failed: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

test('npm pack, install into an empty directory, npx camera-hil-emulator serves a camera', async () => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), 'camera-hil-pack-'));
  try {
    await npm(['pack', '--pack-destination', dir, '--silent'], ROOT, 60_000);
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    expect(tarball, 'npm pack wrote a tarball').toBeDefined();
    // An empty project of another team, as `npm init -y` leaves it.
    const app = join(dir, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'nvr-team', version: '1.0.0', private: true }, null, 2));
    // --prefer-offline: the packages are in npm's cache after `npm ci`; the registry is asked only for what is not.
    await npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', join(dir, tarball!)], app, 180_000);

    // In a process group of its own: npx does not pass SIGTERM on to the node process it starts,
    // so killing npx alone left an emulator running after every npm test.
    const child = spawn('npx', ['camera-hil-emulator', '--port', '0'], { cwd: app, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`no "listening on" within 30 s:\n${out}`)), 30_000);
        const onData = (d: Buffer) => {
          out += d;
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m) { clearTimeout(timer); resolve(m[1]); }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.on('exit', (code) => reject(new Error(`the emulator exited with ${code}:\n${out}`)));
      });
      const res = await request(`${url}/config.cgi?action=list&group=Brand.ProdNbr`, {
        headers: { authorization: `Basic ${Buffer.from('root:pass').toString('base64')}` }, headersTimeout: 5000, bodyTimeout: 5000,
      });
      expect(res.statusCode).toBe(200);
      expect(await res.body.text()).toMatch(/^Brand\.ProdNbr=\S+\r?\n$/);
    } finally {
      await stopGroup(child.pid!, exited);
    }
    expect(processesUnder(app), 'no process of the installed package is left running').toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** SIGTERM to the whole group, SIGKILL if it has not gone within 5 s. */
async function stopGroup(pgid: number, exited: Promise<void>): Promise<void> {
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pgid, sig);
    } catch {
      // the group is gone already
    }
  };
  signal('SIGTERM');
  const gone = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5000))]);
  if (!gone) signal('SIGKILL');
  await exited;
  // The group's other members (the node process npx started) may outlive npx by a moment.
  for (let i = 0; i < 50 && groupAlive(pgid); i++) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pgid)) signal('SIGKILL');
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Pids whose command line names `dir` (Linux /proc). */
function processesUnder(dir: string): string[] {
  return readdirSync('/proc').filter((pid) => /^\d+$/.test(pid)).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir);
    } catch {
      return false;
    }
  });
}
