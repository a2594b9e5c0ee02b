// The emulator CLI says what is wrong with the machine, not with the arguments: a port in use
// is "port N is in use", exit 1, with no usage text; a bad argument stays a usage error (2).
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../../rigs/virtual-camera/cli.ts', import.meta.url));

function emulator(args: string[]): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => { p.kill('SIGKILL'); reject(new Error(`emulator did not exit: ${err}`)); }, 20_000);
    p.on('exit', (code) => { clearTimeout(timer); resolve({ code, err }); });
  });
}

test('a port in use: exit 1, "port N is in use", no usage text', async () => {
  const busy = createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
  const port = (busy.address() as { port: number }).port;
  try {
    const r = await emulator(['--port', String(port)]);
    expect(r.code).toBe(1);
    expect(r.err.trim()).toBe(`emulator: port ${port} is in use on 127.0.0.1 (another emulator or camera service?): choose another with --port, or --port 0 for a free one`);
  } finally {
    busy.close();
  }
  const usage = await emulator(['--port', 'eighty']);
  expect(usage.code).toBe(2);
  expect(usage.err).toContain('usage: npm run emulator');
});
