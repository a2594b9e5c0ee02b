// The reports/ layout, in one place:
//   reports/<model>/<firmware>/{allure-results/, report/, history.jsonl, results.json,
//                               signoff.json, signoff.md, comparison-<A>-vs-<B>.md}
//   reports/<model>/combined/   one Allure report over every firmware of the model
//   reports/_test/              scratch output of a plain `npx playwright test`

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { safeSegment } from './identity.ts';

export const COMBINED = 'combined';

/** The run folder of a model and firmware under `root`, the reports root (HIL_REPORTS_ROOT or ./reports: fixtures/options.ts). */
export function runDir(model: string, firmware: string, root: string): string {
  return join(root, safeSegment(model), safeSegment(firmware));
}

export const runFiles = (dir: string) => ({
  allureResults: join(dir, 'allure-results'),
  html: join(dir, 'report'),
  history: join(dir, 'history.jsonl'),
  results: join(dir, 'results.json'),
  signoffJson: join(dir, 'signoff.json'),
  signoffMd: join(dir, 'signoff.md'),
});

/** Numeric-aware version order: V5.0.2.3843 > V5.0.1.3714, 5.10 > 5.9. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/(\d+)/).filter(Boolean);
  const pb = b.split(/(\d+)/).filter(Boolean);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    const d = !Number.isNaN(nx) && !Number.isNaN(ny) ? nx - ny : x.localeCompare(y);
    if (d) return Math.sign(d);
  }
  return 0;
}

export interface FirmwareRun {
  firmware: string;
  dir: string;
}

/** Firmware folders of a model holding a sign-off, oldest version first. */
export function firmwareRuns(modelDir: string): FirmwareRun[] {
  if (!existsSync(modelDir)) return [];
  return readdirSync(modelDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== COMBINED && existsSync(join(modelDir, d.name, 'signoff.json')))
    .map((d) => ({ firmware: d.name, dir: join(modelDir, d.name) }))
    .sort((x, y) => compareVersions(x.firmware, y.firmware));
}

/** The closest older and newer firmware runs around `firmware` (by folder name). */
export function neighbours(runs: FirmwareRun[], firmware: string): { older?: FirmwareRun; newer?: FirmwareRun } {
  const me = safeSegment(firmware);
  const others = runs.filter((r) => r.firmware !== me);
  const older = others.filter((r) => compareVersions(r.firmware, me) < 0).pop();
  const newer = others.find((r) => compareVersions(r.firmware, me) > 0);
  return { older, newer };
}
