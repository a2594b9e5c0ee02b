// Runs Playwright (or a bin/ script) as a child process for the sign-off's end-to-end unit
// tests, with an environment scrubbed of any HIL_/CAMERA settings of the run hosting them.
// A child run that plays a sign-off gets its run folder, profile and identity in a run file,
// as npm start hands them over (signoffRunEnv).

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { childEnvironment, writeRunFile } from '../../../fixtures/options.ts';
import type { Identity } from '../../../lib/signoff/identity.ts';
import { tempDir } from './synthetic.ts';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SAMPLE_CONFIG = fileURLToPath(new URL('./fixtures/sample/playwright.config.ts', import.meta.url));
export const SAMPLE_PROFILE = fileURLToPath(new URL('./fixtures/sample/profile.json', import.meta.url));
export const PLAYWRIGHT_CLI = fileURLToPath(new URL('../../../node_modules/@playwright/test/cli.js', import.meta.url));

/** The settings of the hosting run, and Playwright's own variables, stay out of a child's environment. */
const HOSTING_RUN = /^(HIL_|CAMERA|RELAY_|PLAYWRIGHT_|TEST_|PW_)/;

export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return childEnvironment(extra, (name) => HOSTING_RUN.test(name) || name === 'FORCE_COLOR');
}

/**
 * The environment of a child run signed off as npm start would: a run file (in a temporary
 * folder removed by removeTempDirs) naming the run folder, the profile and the identity.
 */
export function signoffRunEnv(dir: string, identity: Identity, profilePath = SAMPLE_PROFILE): Record<string, string> {
  const file = writeRunFile({ signoff: true, reportDir: dir, profilePath, handOver: { identity } }, tempDir('run-file-'));
  return { HIL_RUN_FILE: file.path };
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
