// After the suites have run: verdict, signoff.json/.md, the HTML reports, the comparison
// with the neighbouring firmware versions and signoff.pdf (last: it shows the comparison with
// the older one, and a failure to print it loses nothing written before). Separate from
// bin/signoff.ts so it can be run (and tested) on a stored run without starting a camera.

import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { generateCombinedReport, generateFirmwareReport } from './allure-report.ts';
import { compareSignoffs, loadSignoff, renderComparison, type Comparison } from './compare.ts';
import { safeSegment, type Identity } from './identity.ts';
import { stampJunit } from './junit.ts';
import { SIGNOFF_PDF, writeSignoffPdf } from './pdf.ts';
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
  /**
   * Write signoff.pdf (Chromium). Follows `html` unless set: both are the browser-made,
   * seconds-long archive documents, which unit tests of the verdict path leave out.
   */
  pdf?: boolean;
  /** The run's CHROMIUM_PATH, for signoff.pdf (default: Debian's Chromium). */
  chromiumPath?: string;
  date?: Date;
}

export interface Published {
  signoff: Signoff;
  signoffMd: string;
  /** junit.xml with the verdict as a property; undefined when the run wrote none. */
  junit?: string;
  report?: string;
  combined?: string;
  comparisons: string[];
  pdf?: string;
  /** How long printing signoff.pdf took, ms. */
  pdfMs?: number;
}

export async function publishRun(i: PublishInput): Promise<Published> {
  const f = runFiles(i.dir);
  if (!existsSync(f.results)) throw new Error(`no ${f.results}: the Playwright run wrote no JSON report (did the config load? is the json reporter configured via hilReporters()?)`);
  const results = readRunResults(f.results);
  // Profile files as paths from the working directory: signoff.json moves between machines.
  const profile = { ...i.profile, sources: i.profile.sources.map((s) => relative(process.cwd(), s) || s) };
  const signoff = computeSignoff({ results, profile, identity: i.identity, target: i.target, harnessVersion: i.harnessVersion, date: i.date });
  // A PDF of an earlier run must not sit beside this run's sign-off, even when none is printed now.
  const pdfFile = join(i.dir, SIGNOFF_PDF);
  rmSync(pdfFile, { force: true });
  writeFileSync(f.signoffJson, JSON.stringify(signoff, null, 2) + '\n');
  writeFileSync(f.signoffMd, renderSignoffMarkdown(signoff));

  const junit = stampJunit(i.dir, { verdict: signoff.verdict, model: i.identity.model, firmware: i.identity.firmware, profile: profile.name });
  const out: Published = { signoff, signoffMd: f.signoffMd, junit, comparisons: [] };
  if (i.html !== false) {
    const title = `${i.identity.model} ${i.identity.firmware}: ${signoff.verdict}`;
    out.report = await generateFirmwareReport(i.dir, title, { verdict: signoff.verdict, profile: profile.name });
    out.combined = await generateCombinedReport(dirname(i.dir), i.identity.model);
  }
  const { older, newer } = neighbours(firmwareRuns(dirname(i.dir)), i.identity.firmware);
  let previous: Comparison | undefined;
  if (older) {
    const written = writeComparison(older.dir, i.dir, i.tolerance);
    out.comparisons.push(written.file);
    previous = written.comparison;
  }
  if (newer) out.comparisons.push(writeComparison(i.dir, newer.dir, i.tolerance).file);
  if (i.pdf ?? i.html !== false) {
    const pdf = await writeSignoffPdf(pdfFile, { signoff, previous }, i.chromiumPath).catch((e: Error) => {
      e.message += ` (signoff.json and signoff.md are written in ${i.dir})`;
      throw e;
    });
    out.pdf = pdf.file;
    out.pdfMs = pdf.ms;
  }
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
