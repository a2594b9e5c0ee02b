// signoff.md: the page a release manager reads. Verdict and reasons first, then every
// required test, every measurement with its limit, every failure and every skip with its reason.

import { describeLag } from './host-lag.ts';
import { formatLimits } from './limits.ts';
import { cell, formatValue } from './measurement.ts';
import type { Signoff, SignoffTest } from './verdict.ts';

const ICON: Record<string, string> = { PASS: '✅', FAIL: '❌', ERROR: '⚠️', INCOMPLETE: '⏸️', MARGINAL: '🟡', NO_LIMIT: 'ℹ️' };

export function renderSignoffMarkdown(s: Signoff): string {
  const id = s.identity;
  const out: string[] = [];
  out.push(`# Sign-off: ${id.fullName ?? id.model} — firmware ${id.firmware}`, '');
  out.push(`**Verdict: ${ICON[s.verdict]} ${s.verdict}**`, '');
  out.push('| | |', '|---|---|');
  const rows: [string, string | undefined][] = [
    ['model', id.model], ['product', id.fullName], ['firmware', id.firmware], ['build date', id.buildDate],
    ['serial', id.serial], ['host name', id.hostName], ['target', s.target.url], ['target kind', s.target.kind],
    ['relay board', s.target.relay], ['profile', `${s.profile.name} (${s.profile.sources.map(shortPath).join(' ← ')})`],
    ['harness', s.harnessVersion], ['date', s.date],
  ];
  for (const [k, v] of rows) if (v) out.push(`| ${k} | ${cell(v)} |`);
  out.push('');
  const c = s.counts;
  out.push(`${c.total} tests: ${c.passed} passed, ${c.failed} failed, ${c.flaky} flaky, ${c.skipped} skipped${c.interrupted ? `, ${c.interrupted} interrupted` : ''}.`, '');

  if (s.reasons.length) {
    out.push('## Why not PASS', '');
    for (const r of s.reasons) out.push(`- ${oneLine(r)}`);
    out.push('');
  }

  const required = s.tests.filter((t) => t.required);
  out.push('## Required tests', '');
  if (s.missingRequired.length) for (const p of s.missingRequired) out.push(`- ❌ missing: nothing matches \`${p}\``);
  if (required.length) {
    out.push('| test | status | note |', '|---|---|---|');
    for (const t of required) out.push(`| ${cell(name(t))} | ${statusCell(t)} | ${cell(note(t))} |`);
  } else if (!s.missingRequired.length) out.push('The profile requires no particular test; every test that ran counts.');
  out.push('');

  out.push('## Measurements', '');
  if (s.measurements.length) {
    // The test host's lag is shown where a timing test recorded it; a FAIL it explains is marked
    // as the lab's (the reason is listed under "Why not PASS").
    const host = s.measurements.some((m) => m.lag);
    out.push(`| measurement | value | limits | verdict | test |${host ? ' test host (event-loop delay, load) |' : ''}`, `|---|---|---|---|---|${host ? '---|' : ''}`);
    const sorted = [...s.measurements].sort((a, b) => a.name.localeCompare(b.name));
    for (const m of sorted) {
      const verdict = m.labProblem ? `${ICON.ERROR} ${m.verdict} (host lag: lab problem)` : `${ICON[m.verdict]} ${m.verdict}`;
      out.push(`| ${cell(m.name)} | ${cell(formatValue(m.value, m.unit))} | ${cell(formatLimits(m.limits, m.unit))} | ${verdict} | ${cell(m.test)}${m.note ? ` — ${cell(m.note)}` : ''} |${host ? ` ${cell(describeLag(m.lag))} |` : ''}`);
    }
  } else out.push('No measurement was recorded.');
  if (s.missingMeasurements.length) out.push('');
  for (const n of s.missingMeasurements) out.push(`- ❌ required measurement never recorded: \`${n}\``);
  out.push('');

  out.push(...renderObservations(s));

  const failed = s.tests.filter((t) => t.category || t.status === 'interrupted');
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

  const skipped = s.tests.filter((t) => t.status === 'skipped');
  out.push('## Skipped', '');
  if (skipped.length) {
    out.push('| test | reason | accepted by the profile |', '|---|---|---|');
    for (const t of skipped) out.push(`| ${cell(name(t))} | ${cell(t.skipReason ?? '')} | ${t.skipAccepted ? `yes: ${cell(t.skipAccepted)}` : t.required ? '**no** (required)' : 'not required'} |`);
  } else out.push('Nothing was skipped.');
  out.push('');
  return out.join('\n');
}

function name(t: SignoffTest): string {
  return t.project ? `[${t.project}] ${t.id}` : t.id;
}

function statusCell(t: SignoffTest): string {
  if (t.status === 'passed') return '✅ passed';
  if (t.status === 'skipped') return t.skipAccepted ? '⏭️ skipped (accepted)' : '⏸️ skipped';
  if (t.status === 'flaky') return t.category ? '❌ flaky' : '🟡 flaky (allowed)';
  return `❌ ${t.status}`;
}

function note(t: SignoffTest): string {
  if (t.status === 'skipped') return t.skipAccepted ? `${t.skipReason} — ${t.skipAccepted}` : t.skipReason ?? '';
  if (t.error) return `${t.category ?? ''}: ${oneLine(t.error)}`;
  return t.measurements.length ? `measured ${t.measurements.join(', ')}` : '';
}

function oneLine(s: string): string {
  const line = s.split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
  return line.length > 300 ? line.slice(0, 297) + '...' : line;
}

function shortPath(p: string): string {
  const i = p.replace(/\\/g, '/').lastIndexOf('/profiles/');
  return i >= 0 ? p.slice(i + 1) : p;
}

/** "Where the spec is silent": the house expectations this camera did not meet, then a count of those it met. */
function renderObservations(s: Signoff): string[] {
  const out = ['## Where the spec is silent', ''];
  const obs = s.observations ?? [];
  if (!obs.length) return [...out, 'No house expectation was checked.', ''];
  const differs = obs.filter((o) => !o.holds);
  if (differs.length) {
    out.push('What this camera does differently from the virtual camera, where the spec says nothing. An observation, not a failure, unless the profile promotes it.', '');
    out.push('| observation | spec | house expectation | expected | observed | |', '|---|---|---|---|---|---|');
    for (const o of differs) {
      out.push(`| ${cell(o.name)} | ${o.chapter === '-' ? '—' : `§${o.chapter}`} | ${cell(o.expectation)} | ${cell(o.expected)} | ${cell(o.observed)} | ${o.promoted ? '❌ required by the profile' : 'ℹ️ observed'} |`);
    }
    out.push('');
  }
  const held = new Set(obs.filter((o) => o.holds).map((o) => o.name));
  out.push(`${held.size} house expectation${held.size === 1 ? '' : 's'} met${differs.length ? '' : ' (every one checked)'}: ${[...held].sort().map((n) => `\`${n}\``).join(', ') || 'none'}.`, '');
  return out;
}
