// Builds Playwright JSON reports by hand, shaped like the real reporter's output (checked
// against results.json of the sample project), so verdict cases need no Playwright run.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JSONReport, JSONReportSpec, JSONReportSuite } from '@playwright/test/reporter';
import { MEASUREMENT_ATTACHMENT_PREFIX, MEASUREMENT_CONTENT_TYPE, serializeMeasurement, type MeasurementRecord } from '../../../lib/signoff/measurement.ts';
import type { Identity } from '../../../lib/signoff/identity.ts';
import { FAILURE_CATEGORY_ANNOTATION, type FailureCategory } from '../../../lib/signoff/categories.ts';
import { OBSERVATION_ATTACHMENT_PREFIX, OBSERVATION_CONTENT_TYPE, serializeObservation, type ObservationRecord } from '../../../lib/signoff/observation.ts';
import { parseProfile, type Profile } from '../../../lib/signoff/profile.ts';

export interface FakeTest {
  file: string;
  title: string;
  describe?: string;
  status: 'passed' | 'failed' | 'skipped' | 'flaky' | 'interrupted' | 'timedOut';
  tags?: string[];
  error?: string;
  skipReason?: string;
  measurements?: Partial<MeasurementRecord>[];
  observations?: ObservationRecord[];
  /** What the worker recorded from the error's type (fixtures/failure-category.ts); none: uncategorised. */
  category?: FailureCategory;
  project?: string;
}

export function fakeReport(tests: FakeTest[], globalErrors: string[] = []): JSONReport {
  const files = new Map<string, JSONReportSuite>();
  for (const t of tests) {
    let suite = files.get(t.file);
    if (!suite) {
      suite = { title: t.file, file: t.file, line: 0, column: 0, specs: [], suites: [] };
      files.set(t.file, suite);
    }
    const spec = fakeSpec(t);
    if (t.describe) {
      let d = suite.suites!.find((s) => s.title === t.describe);
      if (!d) suite.suites!.push((d = { title: t.describe, file: t.file, line: 1, column: 1, specs: [] }));
      d.specs.push(spec);
    } else suite.specs.push(spec);
  }
  return {
    config: {} as JSONReport['config'],
    suites: [...files.values()],
    errors: globalErrors.map((m) => ({ message: m })),
    stats: { startTime: '2026-01-01T00:00:00.000Z', duration: 1000, expected: 0, unexpected: 0, flaky: 0, skipped: 0 },
  };
}

function fakeSpec(t: FakeTest): JSONReportSpec {
  const attachments = (t.measurements ?? []).map((m) => ({
    name: `${MEASUREMENT_ATTACHMENT_PREFIX}${m.name}`,
    contentType: MEASUREMENT_CONTENT_TYPE,
    body: Buffer.from(serializeMeasurement({ verdict: 'NO_LIMIT', value: 0, name: 'x', ...m } as MeasurementRecord)).toString('base64'),
  })).concat((t.observations ?? []).map((o) => ({
    name: `${OBSERVATION_ATTACHMENT_PREFIX}${o.name}`,
    contentType: OBSERVATION_CONTENT_TYPE,
    body: Buffer.from(serializeObservation(o)).toString('base64'),
  })));
  const failureAnnotations = t.category ? [{ type: FAILURE_CATEGORY_ANNOTATION, description: t.category }] : [];
  const err = t.error ? { message: t.error, stack: t.error } : undefined;
  const result = (status: string, withError: boolean, retry = 0) => ({
    workerIndex: 0, parallelIndex: 0, status, duration: 5, retry, startTime: '2026-01-01T00:00:00.000Z',
    error: withError ? err : undefined, errors: withError && err ? [err] : [], stdout: [], stderr: [],
    attachments, annotations: t.skipReason ? [{ type: 'skip', description: t.skipReason }] : withError ? failureAnnotations : [],
  });
  const results =
    t.status === 'flaky' ? [result('failed', true), result('passed', false, 1)]
      : t.status === 'skipped' ? [result('skipped', false)]
        : [result(t.status, t.status !== 'passed')];
  const testStatus = t.status === 'passed' ? 'expected' : t.status === 'skipped' ? 'skipped' : t.status === 'flaky' ? 'flaky' : 'unexpected';
  return {
    title: t.title, ok: t.status === 'passed' || t.status === 'skipped' || t.status === 'flaky', tags: t.tags ?? [], id: t.title, file: t.file, line: 1, column: 1,
    tests: [{
      timeout: 1000, annotations: t.skipReason ? [{ type: 'skip', description: t.skipReason }] : [], expectedStatus: t.status === 'skipped' ? 'skipped' : 'passed',
      projectId: t.project ?? 'virtual', projectName: t.project ?? 'virtual', results, status: testStatus,
    }],
  } as unknown as JSONReportSpec;
}

export const IDENTITY: Identity = { model: 'IPC-7100', firmware: 'V5.0.1.3714', fullName: 'Test Camera', buildDate: 'Dec 10 2009' };
export const TARGET = { kind: 'virtual' as const, url: 'embedded virtual camera', relay: 'virtual relay' };

export function profile(raw: Record<string, unknown>): Profile {
  return parseProfile({ name: 'test', ...raw }, 'test-profile.json');
}

const temps: string[] = [];

/** A scratch folder removed by removeTempDirs() (call it from test.afterAll). */
export function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  temps.push(d);
  return d;
}

export function removeTempDirs(): void {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
}
