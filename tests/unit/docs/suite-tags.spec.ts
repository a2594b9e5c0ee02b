// Tags drive fixtures (fixtures/camera.ts): `@changes-config` puts a test under the state
// guard, `@destructive` skips it where destructive steps are not allowed. So a test must carry
// the tag, never do the fixture's work by hand: no `void stateGuard` to get a backup, no skip
// call of its own. A static scan of the camera suites (parsed with TypeScript, so a test's
// tags, its fixtures and its body are read, not guessed from lines) names each test that breaks it.
//
// "Destructive" is the project's word (README, "destructive steps"): what no state guard
// undoes — a hard factory default, a firmware upgrade, formatting the card, removing
// recordings. A reboot, a soft factory default (it keeps the network) and the restore of the
// camera's own backup are not: the state guard brings the camera back, and physical.json
// requires them (reboot.duration) without HIL_DESTRUCTIVE. Sending a destructive CGI as a role
// that must be refused cannot be told from the text; those tests are tagged by hand.
import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const TESTS = fileURLToPath(new URL('../../', import.meta.url));
const NOT_CAMERA_SUITES = new Set(['unit', 'harness-under-faults', 'fidelity']);

/** lib/camera's methods that take a destructive step (Camera.system / Camera.storage). */
const DESTRUCTIVE_METHODS: Record<string, readonly string[]> = { system: ['hardFactoryDefault', 'firmwareUpgrade'], storage: ['format', 'remove'] };
/** The same steps as CGI paths a test sends itself (through camera.client or a suite helper). */
const DESTRUCTIVE_PATH = /^\/(hardfactorydefault|firmwareupgrade|format|remove)\.cgi$/i;

/**
 * Tests that send a destructive CGI path yet take no destructive step, each with the reason;
 * `file › title` as the scan reports them.
 */
const NOT_DESTRUCTIVE: Record<string, string> = {
  'general/factory.spec.ts › factorydefault.cgi resets all but the five Network parameters':
    "calls the file's factoryDefault() with hard = false: a soft factory default keeps the network, and the state guard restores the rest",
  'storage/storage.spec.ts › a viewer or operator may list; mount and remove are for admins':
    'removes, as a weaker role, an id that was never recorded: nothing to erase should the camera let it through',
};

/** Every .ts file of the camera suites (support files too). */
function suiteSources(dir = TESTS): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return dir === TESTS && NOT_CAMERA_SUITES.has(name) ? [] : suiteSources(p);
    return name.endsWith('.ts') ? [p] : [];
  });
}

export interface ScannedTest {
  /** `file › title` (the title as written, template literals included). */
  name: string;
  tags: string[];
  fixtures: string[];
  /** What in the body (or a function of the same file it calls) takes a destructive step. */
  destructive: string[];
}

const TEST_CALLEES = new Set(['test', 'test.only', 'test.fail', 'test.fixme', 'test.slow']);

function tagsOf(details: ts.Node | undefined): string[] {
  const tags: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isPropertyAssignment(n) && ['tags', 'tag'].includes(n.name.getText())) {
      const v = n.initializer;
      const items = ts.isArrayLiteralExpression(v) ? [...v.elements] : [v];
      for (const e of items) if (ts.isStringLiteralLike(e)) tags.push(e.text.startsWith('@') ? e.text : `@${e.text}`);
    }
    ts.forEachChild(n, visit);
  };
  if (details) visit(details);
  return tags;
}

function fixturesOf(fn: ts.ArrowFunction | ts.FunctionExpression): string[] {
  const first = fn.parameters[0]?.name;
  if (!first || !ts.isObjectBindingPattern(first)) return [];
  return first.elements.map((e) => (e.propertyName ?? e.name).getText());
}

/** Top-level functions of a file by name: `function f() {}` and `const f = (...) => ...`. */
function fileFunctions(file: ts.SourceFile): Map<string, ts.Node> {
  const out = new Map<string, ts.Node>();
  for (const s of file.statements) {
    if (ts.isFunctionDeclaration(s) && s.name && s.body) out.set(s.name.text, s.body);
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))) out.set(d.name.text, d.initializer.body);
      }
    }
  }
  return out;
}

