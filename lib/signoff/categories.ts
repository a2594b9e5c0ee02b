// How a failure's category travels from the test that threw to the verdict and the report.
// The worker records the category of every error a test fails with, read from the error's
// type at the moment Playwright receives it (fixtures/failure-category.ts), as an annotation
// on the result; the sign-off (results.ts → verdict.ts) and the Allure report (a label set
// by allure-reporter.ts, matched by the categories below) read that annotation. No message
// text is ever parsed to decide who is at fault.

import type { FailureCategory } from '../errors.ts';
export type { FailureCategory } from '../errors.ts';

/** Annotation type on a test result: description is the category of one error, in order. */
export const FAILURE_CATEGORY_ANNOTATION = 'failure category';
/** Allure label carrying the category of the test's first error. */
export const FAILURE_CATEGORY_LABEL = 'failureCategory';

const KNOWN: readonly string[] = ['camera defect', 'lab problem', 'harness defect'];

/** The category of a failed test from its annotations: the first error's; none recorded → harness defect. */
export function categoryFromAnnotations(annotations: readonly { type: string; description?: string }[]): FailureCategory {
  const first = annotations.find((a) => a.type === FAILURE_CATEGORY_ANNOTATION && KNOWN.includes(a.description ?? ''));
  return (first?.description as FailureCategory | undefined) ?? 'harness defect';
}

export interface AllureCategoryRule {
  name: string;
  description: string;
  matchers: { statuses: ('failed' | 'broken')[]; labels?: Record<string, string> };
}

/** Allure 3 categories, matched on the label, never on the message. */
export const ALLURE_CATEGORIES: AllureCategoryRule[] = [
  { name: 'camera defect', description: 'The camera answered wrongly, did not do what it said, or a measurement is out of its limits.', matchers: { statuses: ['failed', 'broken'], labels: { [FAILURE_CATEGORY_LABEL]: '^camera defect$' } } },
  { name: 'lab problem', description: 'The camera could not be reached, the credentials or the relay board are wrong, or the test host was too busy to measure: fix the lab, then re-run.', matchers: { statuses: ['failed', 'broken'], labels: { [FAILURE_CATEGORY_LABEL]: '^lab problem$' } } },
  { name: 'harness defect', description: 'The harness itself failed (its own bug, a test timeout): fix the harness.', matchers: { statuses: ['failed', 'broken'] } },
];
