// Settings are read once, in fixtures/options.ts. Anywhere else in the repository's code the
// environment may be read only where this allow-list says, each entry with the reason and the
// exact variables it reads; an entry that no longer reads anything must go (README says the
// same in one sentence beside its table of variables).
import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const THE_MODULE = 'fixtures/options.ts';

/** Any way of reaching the environment object: its property of `process` (dotted or indexed), or `env` imported from node:process. */
const READS_ENV = /\bprocess\s*(?:\.\s*env\b|\[\s*['"`]env['"`]\s*\])|\bimport\s*\{[^}]*\benv\b[^}]*\}\s*from\s*['"](?:node:)?process['"]/g;

const ALLOWED: { file: string; reads: RegExp; why: string }[] = [
  { file: 'rigs/virtual-relay/pty-board.ts', reads: /process\.env\.PATH\b/y, why: 'the search path for the socat executable (rigs never import fixtures)' },
  { file: 'tests/unit/relay/virtual-board.spec.ts', reads: /process\.env\.PATH\b/y, why: 'the search path: is socat installed?' },
  { file: 'tests/unit/relay/safe-state.spec.ts', reads: /process\.env\.PATH\b/y, why: 'the search path: is socat installed?' },
  { file: 'tests/unit/relay/cli.spec.ts', reads: /process\.env\.PATH\b/y, why: 'the search path: is socat installed?' },
  { file: 'tests/unit/signoff/fixtures/sample/general.sample.ts', reads: /process\.env\.SAMPLE_[A-Z_]+/y, why: 'a sample project run as a child process: its own switch, set by the unit test' },
  { file: 'tests/unit/signoff/fixtures/sample/video.sample.ts', reads: /process\.env\.SAMPLE_[A-Z_]+/y, why: 'a sample project run as a child process: its own switch, set by the unit test' },
  { file: 'tests/unit/robustness/fixtures/leaky-source/leaky.sample.ts', reads: /process\.env\.LEAKY_[A-Z_]+/y, why: 'a sample project run as a child process: the secret the unit test plants' },
  { file: 'tests/unit/robustness/fixtures/leaky-source/playwright.config.ts', reads: /process\.env\.LEAKY_[A-Z_]+/y, why: 'a sample project run as a child process: where the unit test wants its output' },
];

const SCANNED = ['lib', 'rigs', 'fixtures', 'bin', 'bench', 'tests'];

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const p = join(dir, name);
    if (statSync(join(ROOT, p)).isDirectory()) out.push(...sources(p));
    else if (/\.(ts|mts|cts|mjs|cjs|js)$/.test(name)) out.push(p);
  }
  return out;
}

/** Every place a file reaches the environment: `file:line: text`, and whether the allow-list covers it. */
function reads(file: string): { at: string; allowed: boolean }[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const rule = ALLOWED.find((a) => a.file === file);
  return [...text.matchAll(READS_ENV)].map((m) => {
    const line = text.slice(0, m.index).split('\n').length;
    const allowed = rule !== undefined && ((rule.reads.lastIndex = m.index!), rule.reads.test(text));
    return { at: `${file}:${line}: ${text.split('\n')[line - 1].trim()}`, allowed };
  });
}

test('the environment is read in fixtures/options.ts, and elsewhere only where the allow-list says why', () => {
  const root = readdirSync(ROOT).filter((f) => /\.(ts|mts|mjs|js)$/.test(f));
  const files = [...root, ...SCANNED.flatMap(sources)].map((f) => relative(ROOT, join(ROOT, f)));
  expect(files.length).toBeGreaterThan(300);
  expect(files).toContain('playwright.config.ts');
  expect(reads(THE_MODULE).length, `${THE_MODULE} reads the environment`).toBeGreaterThan(0);
  const stray = files.filter((f) => f !== THE_MODULE).flatMap(reads).filter((r) => !r.allowed).map((r) => r.at);
  expect(stray, 'settings belong in fixtures/options.ts (RunOptions); anything else needs an allow-list entry with its reason').toEqual([]);
});

test('every allow-list entry still reads the environment, and only what it says', () => {
  for (const a of ALLOWED) {
    expect(a.why.length, a.file).toBeGreaterThan(10);
    const found = reads(a.file);
    expect(found.length, `${a.file} no longer reads the environment: remove its entry`).toBeGreaterThan(0);
    expect(found.filter((r) => !r.allowed).map((r) => r.at), `${a.file} reads more than ${a.reads.source}`).toEqual([]);
  }
});

test('the rule sees every way of reaching the environment', () => {
  // Built from parts, so this file holds no read of its own.
  const p = 'process';
  const seen = (s: string) => [...s.matchAll(READS_ENV)].length;
  expect(seen(`const a = ${p}.env.CAMERA_URL;`)).toBe(1);
  expect(seen(`const b = ${p}['env'].CAMERA;`)).toBe(1);
  expect(seen(`const { CAMERA } = ${p} . env;`)).toBe(1);
  expect(seen(`import { argv, env } from 'node:${p}';`)).toBe(1);
  expect(seen('const environment = options.env; // processed')).toBe(0);
});
