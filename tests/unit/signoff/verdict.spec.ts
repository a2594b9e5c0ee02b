import { test, expect } from '@playwright/test';
import { toRunResults } from '../../../lib/signoff/results.ts';
import { computeSignoff } from '../../../lib/signoff/verdict.ts';
import { ALLURE_CATEGORIES, FAILURE_CATEGORY_LABEL } from '../../../lib/signoff/categories.ts';
import { fakeReport, IDENTITY, profile, TARGET, type FakeTest } from './synthetic.ts';

const P = profile({
  measurements: {
    'mjpeg.fps.error': { unit: '%', min: -1, max: 1, marginalMin: -0.5, marginalMax: 0.5, required: true },
    'snapshot.latency': { unit: 'ms', max: 500 },
  },
  required: ['general/*', '@timing'],
  acceptableSkips: [{ tests: '@destructive', target: 'physical', why: 'needs HIL_DESTRUCTIVE=1' }],
});

const ok: FakeTest[] = [
  { file: 'general/reboot.spec.ts', title: 'comes back', status: 'passed' },
  { file: 'video/mjpeg.spec.ts', title: 'keeps 30 fps', status: 'passed', tags: ['timing'], measurements: [{ name: 'mjpeg.fps.error', value: 0.2, unit: '%', verdict: 'PASS' }] },
];

function signoff(tests: FakeTest[], p = P, kind: 'virtual' | 'physical' = 'virtual', globalErrors: string[] = []) {
  return computeSignoff({ results: toRunResults(fakeReport(tests, globalErrors)), profile: p, identity: IDENTITY, target: { ...TARGET, kind }, harnessVersion: 'test' });
}

test('all required tests pass and measurements are in limits: PASS', () => {
  const s = signoff(ok);
  expect(s.verdict).toBe('PASS');
  expect(s.reasons).toEqual([]);
  expect(s.counts).toMatchObject({ total: 2, passed: 2 });
  expect(s.tests.every((t) => t.required)).toBe(true);
  expect(s.measurements[0]).toMatchObject({ name: 'mjpeg.fps.error', verdict: 'PASS', limits: { min: -1, max: 1 }, test: 'video/mjpeg.spec.ts › keeps 30 fps' });
});

test('a marginal measurement passes and is listed', () => {
  const s = signoff([ok[0], { ...ok[1], measurements: [{ name: 'mjpeg.fps.error', value: -0.7, unit: '%', verdict: 'MARGINAL' }] }]);
  expect(s.verdict).toBe('PASS');
  expect(s.measurements[0].verdict).toBe('MARGINAL');
});

test('a failed assertion is a camera defect: FAIL', () => {
  const s = signoff([...ok, { file: 'io/input.spec.ts', title: 'input follows relay', status: 'failed', category: 'camera defect', error: 'Error: input 1 state\n\nexpect(received).toBe(expected)\n\nExpected: "1"\nReceived: "0"' }]);
  expect(s.verdict).toBe('FAIL');
  expect(s.tests[2].category).toBe('camera defect');
  expect(s.reasons).toEqual(['camera defect: [virtual] io/input.spec.ts › input follows relay: Error: input 1 state']);
});

test('the sign-off judges measurements again with its own profile', () => {
  // The run thought 1.5 % was fine (another profile); this profile's limit is ±1 %.
  const s = signoff([ok[0], { ...ok[1], measurements: [{ name: 'mjpeg.fps.error', value: 1.5, unit: '%', verdict: 'PASS' }] }]);
  expect(s.verdict).toBe('FAIL');
  expect(s.reasons[0]).toBe('camera defect: mjpeg.fps.error = 1.5 % is out of limits ([virtual] video/mjpeg.spec.ts › keeps 30 fps)');
});

test('harness defects, lab problems, stray errors and interruptions: ERROR', () => {
  const harness = signoff([...ok, { file: 'ptz/move.spec.ts', title: 'pans', status: 'failed', error: "TypeError: Cannot read properties of undefined (reading 'pan')" }]);
  expect(harness.verdict).toBe('ERROR');
  expect(harness.tests[2].category).toBe('harness defect');
  const lab = signoff([...ok, { file: 'ptz/move.spec.ts', title: 'pans', status: 'failed', category: 'lab problem', error: 'CameraUnreachableError: camera unreachable: GET /ptz.cgi: ECONNREFUSED' }]);
  expect(lab.verdict).toBe('ERROR');
  expect(lab.tests[2].category).toBe('lab problem');
  const timeout = signoff([...ok, { file: 'ptz/move.spec.ts', title: 'pans', status: 'timedOut', error: 'Test timeout of 60000ms exceeded.' }]);
  expect(timeout.tests[2].category).toBe('harness defect');
  expect(signoff(ok, P, 'virtual', ['SyntaxError: Unexpected token in tests/audio/tone.spec.ts']).verdict).toBe('ERROR');
  const cut = signoff([...ok, { file: 'general/reboot.spec.ts', title: 'reboots twice', status: 'interrupted' }]);
  expect(cut.verdict).toBe('ERROR');
  expect(cut.reasons[0]).toMatch(/^interrupted: /);
  expect(signoff([]).verdict).toBe('ERROR');
});

