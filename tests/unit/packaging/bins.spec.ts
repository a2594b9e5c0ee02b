// The installable commands (package.json `bin`) start what they name, with the same flags as
// the npm scripts: the emulator answers a config list, the relay and sign-off CLIs their help.
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { bin: Record<string, string> };

function run(bin: string, args: string[], until: RegExp, timeoutMs = 20_000): Promise<{ out: string; stop(): Promise<number | null> }> {
  const child = spawn(process.execPath, [`${ROOT}${pkg.bin[bin]}`, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${bin} printed nothing matching ${until} within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      out += d;
      if (until.test(out)) {
        clearTimeout(timer);
        resolve({ out, stop: () => (child.kill('SIGTERM'), exited) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
}

test('package.json names the three commands', () => {
  expect(Object.keys(pkg.bin).sort()).toEqual(['camera-hil-emulator', 'camera-hil-relay', 'camera-hil-signoff']);
});

test('camera-hil-emulator --port 0 serves a camera until SIGTERM', async () => {
  const emulator = await run('camera-hil-emulator', ['--port', '0'], /listening on (http:\/\/\S+)/);
  const url = /listening on (http:\/\/\S+)/.exec(emulator.out)![1];
  const res = await request(`${url}/config.cgi?action=list&group=Brand.ProdNbr`, {
    headers: { authorization: `Basic ${Buffer.from('root:pass').toString('base64')}` }, headersTimeout: 5000, bodyTimeout: 5000,
  });
  expect(res.statusCode).toBe(200);
  expect(await res.body.text()).toMatch(/^Brand\.ProdNbr=\S+/);
  expect(await emulator.stop()).toBe(0);
});

test('camera-hil-relay and camera-hil-signoff answer --help', async () => {
  for (const bin of ['camera-hil-relay', 'camera-hil-signoff']) {
    const r = await run(bin, ['--help'], /usage:/);
    await r.stop();
  }
});
