// The firmware comparison as a behaviour fingerprint: observations where the spec is silent
// that changed between two firmware versions, and measurements judged against the relative
// and absolute tolerances of the profile the run used (kept in its signoff.json).
import { test, expect } from '@playwright/test';
import AjvModule from 'ajv';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareSignoffs, renderComparison } from '../../../lib/signoff/compare.ts';
import { HOUSE_RULES } from '../../../lib/signoff/house-rules/index.ts';
import type { ObservationRecord } from '../../../lib/signoff/observation.ts';
import { loadProfile, parseProfile, PROFILES_DIR, type Profile } from '../../../lib/signoff/profile.ts';
import { writeComparison } from '../../../lib/signoff/publish.ts';
import { toRunResults } from '../../../lib/signoff/results.ts';
import { computeSignoff, type Signoff } from '../../../lib/signoff/verdict.ts';
import { fakeReport, IDENTITY, profile, removeTempDirs, tempDir, TARGET, type FakeTest } from './synthetic.ts';

test.afterAll(removeTempDirs);

const OLD = 'V5.0.1.3714';
const NEW = 'V5.0.2.3843';

const P = profile({
  measurements: {
    'io.input.latency': { unit: 'ms', min: 0, max: 300, marginalMax: 150, compare: { relative: 0.1, absolute: 1 } },
    'snapshot.latency': { unit: 'ms', min: 0, max: 500 },
  },
});

function signoff(firmware: string, tests: FakeTest[], p: Profile = P): Signoff {
  return computeSignoff({ results: toRunResults(fakeReport(tests)), profile: p, identity: { ...IDENTITY, firmware }, target: TARGET, harnessVersion: 'camera-hil 0.1.0', date: new Date('2026-01-02T03:04:05Z') });
}

function timing(io: number, snapshot: number): FakeTest {
  return {
    file: 'io/inputs.spec.ts', title: 'inputs follow the relay', status: 'passed',
    measurements: [{ name: 'io.input.latency', value: io, unit: 'ms', verdict: 'PASS' }, { name: 'snapshot.latency', value: snapshot, unit: 'ms', verdict: 'PASS' }],
  };
}

test('sub-millisecond noise is no regression: a change must exceed both its relative and its absolute tolerance', () => {
  // 0.55 → 0.88 ms is +60 %: beyond 10 %, but 0.33 ms is inside the profile's 1 ms.
  const older = signoff(OLD, [timing(0.55, 0.55)]);
  const noisy = compareSignoffs(older, signoff(NEW, [timing(0.88, 0.88)]));
  // snapshot.latency has no compare entry: the global ±10 % and no absolute floor apply.
  expect(noisy.measurements.map((m) => [m.name, m.tolerance])).toEqual([['snapshot.latency', { relative: 0.1, absolute: 0 }]]);

  // Beyond both (+1.45 ms, +264 %): listed, with the tolerance it broke.
  const slower = compareSignoffs(older, signoff(NEW, [timing(2, 0.55)]));
  expect(slower.measurements).toEqual([expect.objectContaining({ name: 'io.input.latency', before: 0.55, after: 2, tolerance: { relative: 0.1, absolute: 1 } })]);
  expect(slower.measurements[0].delta).toBeCloseTo(1.45, 9);
  const md = renderComparison(slower);
  expect(md).toContain('| io.input.latency | 0.55 ms | 2 ms | +263.6% (+1.45 ms) | ±10%, ±1 ms | PASS | io/inputs.spec.ts › inputs follow the relay |');
  expect(md).toContain('1 measurement changes beyond tolerance');

  // Beyond the absolute (5 ms) but not the relative tolerance (+5 %): not listed.
  expect(compareSignoffs(signoff(OLD, [timing(100, 1)]), signoff(NEW, [timing(105, 1)])).measurements).toEqual([]);
  // Inside both, but the verdict changed (PASS → MARGINAL at 150 ms): always listed.
  const verdict = compareSignoffs(signoff(OLD, [timing(149.8, 1)]), signoff(NEW, [timing(150.2, 1)])).measurements;
  expect(verdict.map((m) => [m.name, m.verdictBefore, m.verdictAfter])).toEqual([['io.input.latency', 'PASS', 'MARGINAL']]);
});