test('a camera defect outranks a harness defect', () => {
  const s = signoff([...ok,
    { file: 'io/a.spec.ts', title: 'a', status: 'failed', category: 'lab problem', error: 'RelayError: relay board does not answer' },
    { file: 'io/b.spec.ts', title: 'b', status: 'failed', category: 'camera defect', error: 'Error: expect(received).toBe(expected)' }]);
  expect(s.verdict).toBe('FAIL');
  expect(s.reasons.map((r) => r.split(':')[0])).toEqual(['camera defect', 'lab problem']);
});

test('missing or skipped required tests and missing measurements: INCOMPLETE', () => {
  const missing = signoff([ok[0]]);
  expect(missing.verdict).toBe('INCOMPLETE');
  expect(missing.missingRequired).toEqual(['@timing']);
  expect(missing.missingMeasurements).toEqual(['mjpeg.fps.error']);
  const skipped = signoff([...ok, { file: 'general/factory.spec.ts', title: 'hard factory default', status: 'skipped', tags: ['destructive'], skipReason: 'destructive: set HIL_DESTRUCTIVE=1' }]);
  expect(skipped.verdict).toBe('INCOMPLETE');
  expect(skipped.reasons).toEqual(['required test skipped: [virtual] general/factory.spec.ts › hard factory default: destructive: set HIL_DESTRUCTIVE=1']);
});

test('an acceptable skip only counts on its kind of target', () => {
  const tests: FakeTest[] = [...ok, { file: 'general/factory.spec.ts', title: 'hard factory default', status: 'skipped', tags: ['destructive'], skipReason: 'needs HIL_DESTRUCTIVE=1' }];
  const physical = signoff(tests, P, 'physical');
  expect(physical.verdict).toBe('PASS');
  expect(physical.tests[2].skipAccepted).toBe('needs HIL_DESTRUCTIVE=1');
  expect(signoff(tests, P, 'virtual').verdict).toBe('INCOMPLETE');
  // The reason pattern narrows a rule.
  const byReason = profile({ required: ['*'], acceptableSkips: [{ tests: 'ptz/*', reason: '*PTZ.PTZ*', why: 'no PTZ on this model' }] });
  expect(signoff([{ file: 'ptz/a.spec.ts', title: 'a', status: 'skipped', skipReason: 'camera lacks Properties.PTZ.PTZ=yes' }], byReason).verdict).toBe('PASS');
  expect(signoff([{ file: 'ptz/a.spec.ts', title: 'a', status: 'skipped', skipReason: 'no Chromium' }], byReason).verdict).toBe('INCOMPLETE');
});

test('a skipped test that is not required does not hold the verdict back', () => {
  const s = signoff([...ok, { file: 'web/live.spec.ts', title: 'live view', status: 'skipped', skipReason: 'no Chromium found' }]);
  expect(s.verdict).toBe('PASS');
  expect(s.tests[2]).toMatchObject({ required: false, skipReason: 'no Chromium found' });
});

test('flaky tests fail unless the profile allows them', () => {
  const flaky: FakeTest = { file: 'video/mjpeg.spec.ts', title: 'no drops', status: 'flaky', category: 'camera defect', error: 'Error: expect(received).toBeLessThanOrEqual(expected)' };
  expect(signoff([...ok, flaky]).verdict).toBe('FAIL');
  const lenient = { ...P, allowFlaky: true };
  expect(signoff([...ok, flaky], lenient).verdict).toBe('PASS');
});

test('a unit other than the profile\'s is a harness defect', () => {
  const s = signoff([...ok, { file: 'video/snap.spec.ts', title: 'snap', status: 'passed', measurements: [{ name: 'snapshot.latency', value: 0.04, unit: 's', verdict: 'NO_LIMIT' }] }]);
  expect(s.verdict).toBe('ERROR');
  expect(s.reasons[0]).toContain('snapshot.latency recorded in "s" but the profile\'s limits are in "ms"');
});

test('describe titles are part of the test id and of title patterns', () => {
  const p = profile({ required: ['*› reboot › comes back'] });
  const s = signoff([{ file: 'general/reboot.spec.ts', describe: 'reboot', title: 'comes back', status: 'passed' }], p);
  expect(s.tests[0].id).toBe('general/reboot.spec.ts › reboot › comes back');
  expect(s.verdict).toBe('PASS');
  expect(signoff([{ file: 'x.spec.ts', title: 'comes back', status: 'passed' }], profile({ required: ['comes back'] })).verdict).toBe('PASS');
});

