// The steps of signing off one camera, shared by `npm start` (bin/signoff.ts) and the lab run
// (`npm start -- --lab`, bin/lab-run.ts): the preflight that also reads the identity, the run
// folder, the Playwright command, and the run file that hands the decisions over.

import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publicUrl, type Identity } from '../lib/signoff/identity.ts';
import { preflight } from '../lib/signoff/preflight.ts';
import type { TargetKind } from '../lib/signoff/profile.ts';
import { junitFile } from '../lib/signoff/junit.ts';
import { runFiles } from '../lib/signoff/report-paths.ts';
import { childEnvironment, relayDescription, writeRunFile, type PhysicalTarget, type RunFile, type RunOptions } from '../fixtures/options.ts';
import { physicalPreflight, VIRTUAL_PREFLIGHT } from '../fixtures/preflight-input.ts';
import { runAttached } from '../lib/signoff/child-process.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PLAYWRIGHT_CLI = join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js');

export interface Target {
  kind: TargetKind;
  /** Shown in reports: never credentials. */
  shown: string;
  relay: string;
  /** The target as the run's Allure environment shows it (default: the options' own description). */
  shownInRun?: string;
  identity: Identity;
}

/** The target of a run, preflighted, with its identity read over HTTP like any camera's. */
export async function decideTarget(options: RunOptions): Promise<Target> {
  if (options.physical) return physicalTarget(options.target, options);
  // The fixtures start their own virtual camera per worker from the run file's target; this one
  // only goes through the same preflight and identity questions as a real camera would.
  const { firmware, model, dialects } = options.target;
  const { startVirtualCamera } = await import('../rigs/virtual-camera/index.ts');
  const cam = await startVirtualCamera({ firmware, model, dialects });
  try {
    const identity = await preflight({ camera: cam, ...VIRTUAL_PREFLIGHT });
    return { kind: 'virtual', shown: `embedded virtual camera (firmware ${identity.firmware}${dialects.length ? `, dialect ${dialects.join(',')}` : ''})`, relay: 'virtual relay (numato emulator)', identity };
  } finally {
    await cam.stop();
  }
}

/** A camera given by CAMERA_URL (+ RELAY_DRIVER/RELAY_PATH) or named in the lab inventory (with its relay board), preflighted. */
export async function physicalTarget(target: PhysicalTarget, options: RunOptions): Promise<Target> {
  const { input, lab } = physicalPreflight(target, options);
  const identity = await preflight(input);
  const url = publicUrl(input.camera.url);
  if (!lab) return { kind: 'physical', shown: url, relay: relayDescription(options), shownInRun: url, identity };
  const relay = lab.relay ? `${lab.relay.driver}${lab.relay.path ? ` at ${lab.relay.path}` : ''}` : 'none in the lab inventory';
  return { kind: 'physical', shown: `${lab.name} (${url})`, relay, shownInRun: url, identity };
}

/** A fresh run folder: results of an earlier run of the same firmware are removed, its history kept. */
export function prepareRunDir(dir: string): void {
  const files = runFiles(dir);
  mkdirSync(dir, { recursive: true });
  rmSync(files.allureResults, { recursive: true, force: true });
  rmSync(files.results, { force: true });
  rmSync(junitFile(dir), { force: true });
}

/** The Playwright command line of a sign-off (node's arguments). */
export function playwrightArgs(o: { projects: readonly string[]; globalTimeoutS: number; extra: readonly string[]; list?: boolean }): string[] {
  const args = [PLAYWRIGHT_CLI, 'test', ...(o.list ? ['--list'] : []), ...o.projects.map((p) => `--project=${p}`)];
  if (o.globalTimeoutS > 0) args.push(`--global-timeout=${Math.round(o.globalTimeoutS * 1000)}`);
  return [...args, ...o.extra];
}

/** Runs Playwright with this process's environment and the run file (removed afterwards). */
export async function runWithFile(args: string[], run: RunFile): Promise<number> {
  const file = writeRunFile(run);
  try {
    return await runAttached(process.execPath, args, { cwd: ROOT, env: childEnvironment({ HIL_RUN_FILE: file.path }), waitOutSigint: true });
  } finally {
    file.remove();
  }
}
