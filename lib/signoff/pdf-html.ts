// The HTML printed into signoff.pdf: one self-contained page (inline CSS, system fonts, no
// script, a policy that forbids loading anything), so printing it needs no network. Verdict
// first and big, then why it is not PASS, who and what was signed off, required tests,
// measurements with their limits and marginal bands, observations where the spec is silent,
// the comparison with the previous firmware, skips. What it shows comes from signoff-view.ts
// (shared with signoff.md); every value from the run is escaped.

import { describeLag } from './host-lag.ts';
import { formatLimits } from './limits.ts';
import { escapeHtml as esc, markdownToHtml } from './markdown-html.ts';
import { formatValue } from './measurement.ts';
import { renderComparison, type Comparison } from './compare.ts';
import {
  chapterOf, countsLine, heldSummary, identityRows, measurementVerdict, NO_REQUIRED_TEST, OBSERVATIONS_INTRO, observationGroups,
  oneLine, requiredTests, showsHostLag, signoffTitle, skipAcceptance, skippedTests, sortedMeasurements, testName, testNote, testStatus,
  type StatusMark,
} from './signoff-view.ts';
import type { Signoff } from './verdict.ts';

export interface PdfContent {
  signoff: Signoff;
  /** The comparison with the closest older firmware signed off, when there is one. */
  previous?: Comparison;
}

/** Colour class of each verdict and status (text always says it too: printed in grey it still reads). */
const TONE: Record<string, string> = {
  PASS: 'good', FAIL: 'bad', ERROR: 'warn', INCOMPLETE: 'dim', MARGINAL: 'warn', NO_LIMIT: 'dim',
};
const MARK_TONE: Record<StatusMark, string> = { pass: 'good', 'skip-accepted': 'dim', skip: 'warn', allowed: 'warn', fail: 'bad' };
const MARK_SYMBOL: Record<StatusMark, string> = { pass: '✓', 'skip-accepted': '»', skip: '‖', allowed: '●', fail: '✗' };
const VERDICT_MEANS: Record<string, string> = {
  PASS: 'Every required test passed and every measurement is within its limits.',
  FAIL: 'The camera has a defect: a test failed because of it, or a measurement is out of its limits.',
  ERROR: 'No camera defect was found, but the run cannot vouch for the camera (harness defect, lab problem or interrupted run).',
  INCOMPLETE: 'Nothing failed, but a required test or measurement is missing or was skipped.',
};

/** A dotted name (audio.tone.frequency.error) that may wrap after its dots rather than mid-word. */
const dotted = (name: string) => esc(name).replace(/\./g, '.<wbr>');
const badge = (tone: string, text: string) => `<span class="badge ${tone}">${esc(text)}</span>`;
const row = (cells: string[]) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
const table = (head: string[], rows: string[], cls = '') => `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;

export function signoffHtml(c: PdfContent): string {
  const s = c.signoff;
  const title = signoffTitle(s);
  const body = [
    verdictBanner(s),
    `<h1>${esc(title)}</h1>`,
    table(['', ''], identityRows(s).map(([k, v]) => row([esc(k), esc(v)])), 'kv'),
    `<p>${esc(countsLine(s))}</p>`,
    requiredSection(s),
    measurementSection(s),
    observationSection(s),
    comparisonSection(s, c.previous),
    skippedSection(s),
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(title)}</title>
<style>${CSS}</style></head>
<body>
${body.join('\n')}
</body></html>`;
}

