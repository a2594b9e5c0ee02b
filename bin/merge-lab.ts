// One lab summary from the lab runs of several stations (the CI example: one job per station
// runs `npm start -- --lab --station NAME` on its own runner and keeps its reports/ folder):
//   npm run merge-lab -- <station reports folder>... [--out reports]
// writes <out>/lab-summary.md/.json (every station's rows; what changed is compared with the
// previous merged summary in <out>) and <out>/lab-report/ (one Allure report, an environment
// per camera, from the run folders the stations' summaries point at). Exit 0 iff every camera
// PASS, 1 otherwise, 2 when an argument or a station's summary is wrong (nothing is written).

import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateLabReport } from '../lib/signoff/allure-report.ts';
import { LAB_SUMMARY_JSON, labPassed, mergeLabSummaries, readLabSummary, withChanges, writeLabSummary, type LabSummary } from '../lib/signoff/lab-summary.ts';
import { shownPath, summaryVariables, totals } from './lab-run.ts';

const USAGE = 'usage: npm run merge-lab -- <station reports folder>... [--out reports]';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!positionals.length) throw new Error(`name the stations' reports folders: ${USAGE}`);
  const out = resolve(values.out ?? 'reports');
  const stations = positionals.map((folder) => {
    const summary = readLabSummary(resolve(folder));
    if (!summary) throw new Error(`${folder}: no readable ${LAB_SUMMARY_JSON} (the reports folder of a station's npm start -- --lab)`);
    return { folder: resolve(folder), summary };
  });
  // Every row's sign-off is relative to its station's folder: make it relative to <out>.
  const moved: LabSummary[] = stations.map(({ folder, summary }) => ({
    ...summary,
    rows: summary.rows.map((r) => (r.signoff ? { ...r, signoff: relative(out, join(folder, r.signoff)) } : r)),
  }));
  const merged = mergeLabSummaries(moved);
  mkdirSync(out, { recursive: true });
  const summary = { ...merged, rows: withChanges(merged.rows, readLabSummary(out)) };
  const files = writeLabSummary(out, summary);
  const cameras = summary.rows
    .filter((r) => r.signoff && existsSync(dirname(join(out, r.signoff))))
    .map((r) => ({ camera: r.camera, dir: dirname(join(out, r.signoff!)), summary: summaryVariables(r) }));
  const report = await generateLabReport(join(out, 'lab-report'), cameras, totals(summary));
  for (const r of summary.rows) console.log(`LAB ${r.outcome.padEnd(10)} ${r.camera}${r.station ? ` (${r.station})` : ''}${r.why ? ` — ${r.why}` : ''}`);
  console.log(`lab summary: ${shownPath(files.md)} (${stations.length} station(s))`);
  if (report) console.log(`lab report:  ${shownPath(report)}`);
  return labPassed(summary) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`merge-lab: ${(err as Error).message ?? err}`);
    process.exit(2);
  },
);
