// signoff.pdf: printed by Chromium, read back with poppler (pdfinfo, pdftotext) as a release
// manager's PDF viewer would, not by looking at the HTML that made it.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runOptions } from '../../../fixtures/options.ts';
import { LabProblem } from '../../../lib/errors.ts';
import { compareSignoffs } from '../../../lib/signoff/compare.ts';
import { markdownToHtml } from '../../../lib/signoff/markdown-html.ts';
import { signoffHtml } from '../../../lib/signoff/pdf-html.ts';
import { pdfChromium, writeSignoffPdf } from '../../../lib/signoff/pdf.ts';
import { publishRun } from '../../../lib/signoff/publish.ts';
import { runFiles } from '../../../lib/signoff/report-paths.ts';
import { toRunResults } from '../../../lib/signoff/results.ts';
import { computeSignoff, type Signoff } from '../../../lib/signoff/verdict.ts';
import { fakeReport, IDENTITY, profile, removeTempDirs, tempDir, TARGET, type FakeTest } from './synthetic.ts';

test.afterAll(removeTempDirs);

const P = profile({
  measurements: { 'snapshot.latency': { unit: 'ms', max: 500, marginalMax: 250 }, 'mjpeg.dropped': { unit: 'frames', max: 3, marginalMax: 0 } },
  required: ['general/*'],
  acceptableSkips: [{ tests: '@destructive', why: 'destructive: needs HIL_DESTRUCTIVE=1' }],
});

const separator = { name: 'ipfilter.list.separator', chapter: '6.2', expectation: 'lists are space-separated', expected: 'a b', observed: 'a,b', holds: false, promoted: false };
const refusal = { name: 'general.refusal.status', chapter: '1.1', expectation: 'a refusal answers 400', expected: '400', observed: '400', holds: true, promoted: false };

const base: FakeTest[] = [
  { file: 'general/reboot.spec.ts', title: 'comes back', status: 'passed' },
  // Markup in a title must print as text, not become part of the page.
  { file: 'general/time.spec.ts', title: 'keeps <b>time</b> & <script>date</script>', status: 'passed' },
  { file: 'general/factory.spec.ts', title: 'factory default', status: 'skipped', tags: ['destructive'], skipReason: 'set HIL_DESTRUCTIVE=1' },
  { file: 'video/snap.spec.ts', title: 'snapshot', status: 'passed', measurements: [{ name: 'snapshot.latency', value: 100, unit: 'ms' }, { name: 'mjpeg.dropped', value: 0, unit: 'frames' }] },
  { file: 'ipfilter/list.spec.ts', title: 'list', status: 'passed', observations: [separator, refusal] },
  { file: 'io/old.spec.ts', title: 'legacy port', status: 'failed', category: 'camera defect', error: 'Error: expect(received).toBe(expected)\nExpected: 1' },
];

function run(firmware: string, tests: FakeTest[]): Signoff {
  return computeSignoff({ results: toRunResults(fakeReport(tests)), profile: P, identity: { ...IDENTITY, firmware, serial: 'ACCC8E012345' }, target: TARGET, harnessVersion: 'camera-hil 0.1.0', date: new Date('2026-01-02T03:04:05Z') });
}

/** A poppler tool's output; its absence is a failure that says what to install, never a skip. */
function poppler(tool: 'pdftotext' | 'pdfinfo', args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', timeout: 30_000 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${tool} is missing: install poppler-utils (apt-get install poppler-utils; .ci/run installs it)`);
    throw e;
  }
}

/** What a reader of the PDF sees, in the order it was written (-raw), line breaks inside table cells undone. */
function pdfText(file: string): string {
  return poppler('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']).replace(/\s+/g, ' ');
}

function pageCount(file: string): number {
  const pages = /^Pages:\s+(\d+)$/m.exec(poppler('pdfinfo', [file]));
  if (!pages) throw new Error(`pdfinfo printed no page count for ${file}`);
  return Number(pages[1]);
}