/** The line under every page: who, which firmware, the verdict, page numbers (Chromium fills them in). */
export function footerHtml(s: Signoff): string {
  const who = `${s.identity.model} firmware ${s.identity.firmware} — ${s.verdict} — signed off ${s.date}`;
  return `<div style="font: 8px 'DejaVu Sans', 'Liberation Sans', sans-serif; color: #555; width: 100%; padding: 0 12mm; display: flex; justify-content: space-between;">` +
    `<span>${esc(who)}</span><span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;
}

function verdictBanner(s: Signoff): string {
  const reasons = s.reasons.length
    ? `<div class="reasons"><h2>Why not PASS</h2><ul>${s.reasons.map((r) => `<li>${esc(oneLine(r))}</li>`).join('')}</ul></div>`
    : '';
  return `<div class="verdict ${TONE[s.verdict]}"><div class="what">Verdict</div><div class="word">${esc(s.verdict)}</div>` +
    `<div class="means">${esc(VERDICT_MEANS[s.verdict] ?? '')}</div></div>${reasons}`;
}

function requiredSection(s: Signoff): string {
  const out = ['<h2>Required tests</h2>'];
  const missing = s.missingRequired.map((p) => `<li>${badge('bad', '✗ missing')} nothing matches <code>${esc(p)}</code></li>`);
  if (missing.length) out.push(`<ul class="plain">${missing.join('')}</ul>`);
  const required = requiredTests(s);
  if (required.length) {
    out.push(table(['test', 'status', 'note'], required.map((t) => {
      const st = testStatus(t);
      return row([esc(testName(t)), badge(MARK_TONE[st.mark], `${MARK_SYMBOL[st.mark]} ${st.text}`), esc(testNote(t))]);
    }), 'required'));
  } else if (!missing.length) out.push(`<p>${esc(NO_REQUIRED_TEST)}</p>`);
  return out.join('\n');
}

function measurementSection(s: Signoff): string {
  const out = ['<h2>Measurements</h2>'];
  if (!s.measurements.length) out.push('<p>No measurement was recorded.</p>');
  else {
    const host = showsHostLag(s);
    const head = ['measurement', 'value', 'limits (marginal band)', 'verdict', 'test', ...(host ? ['test host (event-loop delay, load)'] : [])];
    out.push(table(head, sortedMeasurements(s).map((m) => row([
      dotted(m.name),
      `<span class="num">${esc(formatValue(m.value, m.unit))}</span>`,
      esc(formatLimits(m.limits, m.unit)),
      badge(m.labProblem ? 'warn' : TONE[m.verdict], measurementVerdict(m)),
      `${esc(m.test)}${m.note ? `<div class="note">${esc(m.note)}</div>` : ''}`,
      ...(host ? [esc(describeLag(m.lag))] : []),
    ])), 'measurements'));
    out.push('<p class="note">A value inside its limits but outside the marginal band passes as MARGINAL: close to failing. NO_LIMIT: the profile sets no limit, the value is recorded for comparison.</p>');
  }
  const missing = s.missingMeasurements.map((n) => `<li>${badge('bad', '✗ never recorded')} required measurement <code>${esc(n)}</code></li>`);
  if (missing.length) out.push(`<ul class="plain">${missing.join('')}</ul>`);
  return out.join('\n');
}

function observationSection(s: Signoff): string {
  const out = ['<h2>Where the spec is silent</h2>'];
  const g = observationGroups(s);
  if (!g.checked) return [...out, '<p>No house expectation was checked.</p>'].join('\n');
  if (g.differs.length) {
    out.push(`<p>${esc(OBSERVATIONS_INTRO)}</p>`);
    out.push(table(['observation', 'spec', 'house expectation', 'expected', 'observed', ''], g.differs.map((o) => row([
      dotted(o.name), esc(chapterOf(o)), esc(o.expectation), `<code>${esc(o.expected)}</code>`, `<code>${esc(o.observed)}</code>`,
      o.promoted ? badge('bad', '✗ required by the profile') : badge('dim', 'observed'),
    ])), 'observations'));
  }
  out.push(`<p>${esc(heldSummary(g))}: ${g.held.map((n) => `<code>${esc(n)}</code>`).join(', ') || 'none'}.</p>`);
  return out.join('\n');
}

function comparisonSection(s: Signoff, c: Comparison | undefined): string {
  const head = '<h2>Compared with the previous firmware</h2>';
  if (!c) return `${head}<p>No earlier firmware of ${esc(s.identity.model)} signed off in this reports folder: nothing to compare with.</p>`;
  return `${head}<div class="comparison">${markdownToHtml(renderComparison(c), 2)}</div>`;
}

function skippedSection(s: Signoff): string {
  const skipped = skippedTests(s);
  if (!skipped.length) return '<h2>Skipped</h2><p>Nothing was skipped.</p>';
  return '<h2>Skipped</h2>' + table(['test', 'reason', 'accepted by the profile'], skipped.map((t) => {
    const a = skipAcceptance(t);
    const accepted = a.kind === 'yes' ? `yes: ${esc(a.why ?? '')}` : a.kind === 'no' ? badge('warn', 'no (required)') : 'not required';
    return row([esc(testName(t)), esc(t.skipReason ?? ''), accepted]);
  }));
}

// System fonts only (DejaVu and Liberation come with Debian's Chromium): nothing is fetched.
const CSS = `
@page { size: A4; }
* { box-sizing: border-box; }
body { font: 9pt/1.35 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; color: #111; margin: 0; }
h1 { font-size: 13pt; margin: 10pt 0 6pt; }
h2 { font-size: 11pt; margin: 14pt 0 5pt; border-bottom: 1px solid #bbb; padding-bottom: 2pt; break-after: avoid; }
h3 { font-size: 10pt; margin: 10pt 0 4pt; break-after: avoid; }
h4 { font-size: 9pt; margin: 8pt 0 3pt; break-after: avoid; }
p { margin: 4pt 0; }
table { border-collapse: collapse; width: calc(100% - 1px); margin: 4pt 0; table-layout: auto; }
th, td { border: 1px solid #ccc; padding: 2pt 4pt; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { background: #eee; font-weight: bold; }
tr { break-inside: avoid; }
/* Fixed column widths where one long column (test names) would squeeze the rest off the page. */
table.required, table.measurements, table.observations { table-layout: fixed; }
table.required th:nth-child(1) { width: 52%; }
table.required th:nth-child(2) { width: 17%; }
table.measurements th:nth-child(1) { width: 20%; }
table.measurements th:nth-child(2) { width: 10%; }
table.measurements th:nth-child(3) { width: 16%; }
table.measurements th:nth-child(4) { width: 13%; }
table.measurements th:nth-child(6) { width: 14%; }
table.observations th:nth-child(1) { width: 20%; }
table.observations th:nth-child(2) { width: 8%; }
table.observations th:nth-child(4), table.observations th:nth-child(5) { width: 16%; }
table.observations th:nth-child(6) { width: 12%; }
table.kv td:first-child { width: 22%; color: #444; white-space: nowrap; }
table.kv thead { display: none; }
code { font: 8pt "DejaVu Sans Mono", "Liberation Mono", monospace; background: #f3f3f3; padding: 0 2pt; overflow-wrap: break-word; white-space: pre-wrap; }
.num { white-space: nowrap; font-variant-numeric: tabular-nums; }
.note { color: #555; font-size: 8pt; }
ul { margin: 3pt 0; padding-left: 14pt; }
ul.plain { list-style: none; padding-left: 0; }
.badge { display: inline-block; padding: 0 4pt; border-radius: 3pt; font-weight: bold; }
.badge.good { background: #d8f0dc; color: #125c24; }
.badge.bad { background: #f8d7d7; color: #8a1111; }
.badge.warn { background: #fbeac2; color: #7a4a00; }
.badge.dim { background: #e7e7e7; color: #333; }
.verdict { border-radius: 6pt; padding: 10pt 14pt; margin-bottom: 8pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.verdict .what { font-size: 10pt; text-transform: uppercase; letter-spacing: 1pt; }
.verdict .word { font-size: 40pt; font-weight: bold; line-height: 1.1; }
.verdict .means { font-size: 10pt; }
.verdict.good { background: #1f7a35; color: #fff; }
.verdict.bad { background: #b3261e; color: #fff; }
.verdict.warn { background: #c77700; color: #fff; }
.verdict.dim { background: #5a6470; color: #fff; }
.reasons { border: 2px solid #b3261e; border-radius: 4pt; padding: 4pt 10pt; margin-bottom: 8pt; }
.reasons h2 { border: none; margin-top: 2pt; }
`;
