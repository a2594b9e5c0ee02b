// The measurement record: what the `measure` fixture attaches to a test result and what the
// sign-off reads back from Playwright's JSON report. One shape, one parser, so the writer and
// the reader cannot drift apart.

import { describeLag, parseHostLag, type HostLag } from './host-lag.ts';
import { fmt, formatLimits, type Limits, type MeasurementVerdict } from './limits.ts';

export const MEASUREMENT_CONTENT_TYPE = 'application/vnd.camera-hil.measurement+json';
export const MEASUREMENT_ATTACHMENT_PREFIX = 'measurement: ';
export const MEASUREMENT_TABLE_ATTACHMENT = 'measurements';

export interface MeasurementRecord {
  name: string;
  value: number;
  unit?: string;
  /** Verdict given at run time with the run's profile; the sign-off judges again with its own. */
  verdict: MeasurementVerdict;
  limits?: Limits;
  note?: string;
  /** The test host's own event-loop delay and load during the measurement window (host-lag.ts). */
  lag?: HostLag;
}

const VERDICTS: readonly MeasurementVerdict[] = ['PASS', 'MARGINAL', 'FAIL', 'NO_LIMIT'];

/** Parses an attachment body; throws naming what is wrong (a harness defect, never silent). */
export function parseMeasurement(body: string, where: string): MeasurementRecord {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (e) {
    throw new Error(`${where}: measurement attachment is not JSON (${(e as Error).message})`);
  }
  if (!raw || typeof raw !== 'object') throw new Error(`${where}: measurement attachment is not an object`);
  const r = raw as Record<string, unknown>;
  if (typeof r.name !== 'string' || !r.name) throw new Error(`${where}: measurement has no name`);
  // JSON has no NaN/Infinity: the fixture writes them as strings so they survive the trip.
  const value = typeof r.value === 'string' ? Number(r.value) : r.value;
  if (typeof value !== 'number') throw new Error(`${where}: measurement ${r.name} has no numeric value`);
  if (!VERDICTS.includes(r.verdict as MeasurementVerdict)) throw new Error(`${where}: measurement ${r.name} has verdict ${JSON.stringify(r.verdict)}`);
  return {
    name: r.name,
    value,
    unit: typeof r.unit === 'string' ? r.unit : undefined,
    verdict: r.verdict as MeasurementVerdict,
    limits: r.limits && typeof r.limits === 'object' ? (r.limits as Limits) : undefined,
    note: typeof r.note === 'string' ? r.note : undefined,
    lag: parseHostLag(r.lag, `${where}: measurement ${r.name}`),
  };
}

/** JSON body for the attachment (non-finite values as strings, see parseMeasurement). */
export function serializeMeasurement(m: MeasurementRecord): string {
  return JSON.stringify({ ...m, value: Number.isFinite(m.value) ? m.value : String(m.value) });
}

export function formatValue(value: number, unit?: string): string {
  return unit ? `${fmt(value)} ${unit}` : fmt(value);
}

/** Escapes a markdown table cell. */
export function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The per-test readable table (markdown). */
export function renderMeasurementTable(records: readonly MeasurementRecord[]): string {
  // The host column appears only when some measurement recorded the host's lag.
  const host = records.some((m) => m.lag);
  const lines = [`| measurement | value | limits | verdict | note |${host ? ' test host (event-loop delay, load) |' : ''}`, `|---|---|---|---|---|${host ? '---|' : ''}`];
  for (const m of records) {
    lines.push(`| ${cell(m.name)} | ${cell(formatValue(m.value, m.unit))} | ${cell(formatLimits(m.limits, m.unit))} | ${m.verdict} | ${cell(m.note ?? '')} |${host ? ` ${cell(describeLag(m.lag))} |` : ''}`);
  }
  return lines.join('\n') + '\n';
}