test('a comparison uses the tolerances the newer run was judged with, kept in signoff.json, not a later profile', () => {
  const newer = signoff(NEW, [timing(2.5, 1)]);
  expect(newer.measurements.find((m) => m.name === 'io.input.latency')!.compare).toEqual({ relative: 0.1, absolute: 1 });
  expect(newer.measurements.find((m) => m.name === 'snapshot.latency')!.compare).toBeUndefined();
  // The older run was judged with a looser profile (3 ms): the newer run's own 1 ms decides.
  const loose = profile({ measurements: { ...P.measurements, 'io.input.latency': { unit: 'ms', min: 0, max: 300, compare: { relative: 0.1, absolute: 3 } } } });
  const older = signoff(OLD, [timing(0.5, 1)], loose);
  const root = tempDir('fingerprint-');
  for (const s of [older, newer]) {
    mkdirSync(join(root, s.identity.firmware));
    writeFileSync(join(root, s.identity.firmware, 'signoff.json'), JSON.stringify(s));
  }
  // Read back from disk; the global --tolerance (here 50 %) is for measurements without their own.
  const { comparison } = writeComparison(join(root, OLD), join(root, NEW), 0.5);
  expect(comparison.measurements.map((m) => [m.name, m.tolerance])).toEqual([['io.input.latency', { relative: 0.1, absolute: 1 }]]);
  // Swapped roles: the newer run (loose) decides, and 2 ms is inside its 3 ms.
  expect(compareSignoffs(newer, older).measurements).toEqual([]);
  // A partial entry: the missing relative part is the global tolerance.
  const partial = profile({ measurements: { ...P.measurements, 'io.input.latency': { unit: 'ms', compare: { absolute: 0.1 } } } });
  const p = compareSignoffs(signoff(OLD, [timing(1, 1)], partial), signoff(NEW, [timing(1.15, 1)], partial), 0.2);
  expect(p.measurements).toEqual([]);
  expect(compareSignoffs(signoff(OLD, [timing(1, 1)], partial), signoff(NEW, [timing(1.15, 1)], partial), 0.1).measurements[0].tolerance).toEqual({ relative: 0.1, absolute: 0.1 });
});

// ajv is CommonJS: its class is the default export's default under ESM.
const Ajv = (AjvModule as unknown as { default: typeof AjvModule }).default ?? AjvModule;
const ajv = new (Ajv as unknown as new (o: object) => import('ajv').default)({ allErrors: true, strict: true, allowUnionTypes: true });
const schema = ajv.compile(JSON.parse(readFileSync(fileURLToPath(new URL('../../../profiles/profile.schema.json', import.meta.url)), 'utf8')));

test('a profile\'s compare tolerances are checked by the loader, naming the key, and by the schema alike', () => {
  const bad: [unknown, string][] = [
    [1, 'measurements["x"]: compare must be an object like {"relative": 0.1, "absolute": 1}'],
    [{}, 'measurements["x"]: compare must give relative, absolute or both'],
    [{ relative: -0.1 }, 'measurements["x"]: compare.relative must be a non-negative number (a fraction: 0.1 = 10 %), got -0.1'],
    [{ absolute: '1' }, 'measurements["x"]: compare.absolute must be a non-negative number (in the measurement\'s unit), got "1"'],
    [{ relative: 0.1, abs: 1 }, 'measurements["x"]: compare: unknown key "abs" (known: relative, absolute)'],
  ];
  for (const [compare, message] of bad) {
    const raw = { name: 'p', measurements: { x: { unit: 'ms', max: 5, compare } } };
    expect(() => parseProfile(raw, 'profiles/p.json'), JSON.stringify(compare)).toThrow(`sign-off profile profiles/p.json is invalid:\n  - ${message}`);
    expect(schema(raw), JSON.stringify(compare)).toBe(false);
  }
  const good = { name: 'p', measurements: { x: { unit: 'ms', max: 5, compare: { relative: 0.2, absolute: 1 } }, y: { compare: { absolute: 0 } } } };
  expect(schema(good), ajv.errorsText(schema.errors)).toBe(true);
  expect(parseProfile(good, 'p.json').measurements.x.compare).toEqual({ relative: 0.2, absolute: 1 });
});

test('every timing measurement of the shipped profiles has an absolute tolerance in its unit', () => {
  for (const f of ['default.json', 'physical.json', 'conformant.json']) {
    const p = loadProfile(join(PROFILES_DIR, f));
    const timed = Object.entries(p.measurements).filter(([, m]) => m.unit === 'ms' || m.unit === 's');
    expect(timed.length, f).toBeGreaterThan(5);
    for (const [name, m] of timed) {
      expect(m.compare?.absolute, `${f}: ${name}`).toBeGreaterThan(0);
      // A floor, not a blindfold: well below the distance between the marginal band and the limit.
      if (m.max !== undefined && m.marginalMax !== undefined) expect(m.compare!.absolute!, `${f}: ${name}`).toBeLessThan((m.max - m.marginalMax) / 2);
    }
  }
});