/** Destructive steps in `body`, following calls to the file's own functions. */
function destructiveSteps(body: ts.Node, functions: Map<string, ts.Node>): string[] {
  const found = new Set<string>();
  const seen = new Set<ts.Node>();
  const visit = (n: ts.Node): void => {
    if (ts.isStringLiteralLike(n) && DESTRUCTIVE_PATH.test(n.text)) found.add(n.text);
    if (ts.isCallExpression(n)) {
      const callee = n.expression;
      if (ts.isPropertyAccessExpression(callee) && ts.isPropertyAccessExpression(callee.expression)) {
        const group = callee.expression.name.text;
        if (DESTRUCTIVE_METHODS[group]?.includes(callee.name.text)) found.add(`${group}.${callee.name.text}()`);
      }
      if (ts.isIdentifier(callee)) {
        const own = functions.get(callee.text);
        if (own && !seen.has(own)) {
          seen.add(own);
          visit(own);
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(body);
  return [...found].sort();
}

/** Every test() of a suite file: its tags, the fixtures it requests, its destructive steps. */
function scanTests(file: string, text: string): ScannedTest[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const functions = fileFunctions(source);
  const out: ScannedTest[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && TEST_CALLEES.has(n.expression.getText())) {
      const fn = n.arguments.at(-1);
      if (fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) {
        const title = n.arguments[0];
        const shown = title && ts.isStringLiteralLike(title) ? title.text : title?.getText() ?? '?';
        out.push({
          name: `${file} › ${shown}`,
          tags: tagsOf(n.arguments.length > 2 ? n.arguments[1] : undefined),
          fixtures: fixturesOf(fn),
          destructive: destructiveSteps(fn.body, functions),
        });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
  return out;
}

/** Worker fixtures a capability check reads (fixtures/camera.ts). */
const WORKER_FIXTURES = new Set(['caps', 'target']);

/**
 * `test.beforeEach` hooks that need worker fixtures only: they run after the automatic
 * fixtures, so a capability skip there comes after the state guard's backup. In
 * `test.beforeAll` the same check runs first and the skipped tests send nothing.
 */
function workerOnlyBeforeEach(file: string, source: ts.SourceFile): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && n.expression.getText() === 'test.beforeEach') {
      const fn = n.arguments.at(-1);
      const used = fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) ? fixturesOf(fn) : [];
      if (used.length > 0 && used.every((f) => WORKER_FIXTURES.has(f))) {
        const line = source.getLineAndCharacterOfPosition(n.getStart()).line + 1;
        out.push(`${file}:${line}: test.beforeEach with worker fixtures only (${used.join(', ')}): use test.beforeAll, so a skip comes before the state guard's backup`);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
  return out;
}

/** What the rules say is wrong with a file, one line each. */
function tagProblems(file: string, text: string, notDestructive: Record<string, string> = NOT_DESTRUCTIVE): string[] {
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (/\bvoid\s+stateGuard\b/.test(line)) problems.push(`${file}:${i + 1}: \`void stateGuard\`: tag the test @changes-config instead`);
    if (/\bskipUnlessDestructive\b/.test(line)) problems.push(`${file}:${i + 1}: skipUnlessDestructive: tag the test @destructive instead`);
  });
  if (!file.endsWith('.spec.ts')) return problems;
  problems.push(...workerOnlyBeforeEach(file, ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)));
  for (const t of scanTests(file, text)) {
    if (t.fixtures.includes('stateGuard') && !t.tags.includes('@changes-config')) problems.push(`${t.name}: requests stateGuard but is not tagged @changes-config`);
    if (t.destructive.length > 0 && !t.tags.includes('@destructive') && !(t.name in notDestructive)) {
      problems.push(`${t.name}: takes a destructive step (${t.destructive.join(', ')}) but is not tagged @destructive`);
    }
  }
  return problems;
}

test('camera suites: tags drive the state guard and the destructive gate, nothing does it by hand', () => {
  const files = suiteSources();
  expect(files.filter((f) => f.endsWith('.spec.ts')).length).toBeGreaterThan(25);
  const problems = files.flatMap((f) => tagProblems(relative(TESTS, f), readFileSync(f, 'utf8')));
  expect(problems).toEqual([]);
});

test('the scan reads the suites it is meant to: tagged tests and destructive steps are found', () => {
  const scanned = suiteSources()
    .filter((f) => f.endsWith('.spec.ts'))
    .flatMap((f) => scanTests(relative(TESTS, f), readFileSync(f, 'utf8')));
  expect(scanned.filter((t) => t.tags.includes('@changes-config')).length).toBeGreaterThan(30);
  const destructive = scanned.filter((t) => t.destructive.length > 0).map((t) => t.name);
  // Through a helper of the file (upload() → /firmwareupgrade.cgi) and by a path in the body.
  expect(destructive).toContain('general/firmware.spec.ts › a good image: the camera runs the new version and keeps its configuration');
  expect(destructive).toContain('storage/storage.spec.ts › format empties the card, by GET and by POST');
  // Every exception still names a test that exists and sends such a path.
  for (const name of Object.keys(NOT_DESTRUCTIVE)) expect(destructive, name).toContain(name);
});

test('the scan finds each way to break the rules (so the rules above can fail)', () => {
  const text = [
    "import { test, spec } from '../../fixtures/index.ts';",
    "function wipe(camera) { return camera.client.get('/format.cgi', { diskid: 'SD_DISK' }); }",
    "test('a', spec('1.1', 'config.cgi'), async ({ camera, stateGuard }) => { void stateGuard; });",
    "test('b', spec('1.1', 'config.cgi', { tags: ['@changes-config'] }), async ({ camera, stateGuard }) => { await stateGuard.restore(); });",
    "test('c', spec('8.2', 'format.cgi'), async ({ camera }) => { await wipe(camera); });",
    "test('d', spec('8.2', 'format.cgi', { tags: ['destructive'] }), async ({ camera }) => { await camera.storage.format(); });",
    "test.describe('x', () => { test('e', beyondSpec('upgrade'), async ({ camera }) => { await camera.system.firmwareUpgrade(image); }); });",
    "test('f', spec('1.8', 'reboot.cgi'), async ({ camera }) => { await camera.system.reboot(); skipUnlessDestructive(target, 'x'); });",
    "test('g', spec('8.5', 'remove.cgi'), async ({ camera }) => { await camera.client.get('/remove.cgi'); });",
    "test.describe('y', () => { test.beforeEach(({ caps }) => skipIf(caps.require('ptz'))); test.beforeEach(async ({ caps, camera }) => {}); });",
  ].join('\n');
  expect(tagProblems('x.spec.ts', text, { 'x.spec.ts › g': 'an exception' })).toEqual([
    'x.spec.ts:3: `void stateGuard`: tag the test @changes-config instead',
    'x.spec.ts:8: skipUnlessDestructive: tag the test @destructive instead',
    'x.spec.ts:10: test.beforeEach with worker fixtures only (caps): use test.beforeAll, so a skip comes before the state guard\'s backup',
    'x.spec.ts › a: requests stateGuard but is not tagged @changes-config',
    'x.spec.ts › c: takes a destructive step (/format.cgi) but is not tagged @destructive',
    'x.spec.ts › e: takes a destructive step (system.firmwareUpgrade()) but is not tagged @destructive',
  ]);
});
