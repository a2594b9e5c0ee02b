// The observation record: what fixtures/observe.ts attaches to a test result for every house
// expectation it checked, and what the sign-off reads back from Playwright's JSON report.
// One shape, one parser (as measurement.ts), so the writer and the reader cannot drift apart.

export const OBSERVATION_CONTENT_TYPE = 'application/vnd.camera-hil.observation+json';
export const OBSERVATION_ATTACHMENT_PREFIX = 'observation: ';

export interface ObservationRecord {
  /** Catalogue name (lib/signoff/house-rules). */
  name: string;
  chapter: string;
  /** The house expectation, in words. */
  expectation: string;
  /** What the virtual camera does, for this check. */
  expected: string;
  /** What this camera did. */
  observed: string;
  /** The camera behaved as the house expects. */
  holds: boolean;
  /** The profile made this expectation a requirement: a miss failed the test. */
  promoted: boolean;
}

export function serializeObservation(o: ObservationRecord): string {
  return JSON.stringify(o);
}

/** Parses an attachment body; throws naming what is wrong (a harness defect, never silent). */
export function parseObservation(body: string, where: string): ObservationRecord {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (e) {
    throw new Error(`${where}: observation attachment is not JSON (${(e as Error).message})`);
  }
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  for (const k of ['name', 'chapter', 'expectation', 'expected', 'observed'] as const) {
    if (typeof r[k] !== 'string') throw new Error(`${where}: observation has no ${k}`);
  }
  if (typeof r.holds !== 'boolean' || typeof r.promoted !== 'boolean') throw new Error(`${where}: observation ${String(r.name)} lacks holds/promoted`);
  return r as unknown as ObservationRecord;
}
