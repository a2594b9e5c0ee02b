// Attachment names allure-playwright can take. It treats an attachment named `*-diff.png`,
// `*-actual.png` or `*-expected.png` as one of Playwright's screenshot comparisons and reads
// the comparison's image files from disk; attached from memory there are none, and the
// reporter crashes, costing the run its report. The suites and fixtures pass every name they
// build from variables through safeAttachmentName (allure-reporter.ts still renames any left,
// as the last line of defence).

/** The endings allure-playwright takes for a screenshot comparison (its diffEndRegexp). */
export const COMPARISON_ENDING = /-(expected|diff|actual)\.png$/;

/**
 * The name with a comparison ending rewritten, the dash becoming a space: `x-diff.png` →
 * `x diff.png`, `-actual.png` → `actual.png`. Every other name comes back unchanged.
 */
export function safeAttachmentName(name: string): string {
  if (typeof name !== 'string') throw new TypeError(`attachment name must be a string, got ${name === null ? 'null' : typeof name}`);
  if (!name.trim()) throw new Error(`attachment name must not be empty or blank, got ${JSON.stringify(name)}`);
  if (!COMPARISON_ENDING.test(name)) return name;
  const safe = name.replace(COMPARISON_ENDING, ' $1.png');
  return safe.startsWith(' ') ? safe.trimStart() : safe;
}
