// The arrows docs/ARCHITECTURE.md says must never exist, checked on every import of the
// tree: a new import that crosses one fails here, naming the file and what it imports.
import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const p = join(dir, name);
    if (statSync(join(ROOT, p)).isDirectory()) out.push(...sources(p));
    else if (/\.(ts|mts|mjs|js)$/.test(name)) out.push(p);
  }
  return out;
}

/** Repository-relative paths of what a file imports (relative imports only). */
function importsOf(file: string, text = readFileSync(join(ROOT, file), 'utf8')): string[] {
  const specs = [...text.matchAll(/(?:^|\s)(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm)]
    .map((m) => m[1] ?? m[2] ?? m[3]);
  return specs.filter((s) => s.startsWith('.')).map((s) => relative(ROOT, resolve(ROOT, dirname(file), s)));
}

const NEVER: { from: RegExp; to: RegExp; why: string }[] = [
  { from: /^rigs\/virtual-(camera|relay)\//, to: /^lib\//, why: 'the emulator never shares wire-format code with the harness (a bug would hide itself on both sides)' },
  { from: /^lib\//, to: /^(tests|fixtures|bin)\//, why: 'lib never imports tests, fixtures or entry points' },
  { from: /^lib\//, to: /^rigs\/virtual-(camera|relay)\//, why: 'the harness library never depends on the emulator' },
  { from: /^rigs\/relay\/(?!(cli|relay-command)\.ts$)/, to: /^rigs\/virtual-(camera|relay)\//, why: 'relay drivers know no emulator (only the relay CLI may start a throw-away virtual board)' },
  { from: /^rigs\//, to: /^(tests|fixtures)\//, why: 'rigs never import tests or fixtures' },
  { from: /^bench\//, to: /^tests\//, why: 'benchmarks never import tests' },
  {
    from: /^tests\/(?!unit\/|harness-under-faults\/|fidelity\/)/,
    to: /^rigs\/virtual-camera\/(?!index\.ts$|dialects\.ts$)/,
    why: 'camera suites never reach into the virtual camera (they must run unchanged against a physical camera)',
  },
];

const SCANNED = ['lib', 'rigs', 'fixtures', 'bin', 'bench', 'tests'];

test('no import crosses an arrow docs/ARCHITECTURE.md forbids', () => {
  const files = SCANNED.flatMap(sources);
  expect(files.length).toBeGreaterThan(300);
  const crossings: string[] = [];
  for (const f of files) {
    for (const target of importsOf(f)) {
      for (const rule of NEVER) if (rule.from.test(f) && rule.to.test(target)) crossings.push(`${f} imports ${target}: ${rule.why}`);
    }
  }
  expect(crossings).toEqual([]);
});

/** Every cycle of the import graph (strongly connected components of more than one file). */
function cyclesOf(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const scc: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      scc.push(w);
    } while (w !== v);
    if (scc.length > 1) cycles.push(scc.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

test('no import cycle, type-only imports included', () => {
  const files = SCANNED.flatMap(sources);
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  expect(cyclesOf(graph).map((c) => c.join(' -> '))).toEqual([]);
});

test('the cycle scan finds a cycle through type imports (so the rule above can fail)', () => {
  const graph = new Map([
    ['a.ts', importsOf('a.ts', `import type { B } from './b.ts';`)],
    ['b.ts', importsOf('b.ts', `import { c } from './c.ts';`)],
    ['c.ts', importsOf('c.ts', `import { a } from './a.ts';\nimport { d } from './d.ts';`)],
    ['d.ts', []],
  ]);
  expect(cyclesOf(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
});

test('the import scan sees every form of import (so the rule above can fail)', () => {
  const text = `import { a } from '../../lib/x.ts';\nimport type { B } from "./b.ts";\nexport * from '../c.ts';\nconst d = await import('../../lib/d.ts');\nimport '../e.ts';\nimport z from 'undici';`;
  expect(importsOf('rigs/virtual-camera/f.ts', text)).toEqual(['lib/x.ts', 'rigs/virtual-camera/b.ts', 'rigs/c.ts', 'lib/d.ts', 'rigs/e.ts']);
});

test('docs/ARCHITECTURE.md names each forbidden arrow', () => {
  const doc = readFileSync(join(ROOT, 'docs/ARCHITECTURE.md'), 'utf8');
  for (const rule of NEVER) expect(doc, rule.why).toContain(rule.why.split(' (')[0]);
});
