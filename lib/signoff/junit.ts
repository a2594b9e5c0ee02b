// reports/<model>/<firmware>/junit.xml for CI systems: Playwright's junit reporter writes it
// during the run (reporters.ts); the verdict exists only after the run (publish.ts), so it is
// added then, with the model, firmware and profile, as properties of the <testsuites> element:
//   <testsuites ...>
//   <properties>
//   <property name="verdict" value="PASS"/>
//   ...
//   </properties>
// Playwright's own properties (from annotations) sit on <testcase> elements; it writes none on
// <testsuites>, so a <properties> block right after that tag is ours and is replaced when a
// run is published again.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const JUNIT_FILE = 'junit.xml';

/** Where the junit reporter of a run folder writes. */
export const junitFile = (dir: string) => join(dir, JUNIT_FILE);

// XML 1.0 allows neither these characters nor an escaped form of them: they are dropped.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** An attribute value: the five XML specials escaped, characters XML cannot hold dropped. */
export function xmlAttribute(value: string): string {
  return value.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const OPEN_TAG = /<testsuites\b[^>]*>/;
// Attribute values are escaped (no raw `>` inside), so the tag ends at the first `>`.
const OURS = /^\s*<properties>[\s\S]*?<\/properties>/;

/** The report with `properties` on its <testsuites> element (replacing ours from an earlier publish). */
export function withRunProperties(xml: string, properties: Record<string, string>, where = 'junit.xml'): string {
  const open = OPEN_TAG.exec(xml);
  if (!open) throw new Error(`${where} has no <testsuites> element: not a JUnit report of Playwright's junit reporter`);
  if (open[0].endsWith('/>')) throw new Error(`${where}: <testsuites/> is empty-element: not a report Playwright wrote`);
  const at = open.index + open[0].length;
  const rest = xml.slice(at).replace(OURS, '');
  const block = ['<properties>', ...Object.entries(properties).map(([k, v]) => `<property name="${xmlAttribute(k)}" value="${xmlAttribute(v)}"/>`), '</properties>'];
  return `${xml.slice(0, at)}\n${block.join('\n')}${rest}`;
}

/**
 * Adds the run's properties to `<dir>/junit.xml`. Returns the file, or undefined when the run
 * wrote none (a run not made through hilReporters()); a file that is not a JUnit report throws.
 */
export function stampJunit(dir: string, properties: Record<string, string>): string | undefined {
  const file = junitFile(dir);
  if (!existsSync(file)) return undefined;
  writeFileSync(file, withRunProperties(readFileSync(file, 'utf8'), properties, file));
  return file;
}