function observation(name: string, observed: string, holds: boolean, expected = observed): ObservationRecord {
  const rule = HOUSE_RULES[name];
  if (!rule) throw new Error(`${name} is not in the catalogue`);
  return { name, chapter: rule.chapter, expectation: rule.expectation, expected, observed, holds, promoted: false };
}

const refusals = (...o: ObservationRecord[]): FakeTest => ({ file: 'robustness/refusals.spec.ts', title: 'bad input is refused', status: 'passed', observations: o });
const ipfilter = (...o: ObservationRecord[]): FakeTest => ({ file: 'ipfilter/list.spec.ts', title: 'the list', status: 'passed', observations: o });

test('the behaviour fingerprint: observations that changed answer, flipped, appeared or disappeared, in words', () => {
  const older = signoff(OLD, [
    refusals(observation('robustness.refusal.status', '400', true), observation('general.content-type', 'text/plain', true), observation('general.content-type', 'text/plain', true)),
    ipfilter(observation('ipfilter.list.separator', 'a,b', false, 'a b'), observation('storage.no-card', '404', true)),
  ]);
  const newer = signoff(NEW, [
    // The same name twice in one test is paired by order: only the second one changed.
    refusals(observation('robustness.refusal.status', '200', false, '400'), observation('general.content-type', 'text/plain', true), observation('general.content-type', 'text/html', false, 'text/plain')),
    ipfilter(observation('ipfilter.list.separator', 'a;b', false, 'a b'), observation('video.mjpeg.boundary', 'myboundary', true)),
  ]);
  const c = compareSignoffs(older, newer);
  expect(c.observations.map((o) => [o.kind, o.name])).toEqual([
    ['missed now', 'general.content-type'],
    ['missed now', 'robustness.refusal.status'],
    ['answer changed', 'ipfilter.list.separator'],
    ['appeared', 'video.mjpeg.boundary'],
    ['disappeared', 'storage.no-card'],
  ]);
  const md = renderComparison(c);
  expect(md).toContain('5 observation changes.');
  expect(md).toContain('## Behaviour where the spec is silent (observations)');
  expect(md).toContain(`- **robustness.refusal.status** (robustness/refusals.spec.ts › bad input is refused): ${NEW} answers \`200\`; ${OLD} answered \`400\` — met before, **missed now**. House expectation: ${HOUSE_RULES['robustness.refusal.status'].expectation}`);
  expect(md).toContain(`- **ipfilter.list.separator** (ipfilter/list.spec.ts › the list): ${NEW} answers \`a;b\`; ${OLD} answered \`a,b\` — expectation missed by both.`);
  expect(md).toContain(`- **video.mjpeg.boundary** (ipfilter/list.spec.ts › the list): checked only in ${NEW}, which answers \`myboundary\` (expectation met).`);
  expect(md).toContain(`- **storage.no-card** (ipfilter/list.spec.ts › the list): checked only in ${OLD}, which answered \`404\` (expectation met); not observed in ${NEW}.`);
  // Backticks and line ends in an answer cannot break the markdown.
  const odd = compareSignoffs(older, signoff(NEW, [refusals(observation('robustness.refusal.status', '# Error: `x`\nbad', false, '400'))]));
  expect(renderComparison(odd)).toContain('answers ``# Error: `x` bad``;');
  // The same fingerprint twice: nothing to list.
  const same = renderComparison(compareSignoffs(older, signoff(NEW, [refusals(...older.observations.slice(0, 3)), ipfilter(...older.observations.slice(3))])));
  expect(same).toContain(`No observation changed: ${NEW} answers every house expectation checked as ${OLD} did.`);
});

test('a sign-off made before observations were recorded is said to be so, not read as "no change"', () => {
  const older = signoff(OLD, [refusals(observation('robustness.refusal.status', '400', true))]);
  delete (older as Partial<Signoff>).observations;
  const c = compareSignoffs(older, signoff(NEW, [refusals(observation('robustness.refusal.status', '200', false, '400'))]));
  expect(c.observations).toEqual([]);
  const md = renderComparison(c);
  expect(md).toContain('observations not compared.');
  expect(md).toContain(`Not compared: the sign-off of ${OLD} records no observations (made by an older harness).`);
});
