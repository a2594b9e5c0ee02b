// time.cgi (spec 1.10): get answers `<month> <day>, <year> <hour>:<minute>:<second>`
// (e.g. `Oct 03, 2008 15:16:04`); set takes year, month, day, hour, minute, second.
//
// The camera's clock is wall-clock time in its own zone (Time.POSIXTimeZone) and the
// answer carries no zone. We represent it as a Date whose UTC fields are the camera's
// wall clock: get() and set() are exact inverses, and comparing with the host's time
// is the caller's business (it knows the camera's zone).

import type { CameraClient } from './http.ts';
import { expectOk, parseReply } from './reply.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const FULL_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * Parses `<month> <day>, <year> <hour>:<minute>:<second>` (§1.10.1): `Oct 03, 2008 15:16:04`,
 * and what the spec's form allows besides the family's own — full month names, a month
 * number (`10 3, 2008 15:16:04`), single-digit fields.
 */
export function parseCameraTime(text: string): Date {
  const line = text.trim();
  const m = /^([A-Za-z]+|\d{1,2})\.?\s+(\d{1,2}),?\s+(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})$/.exec(line);
  if (!m) throw new Error(`time not in "<month> <day>, <year> <hour>:<minute>:<second>" form: ${JSON.stringify(line.slice(0, 80))}`);
  const name = m[1].toLowerCase();
  const month = /^\d+$/.test(name) ? Number(name) - 1 : Math.max(MONTHS.indexOf(name), FULL_MONTHS.indexOf(name));
  if (month < 0 || month > 11) throw new Error(`unknown month ${JSON.stringify(m[1])} in ${JSON.stringify(line)}`);
  const [day, year, hour, minute, second] = [m[2], m[3], m[4], m[5], m[6]].map(Number);
  const date = new Date(Date.UTC(year, month, day, hour, minute, second));
  // Date.UTC rolls Feb 30 over into March: refuse instead.
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month || hour > 23 || minute > 59 || second > 59) {
    throw new Error(`not a valid date/time: ${JSON.stringify(line)}`);
  }
  return date;
}

/** Formats a Date the way the camera answers (its UTC fields). */
export function formatCameraTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const month = MONTHS[d.getUTCMonth()];
  return `${month[0].toUpperCase()}${month.slice(1)} ${p(d.getUTCDate())}, ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

export class Time {
  constructor(private readonly client: CameraClient) {}

  /** The camera's wall clock as a Date whose UTC fields are that wall clock. */
  async get(): Promise<Date> {
    const res = await this.client.get('/time.cgi', { action: 'get' });
    return parseReply(res, parseCameraTime);
  }

  /** Sets the wall clock to `date`'s UTC fields (milliseconds dropped). */
  async set(date: Date): Promise<void> {
    if (Number.isNaN(date.getTime())) throw new Error('time set: invalid Date');
    const res = await this.client.get('/time.cgi', {
      action: 'set',
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: date.getUTCHours(),
      minute: date.getUTCMinutes(),
      second: date.getUTCSeconds(),
    });
    expectOk(res);
  }
}
