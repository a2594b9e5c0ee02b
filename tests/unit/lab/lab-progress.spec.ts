// The lab console's progress lines (bin/lab-run.ts): one line per camera and suite, with that
// camera's running totals; the rest of a camera's console stays in its console.log.
import { test, expect } from '@playwright/test';
import { progressLine } from '../../../bin/lab-run.ts';

test('each suite line adds to its camera\'s running totals; another camera keeps its own', () => {
  const one = { passed: 0, failed: 0, flaky: 0, skipped: 0 };
  const two = { passed: 0, failed: 0, flaky: 0, skipped: 0 };
  expect(progressLine('lobby', 'suite general/time.spec.ts: 2 passed, 0 failed, 1 skipped', one))
    .toBe('[lobby] 3 tests done (2 passed, 0 failed, 1 skipped) · general/time.spec.ts: 2/0/1');
  expect(progressLine('dock', 'suite io/inputs.spec.ts: 4 passed, 0 failed, 0 skipped', two))
    .toBe('[dock] 4 tests done (4 passed, 0 failed, 0 skipped) · io/inputs.spec.ts: 4/0/0');
  expect(progressLine('lobby', 'suite ptz/moves.spec.ts: 10 passed, 1 failed, 0 skipped (12 s)', one))
    .toBe('[lobby] 14 tests done (12 passed, 1 failed, 1 skipped) · ptz/moves.spec.ts: 10/1/0');
  expect(progressLine('lobby', 'suite io/outputs.spec.ts: 3 passed, 0 failed, 1 flaky, 0 skipped', one))
    .toBe('[lobby] 18 tests done (15 passed, 1 failed, 1 flaky, 1 skipped) · io/outputs.spec.ts: 3/0/1 flaky/0');
  expect(one).toEqual({ passed: 15, failed: 1, flaky: 1, skipped: 1 });
  expect(two).toEqual({ passed: 4, failed: 0, flaky: 0, skipped: 0 });
});

test('a long test is named; an empty suite, test output and anything else stay out of the lab console', () => {
  const tally = { passed: 0, failed: 0, flaky: 0, skipped: 0 };
  expect(progressLine('lobby', 'still running: ptz/moves.spec.ts › pans (45 s)', tally)).toBe('[lobby] still running: ptz/moves.spec.ts › pans (45 s)');
  expect(progressLine('lobby', 'suite general/empty.spec.ts: 0 passed, 0 failed, 0 skipped', tally)).toBeUndefined();
  expect(progressLine('lobby', '  ✓  1 [camera] › general/time.spec.ts:10:3 › sets the clock (1.2s)', tally)).toBeUndefined();
  expect(progressLine('lobby', 'a suite line quoted mid-text: suite x: 1 passed, 0 failed, 0 skipped', tally)).toBeUndefined();
  expect(tally).toEqual({ passed: 0, failed: 0, flaky: 0, skipped: 0 });
});
