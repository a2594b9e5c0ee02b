// Every command explains itself: -h and --help print what each flag means and exit 0; a bad
// --profile or --dialect stops `npm start` before any camera is touched, naming what is wrong.
import { test, expect } from '@playwright/test';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cleanEnv } from '../signoff/child.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function run(script: string, args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', `${ROOT}${script}`, ...args], { cwd: ROOT, env: cleanEnv({}), timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, out: stdout + stderr });
    });
  });
}

const CLIS: [string, string[]][] = [
  ['rigs/virtual-camera/cli.ts', ['--port', '--dialect', '--faults', '--digest', '--nonce-ttl', 'refusal-200', 'every:N', '--count', '--write-lab']],
  ['rigs/relay/cli.ts', ['--driver', '--path', '--channels', '--timeout']],
  ['bin/signoff.ts', ['--firmware', '--dialect', '--camera', '--profile', '--project', '--tolerance', '--global-timeout']],
  ['bin/compare.ts', ['--tolerance']],
  ['bin/merge-shards.ts', ['--model', '--firmware', '--profile', '--physical', '--no-html', '--no-pdf']],
];

for (const [script, flags] of CLIS) {
  test(`${script} answers -h and --help with every flag`, async () => {
    for (const h of ['-h', '--help']) {
      const r = await run(script, [h]);
      // Never the output as a message: it becomes a step title in the report.
      expect(r.code, `exit code of ${script} ${h}`).toBe(0);
      expect(r.out).toContain('usage:');
      for (const f of flags) expect(r.out, `${script} ${h} mentions ${f}`).toContain(f);
    }
  });
}

test('npm start checks --profile and --dialect before anything starts', async () => {
  const profile = await run('bin/signoff.ts', ['--profile', '/no/such/profile.json']);
  expect(profile.code).toBe(2);
  expect(profile.out).toContain('sign-off profile /no/such/profile.json is invalid');
  expect(profile.out).not.toMatch(/preflight|sign-off: .* firmware/);
  const dialect = await run('bin/signoff.ts', ['--dialect', 'bogus']);
  expect(dialect.code).toBe(2);
  expect(dialect.out).toContain('unknown dialect "bogus"');
});
