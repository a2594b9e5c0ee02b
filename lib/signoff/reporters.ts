// The `reporter` array of playwright.config.ts. Everything a run writes lands in one folder,
// ReporterSettings.reportDir: reports/<model>/<firmware> in a sign-off (npm start's run file),
// HIL_REPORT_DIR, or reports/_test for a plain `npx playwright test` (scratch: cleared at every
// run, never signed off). The identity npm start read from the camera names the model and
// firmware in the Allure environment and labels. The settings come from fixtures/options.ts
// (lib/ never reads the environment for them).
// junit.xml is for CI systems; publish.ts adds the verdict to it after the run (junit.ts).
// `list` (`npm start -- --list`) keeps only the list: nothing is written, no folder cleared.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ReporterDescription } from '@playwright/test';
import type { Identity } from './identity.ts';
import { junitFile } from './junit.ts';
import { runFiles } from './report-paths.ts';

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));

export function harnessVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(here('../../package.json'), 'utf8')) as { name: string; version: string };
    return `${pkg.name} ${pkg.version}`;
  } catch {
    return 'camera-hil (version unknown)';
  }
}

/** What the reporters of a run need to know. */
export interface ReporterSettings {
  /** Only list the tests (Playwright's list reporter): nothing is written. */
  list: boolean;
  /** Run by npm start or merge-shards: the suite progress reporter instead of `list`. */
  signoff: boolean;
  /** The run folder everything is written to. */
  reportDir: string;
  /** Read from the camera before the run; undefined outside a sign-off. */
  identity?: Identity;
  /** Where the suites point, as shown in reports: never with credentials. */
  target: string;
  /** The relay board, as shown in reports. */
  relay: string;
  /** The camera's name in the lab inventory, if it has one: the lab report tells cameras apart by it. */
  camera?: string;
}

export function environmentInfo(s: Pick<ReporterSettings, 'identity' | 'target' | 'relay'>): Record<string, string> {
  const id = s.identity;
  const info: Record<string, string> = {
    model: id ? `${id.model}${id.fullName ? ` (${id.fullName})` : ''}` : 'not read (run through npm start)',
    firmware: id?.firmware ?? 'not read (run through npm start)',
  };
  if (id?.buildDate) info['firmware build date'] = id.buildDate;
  if (id?.serial) info.serial = id.serial;
  if (id?.hostName) info['host name'] = id.hostName;
  info.target = s.target;
  info['relay board'] = s.relay;
  info.harness = harnessVersion();
  info.node = process.version;
  return info;
}

/** The reporter array for playwright.config.ts. */
export function hilReporters(s: ReporterSettings): ReporterDescription[] {
  // Under `playwright test --list` Playwright's own `list` reporter prints the tests.
  if (s.list) return [['list']];
  const dir = s.reportDir;
  const files = runFiles(dir);
  const id = s.identity;
  const progress: ReporterDescription = s.signoff ? [here('./suite-progress-reporter.ts')] : ['list'];
  return [
    progress,
    ['json', { outputFile: files.results }],
    [here('./fresh-results-reporter.ts'), { dir: files.allureResults }],
    [here('./allure-reporter.ts'), {
      resultsDir: files.allureResults,
      detail: true,
      suiteTitle: true,
      environmentInfo: environmentInfo(s),
      // The combined report of a model tells firmware versions apart by these labels, the lab
      // report (npm start -- --lab) cameras by the last.
      globalLabels: { ...(id ? { firmware: id.firmware, model: id.model } : {}), ...(s.camera ? { camera: s.camera } : {}) },
    }],
    // For CI systems; the verdict is added after the run (publish.ts, junit.ts).
    ['junit', { outputFile: junitFile(dir) }],
  ];
}