test('the category is what the worker recorded from the error\'s type, never the message', () => {
  // The message says "camera unreachable" and "expect(": neither decides.
  const cases: [FakeTest['category'], string][] = [
    ['camera defect', 'CameraUnreachableError: camera unreachable: GET /image.cgi: ETIMEDOUT'],
    ['lab problem', 'Error: expect(received).toBe(expected)'],
    ['harness defect', 'Error: GET /config.cgi failed: HTTP 500'],
    [undefined, 'Error: expect(received).toBe(expected)'],
  ];
  for (const [category, error] of cases) {
    const s = signoff([...ok, { file: 'io/x.spec.ts', title: 'x', status: 'failed', category, error }]);
    expect(s.tests[2].category, error).toBe(category ?? 'harness defect');
    expect(s.verdict).toBe(category === 'camera defect' ? 'FAIL' : 'ERROR');
  }
  // Allure matches the label the reporter sets from the same annotation, not the message.
  for (const c of ['camera defect', 'lab problem'] as const) {
    const rule = ALLURE_CATEGORIES.find((r) => r.matchers.labels && new RegExp(r.matchers.labels[FAILURE_CATEGORY_LABEL]).test(c));
    expect(rule?.name).toBe(c);
  }
  expect(ALLURE_CATEGORIES.at(-1)).toMatchObject({ name: 'harness defect', matchers: { statuses: ['failed', 'broken'] } });
});

test('observations are listed where the spec is silent; a promoted miss fails through its test', () => {
  const differs = { name: 'ipfilter.list.separator', chapter: '6.2', expectation: 'space-separated', expected: 'a b', observed: 'a,b', holds: false, promoted: false };
  const held = { ...differs, name: 'general.refusal.status', chapter: '1.1', expected: '400', observed: '400', holds: true };
  const s = signoff([...ok, { file: 'ipfilter/x.spec.ts', title: 'x', status: 'passed', observations: [differs, held] }]);
  expect(s.verdict).toBe('PASS');
  expect(s.observations).toEqual([{ ...differs, test: 'ipfilter/x.spec.ts › x' }, { ...held, test: 'ipfilter/x.spec.ts › x' }]);
});

test('a timing breach the test host\'s own lag explains is a lab problem (ERROR), one it does not explain a camera defect (FAIL)', () => {
  const hostLag = { p99Ms: 20, maxMs: 52, windowMs: 5000, load1: 3.1, cores: 2 };
  const snap = (value: number, lag?: typeof hostLag): FakeTest => ({
    file: 'video/snapshot.spec.ts', title: 'snapshots answer promptly', status: 'failed', category: lag ? 'lab problem' : 'camera defect', error: 'measurement out of limits',
    measurements: [{ name: 'snapshot.latency', value, unit: 'ms', verdict: 'FAIL', lag }],
  });
  const explained = signoff([...ok, snap(540, hostLag)]);
  expect(explained.verdict).toBe('ERROR');
  expect(explained.reasons).toContain('lab problem: snapshot.latency = 540 ms breaches 500 ms, but the test host itself lagged 52 ms (event-loop delay max) with load 3.1 on 2 cores: a lab problem, re-run on a quiet host ([virtual] video/snapshot.spec.ts › snapshots answer promptly)');
  expect(explained.reasons.some((r) => r.startsWith('camera defect'))).toBe(false);
  expect(explained.measurements[1]).toMatchObject({ verdict: 'FAIL', lag: hostLag, labProblem: expect.stringContaining('re-run on a quiet host') });

  // 100 ms over the limit: a 52 ms stall does not explain it; nor does a breach without a lag.
  for (const s of [signoff([...ok, snap(600, hostLag)]), signoff([...ok, snap(540)])]) {
    expect(s.verdict).toBe('FAIL');
    expect(s.reasons).toContain('camera defect: snapshot.latency = ' + s.measurements[1].value + ' ms is out of limits ([virtual] video/snapshot.spec.ts › snapshots answer promptly)');
    expect(s.measurements[1].labProblem).toBeUndefined();
  }
  // Judged with the sign-off's profile: under a limit of 480 ms the same lag no longer covers the excess.
  const strict = profile({ measurements: { ...P.measurements, 'snapshot.latency': { unit: 'ms', max: 480 } }, required: P.required, acceptableSkips: P.acceptableSkips });
  expect(signoff([...ok, snap(540, hostLag)], strict).verdict).toBe('FAIL');
});
