// time.cgi read and set as §1.10 allows them, for the suites that touch the camera's clock.
// Required: get answers 200 with one line `<month> <day>, <year> <hour>:<minute>:<second>`
// (§1.10.1: the shape; the month may be a word or a number, the fields one or two digits),
// a time that exists; a set answers exactly `OK` (§1.10.2). The family's own form
// (HOUSE_TIME_LINE) is observed by the time suite.
import { expect } from '@playwright/test';
import { formatCameraTime, type Camera } from '../../lib/camera/index.ts';
import { answerOf, expectSpecOk, mediaType } from './support.ts';

/** §1.10.1's shape: the month as a word or a number, one or two digits where the spec has no width. */
const SPEC_LINE = /^([A-Za-z]+\.?|\d{1,2}) (\d{1,2}), (\d{4}) (\d{1,2}):(\d{1,2}):(\d{1,2})\r?\n?$/;
/** The family's form (docs/virtual-camera.md: `Oct 03, 2008 15:16:04`). */
export const HOUSE_TIME_LINE = /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{2}, \d{4} \d{2}:\d{2}:\d{2}\r\n$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Reads time.cgi?action=get as §1.10.1 allows it: the wall clock as a Date whose UTC fields are it. */
export async function readClock(camera: Camera): Promise<{ date: Date; text: string; contentType: string }> {
  const res = await camera.client.get('/time.cgi', { action: 'get' }, { expectStatus: 'any' });
  expect(res.status, `time.cgi?action=get: ${answerOf(res)}`).toBe(200);
  const m = SPEC_LINE.exec(res.text);
  expect(m, `§1.10.1: one line <month> <day>, <year> <hour>:<minute>:<second>; got ${JSON.stringify(res.text.slice(0, 80))}`).not.toBeNull();
  const word = m![1].replace('.', '').toLowerCase();
  const month = /^\d+$/.test(word) ? Number(word) - 1 : MONTHS.indexOf(word.slice(0, 3));
  expect(month >= 0 && month <= 11, `month ${JSON.stringify(m![1])}`).toBe(true);
  const [day, year, hour, minute, second] = [m![2], m![3], m![4], m![5], m![6]].map(Number);
  const date = new Date(Date.UTC(year, month, day, hour, minute, second));
  expect(date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60, `a time that exists: ${JSON.stringify(res.text.trim())}`).toBe(true);
  return { date, text: res.text, contentType: mediaType(res) };
}

function setQuery(d: Date): Record<string, string> {
  return {
    action: 'set', year: String(d.getUTCFullYear()), month: String(d.getUTCMonth() + 1), day: String(d.getUTCDate()),
    hour: String(d.getUTCHours()), minute: String(d.getUTCMinutes()), second: String(d.getUTCSeconds()),
  };
}

export async function setClock(camera: Camera, d: Date): Promise<void> {
  expectSpecOk(await camera.client.get('/time.cgi', setQuery(d), { expectStatus: 'any' }), `set ${formatCameraTime(d)}`);
}

