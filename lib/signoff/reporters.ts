// The `reporter` array of playwright.config.ts. Everything a run writes lands in one folder:
//   HIL_REPORT_DIR (set by bin/signoff.ts to reports/<model>/<firmware>), or reports/_test for
//   a plain `npx playwright test` (scratch: cleared at every run, never signed off).
// bin/signoff.ts passes what it read from the camera in HIL_IDENTITY (JSON) so the Allure
// environment and labels name the model and firmware under test.
// junit.xml is for CI systems; publish.ts adds the verdict to it after the run (junit.ts).
// HIL_LIST (`npm start -- --list`) keeps only the list: nothing is written, no folder cleared.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ReporterDescription } from '@playwright/test';
import { publicUrl, type Identity } from './identity.ts';
import { junitFile } from './junit.ts';
import { activeReportDir, runFiles } from './report-paths.ts';

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));

export function harnessVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(here('../../package.json'), 'utf8')) as { name: string; version: string };
    return `${pkg.name} ${pkg.version}`;
  } catch {
    return 'camera-hil (version unknown)';
  }
}

/** Identity handed over by bin/signoff.ts; undefined outside a sign-off. Bad JSON is an error. */
export function identityFromEnv(env: NodeJS.ProcessEnv = process.env): Identity | undefined {
  if (!env.HIL_IDENTITY) return undefined;
  try {
    return JSON.parse(env.HIL_IDENTITY) as Identity;
  } catch (e) {
    throw new Error(`HIL_IDENTITY is not JSON: ${(e as Error).message}`);
  }
}

/** Where the suites point, as shown in reports: never with credentials. */
export function targetDescription(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HIL_TARGET_URL) return publicUrl(env.HIL_TARGET_URL);
  if (env.CAMERA_URL) return publicUrl(env.CAMERA_URL);
  if (env.CAMERA) return `lab camera ${env.CAMERA}`;
  return `embedded virtual camera${env.HIL_VIRTUAL_FIRMWARE ? ` (firmware ${env.HIL_VIRTUAL_FIRMWARE})` : ''}`;
}

export function relayDescription(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HIL_RELAY) return env.HIL_RELAY;
  if (env.RELAY_DRIVER) return `${env.RELAY_DRIVER}${env.RELAY_PATH ? ` at ${env.RELAY_PATH}` : ''}`;
  return env.CAMERA_URL || env.CAMERA ? 'none configured' : 'virtual relay (numato emulator)';
}

export function environmentInfo(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const id = identityFromEnv(env);
  const info: Record<string, string> = {
    model: id ? `${id.model}${id.fullName ? ` (${id.fullName})` : ''}` : 'not read (run through npm start)',
    firmware: id?.firmware ?? 'not read (run through npm start)',
  };
  if (id?.buildDate) info['firmware build date'] = id.buildDate;
  if (id?.serial) info.serial = id.serial;
  if (id?.hostName) info['host name'] = id.hostName;
  info.target = targetDescription(env);
  info['relay board'] = relayDescription(env);
  info.harness = harnessVersion();
  info.node = process.version;
  return info;
}

/** The reporter array for playwright.config.ts. */
export function hilReporters(env: NodeJS.ProcessEnv = process.env): ReporterDescription[] {
  // Under `playwright test --list` Playwright's own `list` reporter prints the tests.
  if (env.HIL_LIST) return [['list']];
  const dir = activeReportDir(env);
  const files = runFiles(dir);
  const id = identityFromEnv(env);
  const progress: ReporterDescription = env.HIL_SIGNOFF ? [here('./suite-progress-reporter.ts')] : ['list'];
  return [
    progress,
    ['json', { outputFile: files.results }],
    [here('./fresh-results-reporter.ts'), { dir: files.allureResults }],
    [here('./allure-reporter.ts'), {
      resultsDir: files.allureResults,
      detail: true,
      suiteTitle: true,
      environmentInfo: environmentInfo(env),
      // The combined report of a model tells firmware versions apart by these labels.
      globalLabels: id ? { firmware: id.firmware, model: id.model } : {},
    }],
    // For CI systems; the verdict is added after the run (publish.ts, junit.ts).
    ['junit', { outputFile: junitFile(dir) }],
  ];
}

