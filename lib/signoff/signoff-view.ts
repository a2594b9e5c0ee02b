// What signoff.md (render.ts) and signoff.pdf (pdf-html.ts) both show, derived once from a
// Signoff so the two documents cannot disagree: the identity rows, each test's name, status
// and note, the counts line, which tests failed or were skipped, the observations split into
// met and not met. Each renderer only adds its own markup (markdown cells, HTML and colours).

import type { JudgedMeasurement, Signoff, SignoffObservation, SignoffTest } from './verdict.ts';

/** How a status reads at a glance; each renderer gives it its own icon or colour. */
export type StatusMark = 'pass' | 'skip-accepted' | 'skip' | 'allowed' | 'fail';

export function signoffTitle(s: Signoff): string {
  return `Sign-off: ${s.identity.fullName ?? s.identity.model} — firmware ${s.identity.firmware}`;
}

export function testName(t: SignoffTest): string {
  return t.project ? `[${t.project}] ${t.id}` : t.id;
}

export function testStatus(t: SignoffTest): { mark: StatusMark; text: string } {
  if (t.status === 'passed') return { mark: 'pass', text: 'passed' };
  if (t.status === 'skipped') return t.skipAccepted ? { mark: 'skip-accepted', text: 'skipped (accepted)' } : { mark: 'skip', text: 'skipped' };
  if (t.status === 'flaky') return t.category ? { mark: 'fail', text: 'flaky' } : { mark: 'allowed', text: 'flaky (allowed)' };
  return { mark: 'fail', text: t.status };
}

export function testNote(t: SignoffTest): string {
  if (t.status === 'skipped') return t.skipAccepted ? `${t.skipReason} — ${t.skipAccepted}` : t.skipReason ?? '';
  if (t.error) return `${t.category ?? ''}: ${oneLine(t.error)}`;
  return t.measurements.length ? `measured ${t.measurements.join(', ')}` : '';
}

export function oneLine(s: string): string {
  const line = s.split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
  return line.length > 300 ? line.slice(0, 297) + '...' : line;
}

/** A profile file from `profiles/` on, wherever the repository sits. */
function shortPath(p: string): string {
  const i = p.replace(/\\/g, '/').lastIndexOf('/profiles/');
  return i >= 0 ? p.slice(i + 1) : p;
}

/**
 * The emulator's version. The virtual camera (rigs/virtual-camera) ships in this package, so
 * a run against it used the emulator of the harness version recorded beside it; a physical
 * camera run used none.
 */
function emulatorVersion(s: Signoff): string {
  return s.target.kind === 'virtual' ? `${s.harnessVersion} (virtual camera, rigs/virtual-camera)` : 'not used (physical camera)';
}

/** Who and what was signed off, in the order both documents print it; empty values left out. */
export function identityRows(s: Signoff): [string, string][] {
  const id = s.identity;
  const rows: [string, string | undefined][] = [
    ['model', id.model], ['product', id.fullName], ['firmware', id.firmware], ['build date', id.buildDate],
    ['serial', id.serial], ['host name', id.hostName], ['target', s.target.url], ['target kind', s.target.kind],
    ['relay board', s.target.relay], ['profile', `${s.profile.name} (${s.profile.sources.map(shortPath).join(' ← ')})`],
    ['harness', s.harnessVersion], ['emulator', emulatorVersion(s)], ['date', s.date],
  ];
  return rows.filter((r): r is [string, string] => !!r[1]);
}

export function countsLine(s: Signoff): string {
  const c = s.counts;
  return `${c.total} tests: ${c.passed} passed, ${c.failed} failed, ${c.flaky} flaky, ${c.skipped} skipped${c.interrupted ? `, ${c.interrupted} interrupted` : ''}.`;
}

export const NO_REQUIRED_TEST = 'The profile requires no particular test; every test that ran counts.';

/** Tests that failed (with a category) or never finished. */
export const failedTests = (s: Signoff): SignoffTest[] => s.tests.filter((t) => t.category || t.status === 'interrupted');

export const skippedTests = (s: Signoff): SignoffTest[] => s.tests.filter((t) => t.status === 'skipped');

export const requiredTests = (s: Signoff): SignoffTest[] => s.tests.filter((t) => t.required);

/** Whether the profile accepts a skip: yes (with its why), no (the test is required), or not required. */
export function skipAcceptance(t: SignoffTest): { kind: 'yes' | 'no' | 'not required'; why?: string } {
  if (t.skipAccepted) return { kind: 'yes', why: t.skipAccepted };
  return { kind: t.required ? 'no' : 'not required' };
}

/** Measurements by name, as both documents list them. */
export const sortedMeasurements = (s: Signoff) => [...s.measurements].sort((a, b) => a.name.localeCompare(b.name));

/** A measurement's verdict in words; a FAIL the test host's lag explains says it is the lab's. */
export const measurementVerdict = (m: JudgedMeasurement): string => (m.labProblem ? `${m.verdict} (host lag: lab problem)` : m.verdict);

/** Whether any measurement recorded the test host's lag (then a host column is shown). */
export const showsHostLag = (s: Signoff): boolean => s.measurements.some((m) => m.lag);

export const OBSERVATIONS_INTRO = 'What this camera does differently from the virtual camera, where the spec says nothing. An observation, not a failure, unless the profile promotes it.';

/** The observations the camera did not meet (listed), and the names of those it met (counted). */
export function observationGroups(s: Signoff): { differs: SignoffObservation[]; held: string[]; checked: number } {
  const obs = s.observations ?? [];
  return {
    differs: obs.filter((o) => !o.holds),
    held: [...new Set(obs.filter((o) => o.holds).map((o) => o.name))].sort(),
    checked: obs.length,
  };
}

/** "N house expectation(s) met (every one checked)" without the list of names. */
export function heldSummary(g: { differs: unknown[]; held: string[] }): string {
  return `${g.held.length} house expectation${g.held.length === 1 ? '' : 's'} met${g.differs.length ? '' : ' (every one checked)'}`;
}

export const chapterOf = (o: SignoffObservation): string => (o.chapter === '-' ? '—' : `§${o.chapter}`);
