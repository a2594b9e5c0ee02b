// No dead ends: a function, constant or class another file does not use is not exported
// (an export says "other modules rely on this"), and one nobody uses is not there at all.
// Types and interfaces may stay exported: they describe the parameters of exported functions.
import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SKIP_DIRS = new Set(['node_modules', 'reports', 'test-results', '.git', 'playwright-report']);

function sources(dir = ROOT): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP_DIRS.has(name)) return [];
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|mts|mjs)$/.test(name) ? [p] : [];
  });
}

const VALUE_EXPORT = /^export\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|class|enum)\s+([A-Za-z_$][\w$]*)/gm;

/** `file: name` of every exported value that no other file names; "(unused)" when its own file does not either. */
function deadExports(files: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const [file, text] of files) {
    for (const m of text.matchAll(VALUE_EXPORT)) {
      const name = m[1];
      const word = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
      if ([...files].some(([other, t]) => other !== file && word.test(t))) continue;
      const ownUses = (text.match(word) ?? []).length - 1;
      out.push(`${file}: ${name}${ownUses > 0 ? '' : ' (unused)'}`);
    }
  }
  return out;
}

test('no value is exported that no other file uses', () => {
  const files = new Map(sources().map((f) => [relative(ROOT, f), readFileSync(f, 'utf8')]));
  expect(files.size).toBeGreaterThan(300);
  expect(deadExports(files)).toEqual([]);
});

test('the scan finds an export only its own file uses, and one nobody uses', () => {
  const files = new Map([
    ['a.ts', 'export function used() {}\nexport const own = 1;\nexport const never = 2;\nexport interface Shape { x: number }\nconsole.log(own);'],
    ['b.ts', "import { used } from './a.ts';\nused();"],
  ]);
  expect(deadExports(files)).toEqual(['a.ts: own', 'a.ts: never (unused)']);
});
