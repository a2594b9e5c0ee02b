// Every test of a camera suite carries its report labels: spec('<section>', '<cgi>') for what
// the spec describes, beyondSpec('<feature>') for what it does not (the web page, what a run
// writes). Without them a test lands outside the report's chapter tree, and the sign-off's
// reader cannot tell which part of the spec it checks. A static scan: cheap, and it names the line.
import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const TESTS = fileURLToPath(new URL('../../', import.meta.url));
const NOT_CAMERA_SUITES = new Set(['unit', 'harness-under-faults', 'fidelity']);

function suiteFiles(dir = TESTS): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return dir === TESTS && NOT_CAMERA_SUITES.has(name) ? [] : suiteFiles(p);
    return name.endsWith('.spec.ts') ? [p] : [];
  });
}

/** `file:line` of each test( ... ) header that names neither spec( nor beyondSpec(. */
function unlabelled(file: string, text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (/^\s*test(\.(only|fail|fixme|slow))?\(/.test(line) && !/\b(spec|beyondSpec)\(/.test(line)) out.push(`${file}:${i + 1}: ${line.trim().slice(0, 100)}`);
  });
  return out;
}

test('every test of a camera suite carries spec() or beyondSpec() labels', () => {
  const files = suiteFiles();
  expect(files.length).toBeGreaterThan(25);
  const missing = files.flatMap((f) => unlabelled(relative(TESTS, f), readFileSync(f, 'utf8')));
  expect(missing).toEqual([]);
});

test('the scan finds a test without labels (so the rule above can fail)', () => {
  const text = "test('a', spec('1.3', 'factorydefault.cgi'), async () => {});\n  test('b', async () => {});\n  test('c', beyondSpec('web page'), async () => {});";
  expect(unlabelled('x.spec.ts', text)).toEqual(["x.spec.ts:2: test('b', async () => {});"]);
});
