// Runs Playwright (or a bin/ script) as a child process for the sign-off's end-to-end unit
// tests, with an environment scrubbed of any HIL_/CAMERA settings of the run hosting them.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SAMPLE_CONFIG = fileURLToPath(new URL('./fixtures/sample/playwright.config.ts', import.meta.url));
export const SAMPLE_PROFILE = fileURLToPath(new URL('./fixtures/sample/profile.json', import.meta.url));
export const PLAYWRIGHT_CLI = fileURLToPath(new URL('../../../node_modules/@playwright/test/cli.js', import.meta.url));

export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(HIL_|CAMERA|RELAY_|PLAYWRIGHT_|TEST_|PW_)/.test(k) || k === 'FORCE_COLOR') continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

export function runNode(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: cleanEnv(env) });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, out });
    });
  });
}
