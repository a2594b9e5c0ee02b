// Issue 11: a run with every picture type the suites attach produces a report. A real
// Playwright run (child process) of the pictures sample through the real reporters, then the
// Allure report generated from it: every picture must be in the report, byte for byte, under
// the name it was attached with, and none under a name allure-playwright would crash on.

import { test, expect } from '@playwright/test';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMPARISON_ENDING, safeAttachmentName } from '../../../lib/signoff/attachment-name.ts';
import { generateAllureReport } from '../../../lib/signoff/allure-report.ts';
import { runFiles } from '../../../lib/signoff/report-paths.ts';
import { checkWellFormedSvg } from '../media/svg-check.ts';
import { PLAYWRIGHT_CLI, runNode } from './child.ts';
import { PICTURES } from './fixtures/sample/pictures.ts';
import { removeTempDirs, tempDir } from './synthetic.ts';

const PICTURES_CONFIG = fileURLToPath(new URL('./fixtures/sample/pictures.config.ts', import.meta.url));

test.afterAll(removeTempDirs);

interface AllureAttachment { name: string; source: string; type: string }
interface AllureStep { name: string; attachments: AllureAttachment[]; steps: AllureStep[] }

function allureAttachments(s: { attachments: AllureAttachment[]; steps: AllureStep[] }): AllureAttachment[] {
  return [...s.attachments, ...s.steps.flatMap(allureAttachments)];
}

interface ReportLink { id: string; ext: string; name: string; contentType: string; missed: boolean }
interface ReportStep { type?: string; link?: ReportLink; steps?: ReportStep[] }

function reportLinks(steps: readonly ReportStep[] = []): ReportLink[] {
  return steps.flatMap((s) => (s.type === 'attachment' && s.link ? [s.link] : reportLinks(s.steps)));
}

/**
 * The report's data files by path (data/test-results/…, data/attachments/…): beside
 * index.html in a multi-file report, inside it (`d("path","base64")`) in a single-file one.
 */
function reportData(output: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string): void => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else files.set(relative(output, p), readFileSync(p));
    }
  };
  if (existsSync(join(output, 'data'))) walk(join(output, 'data'));
  const html = readFileSync(join(output, 'index.html'), 'utf8');
  for (const m of html.matchAll(/\bd\("([^"]+)","([A-Za-z0-9+/=]*)"\)/g)) files.set(m[1], Buffer.from(m[2], 'base64'));
  return files;
}

test('a run attaching every picture type produces a report with all of them in it', async () => {
  test.setTimeout(60_000);
  const started = performance.now();
  const root = tempDir('pictures-');
  const dir = join(root, 'run');
  const { code, out } = await runNode([PLAYWRIGHT_CLI, 'test', '-c', PICTURES_CONFIG], { HIL_REPORT_DIR: dir });
  expect(code, out).toBe(0);
  expect(out).toContain('1 passed');

  const expected = PICTURES.map((p) => safeAttachmentName(p.name)).sort();
  expect(expected).toContain('ptz pan diff.png');
  const results = runFiles(dir).allureResults;
  const originals = new Map<string, Buffer>();
  await test.step('allure-playwright wrote every picture, each under its own name', () => {
    const files = readdirSync(results).filter((f) => f.endsWith('-result.json'));
    expect(files).toHaveLength(1);
    const result = JSON.parse(readFileSync(join(results, files[0]), 'utf8')) as AllureStep & { status: string };
    expect(result.status).toBe('passed');
    const attached = allureAttachments(result);
    expect(attached.map((a) => a.name).sort()).toEqual(expected);
    for (const a of attached) originals.set(a.name, readFileSync(join(results, a.source)));
  });

  const output = join(root, 'report');
  await test.step('generate the Allure report', async () => {
    await generateAllureReport({ resultsDirs: [results], output, name: 'every picture type' });
    expect(statSync(join(output, 'index.html')).size).toBeGreaterThan(0);
  });

  await test.step('the report holds every picture, byte for byte, under its name', () => {
    const data = reportData(output);
    const testResults = [...data.keys()].filter((k) => /^data\/test-results\/[^/]+\.json$/.test(k));
    expect(testResults, `report data: ${[...data.keys()].join(', ')}`).toHaveLength(1);
    const shown = JSON.parse(data.get(testResults[0])!.toString('utf8')) as { name: string; steps: ReportStep[] };
    expect(shown.name).toBe('every picture type');
    const links = reportLinks(shown.steps);
    expect(links.map((l) => l.name).sort()).toEqual(expected);
    expect(links.filter((l) => COMPARISON_ENDING.test(l.name))).toEqual([]);
    for (const l of links) {
      const picture = PICTURES.find((p) => safeAttachmentName(p.name) === l.name)!;
      expect(l.missed, l.name).toBe(false);
      expect(l.contentType, l.name).toBe(picture.contentType);
      const body = data.get(`data/attachments/${l.id}${l.ext}`);
      expect(body, `${l.name}: data/attachments/${l.id}${l.ext} in the report`).toBeDefined();
      expect(body!.equals(originals.get(l.name)!), `${l.name}: as attached`).toBe(true);
      if (picture.contentType === 'image/jpeg') expect(body!.subarray(0, 3).toString('hex'), l.name).toBe('ffd8ff');
      if (picture.contentType === 'image/png') expect(body!.subarray(0, 8).toString('hex'), l.name).toBe('89504e470d0a1a0a');
      if (picture.contentType === 'image/svg+xml') checkWellFormedSvg(body!.toString('utf8'));
    }
  });
  console.log(`pictures report: child run and report in ${((performance.now() - started) / 1000).toFixed(1)} s`);
});