test('signoff.pdf holds the verdict, identity, limits, observations and the comparison with the older firmware', async () => {
  const older = run('V5.0.1.3714', base);
  const newer = run('V5.0.2.3843', [
    { ...base[0], status: 'failed', category: 'camera defect', error: 'Error: did not come back within 120 s' },
    ...base.slice(1, 3),
    { ...base[3], measurements: [{ name: 'snapshot.latency', value: 300, unit: 'ms' }, { name: 'mjpeg.dropped', value: 2, unit: 'frames' }] },
    base[4],
    { ...base[5], status: 'passed', error: undefined },
  ]);
  expect(newer.verdict).toBe('FAIL');
  const file = join(tempDir('pdf-'), 'signoff.pdf');

  const written = await test.step('print it', () => writeSignoffPdf(file, { signoff: newer, previous: compareSignoffs(older, newer) }, runOptions().chromiumPath));
  console.log(`signoff.pdf: ${written.bytes} bytes in ${written.ms} ms (launch, print, close)`);

  await test.step('it is a PDF of a sensible length', () => {
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pageCount(file);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(20);
  });

  await test.step('its text says what signoff.md says', () => {
    const text = pdfText(file);
    expect(text).toMatch(/^\s*VERDICT FAIL\b/i);
    expect(text).toContain('Sign-off: Test Camera — firmware V5.0.2.3843');
    expect(text).toContain('IPC-7100');
    expect(text).toContain('ACCC8E012345');
    expect(text).toContain('Why not PASS');
    expect(text).toContain('camera defect: [virtual] general/reboot.spec.ts › comes back: Error: did not come back within 120 s');
    expect(text).toContain('[virtual] general/reboot.spec.ts › comes back ✗ failed');
    expect(text).toContain('snapshot.latency 300 ms ≤ 500 ms (marginal above 250) MARGINAL');
    // A dotted name may wrap after a dot in its narrow column.
    expect(text).toMatch(/ipfilter\.list\.\s?separator §6\.2 lists are space-separated a b a,b observed/);
    expect(text).toContain('1 house expectation met: general.refusal.status');
    // The comparison with V5.0.1.3714, as comparison-V5.0.1.3714-vs-V5.0.2.3843.md has it.
    expect(text).toContain('Firmware comparison: IPC-7100 V5.0.1.3714 → V5.0.2.3843');
    expect(text).toMatch(/1 regressions, 1 fixes, 0 new tests, 0 removed tests, 0 coverage changes, 2 measurement changes/);
    expect(text).toContain('snapshot.latency 100 ms 300 ms +200%');
    expect(text).toContain('harness camera-hil 0.1.0');
    expect(text).toContain('emulator camera-hil 0.1.0 (virtual camera, rigs/virtual-camera)');
    expect(text).toContain('keeps <b>time</b> & <script>date</script>');
    expect(text).not.toMatch(/password/i);
  });
});

test('the page escapes what the run recorded and loads nothing', () => {
  const html = signoffHtml({ signoff: run('V5.0.1.3714', base) });
  expect(html).toContain('keeps &lt;b&gt;time&lt;/b&gt; &amp; &lt;script&gt;date&lt;/script&gt;');
  expect(html).not.toMatch(/<script|<b>|<link|<img|src=|url\(/i);
  expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
});

test('the comparison markdown becomes HTML: tables, escaped pipes, code fences, icons a PDF font has', () => {
  const html = markdownToHtml(['# Firmware comparison', '', '| a | b \\| c |', '|---|---|', '| `x\\|y` | ✅ **ok** <i> |', '', '- **n** (t): answers ``a`b``; ⚠️ `<p>`'].join('\n'), 1);
  expect(html).toBe([
    '<h2>Firmware comparison</h2>',
    '<table><thead><tr><th>a</th><th>b | c</th></tr></thead><tbody><tr><td><code>x|y</code></td><td>✓ <strong>ok</strong> &lt;i&gt;</td></tr></tbody></table>',
    '<ul><li><strong>n</strong> (t): answers <code>a`b</code>; ⚠ <code>&lt;p&gt;</code></li></ul>',
  ].join('\n'));
});

test('publishRun writes signoff.pdf beside signoff.md; without an older firmware the PDF says so', async () => {
  const dir = join(tempDir('pdf-run-'), 'IPC-7100', 'V5.0.1.3714');
  mkdirSync(dir, { recursive: true });
  writeFileSync(runFiles(dir).results, JSON.stringify(fakeReport(base)));
  const input = { dir, profile: P, identity: IDENTITY, target: TARGET, harnessVersion: 'camera-hil 0.1.0', html: false, chromiumPath: runOptions().chromiumPath };

  const published = await publishRun({ ...input, pdf: true });
  const pdf = join(dir, 'signoff.pdf');
  expect(published.pdf).toBe(pdf);
  expect(existsSync(published.signoffMd) && existsSync(pdf)).toBe(true);
  expect(pdfText(pdf)).toContain('No earlier firmware of IPC-7100 signed off in this reports folder');

  // html: false leaves the PDF out too, and the last run's PDF does not stay beside the new sign-off.
  expect((await publishRun(input)).pdf).toBeUndefined();
  expect(existsSync(pdf)).toBe(false);
});

test('no Chromium: a lab problem naming what to install; signoff.json and signoff.md are kept', async () => {
  expect(() => pdfChromium('/nonexistent/chromium')).toThrow(LabProblem);
  expect(() => pdfChromium('/nonexistent/chromium')).toThrow(/there is none at \/nonexistent\/chromium \(CHROMIUM_PATH\); install Debian's chromium/);

  const dir = join(tempDir('pdf-none-'), 'IPC-7100', 'V5.0.1.3714');
  mkdirSync(dir, { recursive: true });
  writeFileSync(runFiles(dir).results, JSON.stringify(fakeReport(base)));
  await expect(publishRun({ dir, profile: P, identity: IDENTITY, target: TARGET, harnessVersion: 'camera-hil 0.1.0', html: false, pdf: true, chromiumPath: '/nonexistent/chromium' }))
    .rejects.toThrow(/signoff\.pdf not written: .*install Debian's chromium .*\(signoff\.json and signoff\.md are written in /);
  expect(existsSync(runFiles(dir).signoffJson) && existsSync(runFiles(dir).signoffMd)).toBe(true);
  expect(existsSync(join(dir, 'signoff.pdf'))).toBe(false);
});
