// HTML reports with Allure 3, generated offline and in-process (the same calls as
// `allure generate`, without its process.exit on errors). Each report is one self-contained
// index.html (the awesome plugin's singleFile mode: a multi-file report fetches its data with
// fetch(), which Chromium refuses from file://, so it only ever showed a spinner from disk),
// then stripped of Allure's analytics (offline-report.ts), so it opens from an archive,
// offline, with no request leaving the file:
//   - per firmware: reports/<model>/<fw>/report/, history appended to <fw>/history.jsonl,
//     so the report's history/trend shows every earlier run of that firmware;
//   - per model: reports/<model>/combined/, one environment per firmware version.

import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { AllureReport, resolveConfig } from '@allurereport/core';
import type { AllureConfig } from 'allure';
import { ALLURE_CATEGORIES } from './categories.ts';
import { loadSignoff } from './compare.ts';
import { makeReportOffline, OFFLINE_CSP_TAG } from './offline-report.ts';
import { copyWithoutAttachments } from './lab-report-results.ts';
import { escapeHtml } from './markdown-html.ts';
import { COMBINED, firmwareRuns, runFiles } from './report-paths.ts';

/** Label the reporters put on every result (see reporters.ts) to tell firmware versions apart. */
const FIRMWARE_LABEL = 'firmware';

export interface GenerateOptions {
  resultsDirs: string[];
  output: string;
  name: string;
  historyPath?: string;
  environments?: AllureConfig['environments'];
  variables?: Record<string, string>;
}

export async function generateAllureReport(o: GenerateOptions): Promise<void> {
  for (const d of o.resultsDirs) if (!existsSync(d)) throw new Error(`no Allure results at ${d}: the run wrote nothing there`);
  rmSync(o.output, { recursive: true, force: true });
  const config: AllureConfig = {
    name: o.name,
    output: o.output,
    historyPath: o.historyPath,
    environments: o.environments,
    variables: o.variables,
    categories: { rules: ALLURE_CATEGORIES.map(({ name, matchers }) => ({ name, matchers })) },
    plugins: {
      awesome: { options: { reportName: o.name, singleFile: true, groupBy: ['epic', 'feature', 'story'] } },
      // The agent plugin (AI-assistant output) is added by default; a lab report has no use for it.
      agent: { enabled: false },
    },
  };
  const full = await resolveConfig(config, { cwd: process.cwd() });
  const report = new AllureReport(full);
  await report.start();
  for (const d of o.resultsDirs) await report.readDirectory(d);
  await report.done();
  makeReportOffline(o.output);
}

/** The firmware's own report, with history kept across its runs. */
export async function generateFirmwareReport(dir: string, title: string, variables?: Record<string, string>): Promise<string> {
  const f = runFiles(dir);
  await generateAllureReport({ resultsDirs: [f.allureResults], output: f.html, name: title, historyPath: f.history, variables });
  return join(f.html, 'index.html');
}

/** Allure environment ids allow only [A-Za-z0-9_-]; names keep the real version or camera name. */
function environmentId(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64) || 'unknown';
}

/**
 * One report over every firmware of a model (the latest run of each), an Allure environment
 * per firmware, matched on the `firmware` label. Returns undefined when there is nothing to show.
 */
export async function generateCombinedReport(modelDir: string, model: string): Promise<string | undefined> {
  const runs = firmwareRuns(modelDir).filter((r) => existsSync(runFiles(r.dir).allureResults));
  if (!runs.length) return undefined;
  const output = join(modelDir, COMBINED);
  // One firmware version: its own report is the whole picture. A page that links to it costs
  // nothing; a second Allure report of the same results costs a second of CPU per sign-off
  // (every camera of a lab run of virtual cameras, each in a folder of its own).
  const only = runs.length === 1 ? join(runFiles(runs[0].dir).html, 'index.html') : undefined;
  if (only && existsSync(only)) {
    rmSync(output, { recursive: true, force: true });
    mkdirSync(output, { recursive: true });
    const file = join(output, 'index.html');
    writeFileSync(file, singleVersionPage(model, loadSignoff(runs[0].dir).identity.firmware, relative(output, only)));
    return file;
  }
  const environments: NonNullable<AllureConfig['environments']> = {};
  for (const r of runs) {
    // The folder name is the firmware made path-safe; the label holds the version as the camera
    // reported it, which signoff.json keeps.
    const s = loadSignoff(r.dir);
    const fw = s.identity.firmware;
    environments[environmentId(fw)] = {
      name: fw,
      variables: { verdict: s.verdict, 'signed off': s.date, ...(s.identity.buildDate ? { 'build date': s.identity.buildDate } : {}) },
      matcher: ({ labels }) => labels.some((l) => l.name === FIRMWARE_LABEL && l.value === fw),
    };
  }
  await generateAllureReport({ resultsDirs: runs.map((r) => runFiles(r.dir).allureResults), output, name: `${model}: all firmware versions`, environments });
  return join(output, 'index.html');
}

/**
 * combined/index.html of a model with one firmware version: a link to that version's report
 * (a link, not a redirect: an archived report never navigates by itself, offline-report.ts).
 */
function singleVersionPage(model: string, firmware: string, href: string): string {
  const url = href.split(sep).map(encodeURIComponent).join('/');
  const text = escapeHtml(`${model}: only firmware ${firmware} has been signed off`);
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8">${OFFLINE_CSP_TAG}
<title>${text}</title></head>
<body><p>${text}: its report is <a href="${url}">${escapeHtml(href)}</a>.</p></body></html>
`;
}

/** Label the reporters put on every result of a lab camera's run (reporters.ts). */
const CAMERA_LABEL = 'camera';

export interface LabReportCamera {
  camera: string;
  /** The camera's run folder. */
  dir: string;
  /** Its row of the lab summary, as name → value (verdict, failures, duration, changes). */
  summary: Record<string, string>;
}

/**
 * One report over the cameras of a lab run (`npm start -- --lab`): an Allure environment per
 * camera, matched on the `camera` label, showing that camera's row of the lab summary and
 * where its full report is; the lab's totals are the report's own variables. No attachments
 * (lab-report-results.ts). Returns undefined when no camera has results.
 */
export async function generateLabReport(output: string, cameras: LabReportCamera[], totals: Record<string, string>): Promise<string | undefined> {
  const runs = cameras.filter((c) => existsSync(runFiles(c.dir).allureResults));
  if (!runs.length) return undefined;
  const environments: NonNullable<AllureConfig['environments']> = {};
  for (const [i, c] of runs.entries()) {
    // Two names may map to one id ('a.b', 'a_b'): the second gets its place in the run appended.
    const id = environmentId(c.camera);
    environments[environments[id] ? `${id}-${i}` : id] = {
      name: c.camera,
      // Its attachments are in its own report only (lab-report-results.ts): say where that is.
      variables: { ...c.summary, 'full report': relative(output, join(runFiles(c.dir).html, 'index.html')) },
      matcher: ({ labels }) => labels.some((l) => l.name === CAMERA_LABEL && l.value === c.camera),
    };
  }
  const stripped = mkdtempSync(join(tmpdir(), 'camera-hil-lab-report-'));
  try {
    const resultsDirs = runs.map((c, i) => {
      const into = join(stripped, String(i));
      copyWithoutAttachments(runFiles(c.dir).allureResults, into);
      return into;
    });
    await generateAllureReport({ resultsDirs, output, name: 'Lab sign-off', environments, variables: totals });
  } finally {
    rmSync(stripped, { recursive: true, force: true });
  }
  return join(output, 'index.html');
}
