// After the suites have run: verdict, signoff.json/.md, the HTML reports and the comparison
// with the neighbouring firmware versions. Separate from bin/signoff.ts so it can be run (and
// tested) on a stored run without starting a camera.

import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { generateCombinedReport, generateFirmwareReport } from './allure-report.ts';
import { compareSignoffs, loadSignoff, renderComparison, type Comparison } from './compare.ts';
import { safeSegment, type Identity } from './identity.ts';
import type { Profile, TargetKind } from './profile.ts';
import { renderSignoffMarkdown } from './render.ts';
import { compareVersions, firmwareRuns, neighbours, runFiles } from './report-paths.ts';
import { readRunResults } from './results.ts';
import { computeSignoff, type Signoff } from './verdict.ts';

export interface PublishInput {
  dir: string;
  profile: Profile;
  identity: Identity;
  target: { kind: TargetKind; url: string; relay: string };
  harnessVersion: string;
  /** Relative tolerance of the comparison (0.1 = 10%). */
  tolerance?: number;
  /** Skip the HTML reports (unit tests of the verdict path). */
  html?: boolean;
  date?: Date;
}

export interface Published {
  signoff: Signoff;
  signoffMd: string;
  report?: string;
  combined?: string;
  comparisons: string[];
}

export async function publishRun(i: PublishInput): Promise<Published> {
  const f = runFiles(i.dir);
  if (!existsSync(f.results)) throw new Error(`no ${f.results}: the Playwright run wrote no JSON report (did the config load? is the json reporter configured via hilReporters()?)`);
  const results = readRunResults(f.results);
  // Profile files as paths from the working directory: signoff.json moves between machines.
  const profile = { ...i.profile, sources: i.profile.sources.map((s) => relative(process.cwd(), s) || s) };
  const signoff = computeSignoff({ results, profile, identity: i.identity, target: i.target, harnessVersion: i.harnessVersion, date: i.date });
  writeFileSync(f.signoffJson, JSON.stringify(signoff, null, 2) + '\n');
  writeFileSync(f.signoffMd, renderSignoffMarkdown(signoff));

  const out: Published = { signoff, signoffMd: f.signoffMd, comparisons: [] };
  if (i.html !== false) {
    const title = `${i.identity.model} ${i.identity.firmware}: ${signoff.verdict}`;
    out.report = await generateFirmwareReport(i.dir, title, { verdict: signoff.verdict, profile: profile.name });
    out.combined = await generateCombinedReport(dirname(i.dir), i.identity.model);
  }
  const { older, newer } = neighbours(firmwareRuns(dirname(i.dir)), i.identity.firmware);
  if (older) out.comparisons.push(writeComparison(older.dir, i.dir, i.tolerance).file);
  if (newer) out.comparisons.push(writeComparison(i.dir, newer.dir, i.tolerance).file);
  return out;
}

/**
 * Compares two run folders and writes `comparison-<A>-vs-<B>.md` beside the newer firmware
 * (by version; by sign-off date when the versions are equal).
 */
export function writeComparison(dirA: string, dirB: string, tolerance = 0.1): { file: string; markdown: string; comparison: Comparison } {
  let a = loadSignoff(dirA);
  let b = loadSignoff(dirB);
  let newerDir = dirB;
  const order = compareVersions(a.identity.firmware, b.identity.firmware) || a.date.localeCompare(b.date);
  if (order > 0) {
    [a, b] = [b, a];
    newerDir = dirA;
  }
  const comparison = compareSignoffs(a, b, tolerance);
  const markdown = renderComparison(comparison);
  const file = join(newerDir, `comparison-${safeSegment(a.identity.firmware)}-vs-${safeSegment(b.identity.firmware)}.md`);
  writeFileSync(file, markdown);
  return { file, markdown, comparison };
}
