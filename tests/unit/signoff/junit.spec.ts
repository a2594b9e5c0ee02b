// junit.xml for CI systems: Playwright's junit reporter writes it into the run folder, the
// publish step adds the verdict (and model, firmware, profile) as properties of <testsuites>.
// Well-formedness is judged by Chromium's XML parser, not by the code that wrote it.
import { test, expect } from '@playwright/test';
import { chromium, type Browser } from 'playwright';
import { readFileSync } from 'node:fs';
import { launchChromium } from '../../../fixtures/browser.ts';
import { runOptions } from '../../../fixtures/options.ts';
import { skipBecause } from '../../../fixtures/skip.ts';
import { junitFile, withRunProperties, xmlAttribute } from '../../../lib/signoff/junit.ts';
import { loadProfile, parseProfile } from '../../../lib/signoff/profile.ts';
import { publishRun } from '../../../lib/signoff/publish.ts';
import { runDir } from '../../../lib/signoff/report-paths.ts';
import { PLAYWRIGHT_CLI, SAMPLE_CONFIG, SAMPLE_PROFILE, runNode, signoffRunEnv } from './child.ts';
import { removeTempDirs, tempDir } from './synthetic.ts';

test.describe.configure({ mode: 'serial' });
test.setTimeout(90_000);

let browser: Browser | undefined;
let noBrowser = '';
test.beforeAll(async () => {
  const r = await launchChromium(chromium, runOptions().chromiumPath);
  browser = r.browser;
  noBrowser = r.description;
});
test.afterAll(async () => {
  await browser?.close();
  removeTempDirs();
});

interface Parsed {
  error?: string;
  root?: string;
  /** name → value of the <property> children of <testsuites>'s own <properties>. */
  runProperties: Record<string, string>;
  testcases: string[];
  skipped: number;
}

/** Parses with the browser's XML parser: a document that is not well-formed yields <parsererror>. */
async function parseXml(xml: string): Promise<Parsed> {
  if (!browser) skipBecause(noBrowser);
  const page = await browser!.newPage();
  try {
    return await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      const err = doc.getElementsByTagName('parsererror')[0];
      if (err) return { error: err.textContent ?? 'parse error', runProperties: {}, testcases: [], skipped: 0 };
      const root = doc.documentElement;
      const own = [...root.children].filter((e) => e.tagName === 'properties');
      const runProperties: Record<string, string> = {};
      for (const block of own) for (const p of block.querySelectorAll(':scope > property')) runProperties[p.getAttribute('name')!] = p.getAttribute('value')!;
      const cases = [...root.querySelectorAll('testsuite > testcase')];
      return {
        root: root.tagName, runProperties,
        testcases: cases.map((c) => c.getAttribute('name')!),
        skipped: cases.filter((c) => c.querySelector(':scope > skipped')).length,
        ...(own.length > 1 ? { error: `${own.length} <properties> blocks on <testsuites>` } : {}),
      };
    }, xml);
  } finally {
    await page.close();
  }
}

test('attribute values are escaped; an earlier stamp is replaced; a file that is no JUnit report is refused', async () => {
  expect(xmlAttribute(`a"b<c>&d'e\u0001f`)).toBe('a&quot;b&lt;c&gt;&amp;d&apos;e' + 'f');
  const xml = '<testsuites id="" name="" tests="0" failures="0" skipped="0" errors="0" time="0.1">\n</testsuites>';
  const once = withRunProperties(xml, { verdict: 'PASS' });
  const twice = withRunProperties(once, { verdict: 'FAIL', model: 'x' });
  expect(twice).toBe('<testsuites id="" name="" tests="0" failures="0" skipped="0" errors="0" time="0.1">\n<properties>\n<property name="verdict" value="FAIL"/>\n<property name="model" value="x"/>\n</properties>\n</testsuites>');
  // The check can fail: an unescaped value is not well-formed.
  expect((await parseXml(xml.replace('</testsuites>', '<properties><property name="v" value="a"b"/></properties></testsuites>'))).error).toBeTruthy();
  expect((await parseXml(twice)).runProperties).toEqual({ verdict: 'FAIL', model: 'x' });
  expect(() => withRunProperties('{"suites": []}', { verdict: 'PASS' }, 'reports/x/junit.xml')).toThrow('reports/x/junit.xml has no <testsuites> element');
});

test('a published run leaves a well-formed junit.xml with the verdict, model, firmware and profile', async () => {
  const root = tempDir('junit-');
  const identity = { model: 'IPC-7100', firmware: 'V5.0.1.3714' };
  const dir = runDir(identity.model, identity.firmware, root);
  const env = signoffRunEnv(dir, identity);
  const { code, out } = await runNode([PLAYWRIGHT_CLI, 'test', '-c', SAMPLE_CONFIG], env);
  expect(code, out).toBe(0);
  const raw = readFileSync(junitFile(dir), 'utf8');
  // Written by Playwright during the run, before any verdict exists.
  expect(raw).not.toContain('name="verdict"');

  const target = { kind: 'virtual' as const, url: 'sample', relay: 'none' };
  const first = await publishRun({ dir, profile: loadProfile(SAMPLE_PROFILE), identity, target, harnessVersion: 'test', html: false });
  expect(first.signoff.verdict).toBe('PASS');
  expect(first.junit).toBe(junitFile(dir));
  const passed = await parseXml(readFileSync(junitFile(dir), 'utf8'));
  expect(passed.error).toBeUndefined();
  expect(passed.root).toBe('testsuites');
  expect(passed.runProperties).toEqual({ verdict: 'PASS', model: 'IPC-7100', firmware: 'V5.0.1.3714', profile: 'sample' });
  expect(passed.testcases.sort()).toEqual(['hard factory default', 'mjpeg keeps its frame rate', 'reboot comes back', 'snapshot answers quickly']);
  expect(passed.skipped).toBe(1);

  // Published again with a profile that asks for more (INCOMPLETE) and a name full of XML
  // specials: one properties block, the new verdict, the name read back exactly.
  const name = `strict "<lab> & 'co'"`;
  const strict = parseProfile({ name, measurements: { 'never.recorded': { required: true } } }, 'strict.json', loadProfile(SAMPLE_PROFILE));
  const second = await publishRun({ dir, profile: strict, identity, target, harnessVersion: 'test', html: false });
  expect(second.signoff.verdict).toBe('INCOMPLETE');
  const again = await parseXml(readFileSync(junitFile(dir), 'utf8'));
  expect(again.error).toBeUndefined();
  expect(again.runProperties).toEqual({ verdict: 'INCOMPLETE', model: 'IPC-7100', firmware: 'V5.0.1.3714', profile: name });
  expect(again.testcases).toHaveLength(4);
});
