import { test, expect } from '@playwright/test';
import { formatLimits, judge, limitProblems } from '../../../lib/signoff/limits.ts';

const fps = { min: -1, max: 1, marginalMin: -0.5, marginalMax: 0.5 };

test('limits are inclusive and the marginal band lies inside them', () => {
  expect(judge(0, fps)).toBe('PASS');
  expect(judge(0.5, fps)).toBe('PASS');
  expect(judge(-0.5, fps)).toBe('PASS');
  expect(judge(0.5001, fps)).toBe('MARGINAL');
  expect(judge(-0.75, fps)).toBe('MARGINAL');
  expect(judge(1, fps)).toBe('MARGINAL');
  expect(judge(-1, fps)).toBe('MARGINAL');
  expect(judge(1.0001, fps)).toBe('FAIL');
  expect(judge(-1.0001, fps)).toBe('FAIL');
});

test('one-sided limits and bands', () => {
  expect(judge(35.5, { max: 35.5 })).toBe('PASS');
  expect(judge(35.6, { max: 35.5 })).toBe('FAIL');
  expect(judge(-1e9, { max: 35.5 })).toBe('PASS');
  expect(judge(15, { min: 10, marginalMin: 20 })).toBe('MARGINAL');
  expect(judge(9, { min: 10, marginalMin: 20 })).toBe('FAIL');
  // A band alone marks marginal values but never fails.
  expect(judge(1e9, { marginalMax: 0 })).toBe('MARGINAL');
  expect(judge(0, { min: 0, max: 0 })).toBe('PASS');
  expect(judge(1, { min: 0, max: 0 })).toBe('FAIL');
});

test('no limits is informational; a non-finite value fails any limit', () => {
  expect(judge(123, undefined)).toBe('NO_LIMIT');
  expect(judge(123, {})).toBe('NO_LIMIT');
  expect(judge(Number.NaN, undefined)).toBe('NO_LIMIT');
  expect(judge(Number.NaN, { max: 1 })).toBe('FAIL');
  expect(judge(Number.POSITIVE_INFINITY, { marginalMax: 1 })).toBe('FAIL');
  expect(judge(Number.NEGATIVE_INFINITY, { min: 0 })).toBe('FAIL');
});

test('badly ordered or non-numeric limits are reported', () => {
  expect(limitProblems(fps)).toEqual([]);
  expect(limitProblems({ min: 2, max: 1 })).toEqual(['min (2) is greater than max (1)']);
  expect(limitProblems({ max: 1, marginalMax: 2 })).toEqual(['marginalMax (2) is greater than max (1)']);
  expect(limitProblems({ min: 0, marginalMin: -1 })).toEqual(['min (0) is greater than marginalMin (-1)']);
  expect(limitProblems({ max: '35' as unknown as number })).toEqual(['max must be a finite number, got "35"']);
});

test('limits read as a person would write them', () => {
  expect(formatLimits(fps, '%')).toBe('-1 … 1 % (marginal outside -0.5 … 0.5)');
  expect(formatLimits({ max: 35.5 }, 'ms')).toBe('≤ 35.5 ms');
  expect(formatLimits({ min: 10, marginalMin: 20 })).toBe('≥ 10 (marginal below 20)');
  expect(formatLimits(undefined, 'ms')).toBe('no limit');
});
