// Runs a command with the terminal attached and resolves with its exit status (128 when
// killed by a signal), for the commands that drive Playwright.
import { spawn } from 'node:child_process';

export function runAttached(cmd: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; waitOutSigint?: boolean }): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: 'inherit' });
    // Ctrl-C reaches the child through the terminal; staying alive lets it write its reports.
    if (opts.waitOutSigint) process.on('SIGINT', () => {});
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}
