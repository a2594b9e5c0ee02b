// time.cgi's set request: all six fields, each in range, and a date that exists.
import { test, expect } from '@playwright/test';
import { parseTimeSet } from '../../../rigs/virtual-camera/general/time-cgi.ts';
import { CameraClock } from '../../../rigs/virtual-camera/general/clock.ts';

const q = (s: string) => new URLSearchParams(`action=set&${s}`);

test('a valid date is taken as given and formatted as spec 1.10.1', () => {
  const d = parseTimeSet(q('year=2008&month=10&day=3&hour=15&minute=16&second=4'));
  expect(CameraClock.format(d)).toBe('Oct 03, 2008 15:16:04');
  expect(CameraClock.format(parseTimeSet(q('year=2008&month=2&day=29&hour=0&minute=0&second=0')))).toBe('Feb 29, 2008 00:00:00');
});

test('impossible dates, out-of-range fields, missing and unknown fields are refused by name', () => {
  expect(() => parseTimeSet(q('year=2009&month=2&day=29&hour=0&minute=0&second=0'))).toThrow(/2009-02 has 28 days, not 29/);
  expect(() => parseTimeSet(q('year=2008&month=4&day=31&hour=0&minute=0&second=0'))).toThrow(/has 30 days/);
  expect(() => parseTimeSet(q('year=2008&month=13&day=1&hour=0&minute=0&second=0'))).toThrow(/month: 13 is out of range/);
  expect(() => parseTimeSet(q('year=2008&month=1&day=1&hour=24&minute=0&second=0'))).toThrow(/hour: 24/);
  expect(() => parseTimeSet(q('year=2040&month=1&day=1&hour=0&minute=0&second=0'))).toThrow(/year: 2040/);
  expect(() => parseTimeSet(q('year=2008&month=1&day=1&hour=0&minute=x&second=0'))).toThrow(/minute: "x" is not an integer/);
  expect(() => parseTimeSet(q('year=2008&month=1'))).toThrow(/needs day, hour, minute, second/);
  expect(() => parseTimeSet(q('year=2008&month=1&day=1&hour=0&minute=0&second=0&zone=UTC'))).toThrow(/unknown parameter zone/);
});
