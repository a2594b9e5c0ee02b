// signoff.md: the page a release manager reads. Verdict and reasons first, then every
// required test, every measurement with its limit, every failure and every skip with its reason.
// What it shows is derived in signoff-view.ts, shared with signoff.pdf (pdf-html.ts).

import { describeLag } from './host-lag.ts';
import { formatLimits } from './limits.ts';
import { cell, formatValue } from './measurement.ts';
import {
  chapterOf, countsLine, failedTests, heldSummary, identityRows, measurementVerdict, NO_REQUIRED_TEST, OBSERVATIONS_INTRO, observationGroups,
  oneLine, requiredTests, showsHostLag, signoffTitle, skipAcceptance, skippedTests, sortedMeasurements, testName as name, testNote as note, testStatus, type StatusMark,
} from './signoff-view.ts';
import type { Signoff, SignoffTest } from './verdict.ts';

const ICON: Record<string, string> = { PASS: '✅', FAIL: '❌', ERROR: '⚠️', INCOMPLETE: '⏸️', MARGINAL: '🟡', NO_LIMIT: 'ℹ️' };
const MARK: Record<StatusMark, string> = { pass: '✅', 'skip-accepted': '⏭️', skip: '⏸️', allowed: '🟡', fail: '❌' };

export function renderSignoffMarkdown(s: Signoff): string {
  const out: string[] = [];
  out.push(`# ${signoffTitle(s)}`, '');
  out.push(`**Verdict: ${ICON[s.verdict]} ${s.verdict}**`, '');
  out.push('| | |', '|---|---|');
  for (const [k, v] of identityRows(s)) out.push(`| ${k} | ${cell(v)} |`);
  out.push('');
  out.push(countsLine(s), '');

  if (s.reasons.length) {
    out.push('## Why not PASS', '');
    for (const r of s.reasons) out.push(`- ${oneLine(r)}`);
    out.push('');
  }

  const required = requiredTests(s);
  out.push('## Required tests', '');
  if (s.missingRequired.length) for (const p of s.missingRequired) out.push(`- ❌ missing: nothing matches \`${p}\``);
  if (required.length) {
    out.push('| test | status | note |', '|---|---|---|');
    for (const t of required) out.push(`| ${cell(name(t))} | ${statusCell(t)} | ${cell(note(t))} |`);
  } else if (!s.missingRequired.length) out.push(NO_REQUIRED_TEST);
  out.push('');

  out.push('## Measurements', '');
  if (s.measurements.length) {
    // The test host's lag is shown where a timing test recorded it; a FAIL it explains is marked
    // as the lab's (the reason is listed under "Why not PASS").
    const host = showsHostLag(s);
    out.push(`| measurement | value | limits | verdict | test |${host ? ' test host (event-loop delay, load) |' : ''}`, `|---|---|---|---|---|${host ? '---|' : ''}`);
    for (const m of sortedMeasurements(s)) {
      const verdict = `${m.labProblem ? ICON.ERROR : ICON[m.verdict]} ${measurementVerdict(m)}`;
      out.push(`| ${cell(m.name)} | ${cell(formatValue(m.value, m.unit))} | ${cell(formatLimits(m.limits, m.unit))} | ${verdict} | ${cell(m.test)}${m.note ? ` — ${cell(m.note)}` : ''} |${host ? ` ${cell(describeLag(m.lag))} |` : ''}`);
    }
  } else out.push('No measurement was recorded.');
  if (s.missingMeasurements.length) out.push('');
  for (const n of s.missingMeasurements) out.push(`- ❌ required measurement never recorded: \`${n}\``);
  out.push('');

  out.push(...renderObservations(s));

  const failed = failedTests(s);
  if (failed.length) {
    out.push('## Failures', '');
    out.push('| test | category | error |', '|---|---|---|');
    for (const t of failed) out.push(`| ${cell(name(t))} | ${t.category ?? 'interrupted'} | ${cell(oneLine(t.error ?? ''))} |`);
    out.push('');
  }
  if (s.globalErrors.length) {
    out.push('## Errors outside tests', '');
    for (const e of s.globalErrors) out.push(`- ${oneLine(e)}`);
    out.push('');
  }

  const skipped = skippedTests(s);
  out.push('## Skipped', '');
  if (skipped.length) {
    out.push('| test | reason | accepted by the profile |', '|---|---|---|');
    for (const t of skipped) out.push(`| ${cell(name(t))} | ${cell(t.skipReason ?? '')} | ${acceptance(t)} |`);
  } else out.push('Nothing was skipped.');
  out.push('');
  return out.join('\n');
}

function acceptance(t: SignoffTest): string {
  const a = skipAcceptance(t);
  return a.kind === 'yes' ? `yes: ${cell(a.why ?? '')}` : a.kind === 'no' ? '**no** (required)' : 'not required';
}

function statusCell(t: SignoffTest): string {
  const st = testStatus(t);
  return `${MARK[st.mark]} ${st.text}`;
}

/** "Where the spec is silent": the house expectations this camera did not meet, then a count of those it met. */
function renderObservations(s: Signoff): string[] {
  const out = ['## Where the spec is silent', ''];
  const g = observationGroups(s);
  if (!g.checked) return [...out, 'No house expectation was checked.', ''];
  if (g.differs.length) {
    out.push(OBSERVATIONS_INTRO, '');
    out.push('| observation | spec | house expectation | expected | observed | |', '|---|---|---|---|---|---|');
    for (const o of g.differs) {
      out.push(`| ${cell(o.name)} | ${chapterOf(o)} | ${cell(o.expectation)} | ${cell(o.expected)} | ${cell(o.observed)} | ${o.promoted ? '❌ required by the profile' : 'ℹ️ observed'} |`);
    }
    out.push('');
  }
  out.push(`${heldSummary(g)}: ${g.held.map((n) => `\`${n}\``).join(', ') || 'none'}.`, '');
  return out;
}
