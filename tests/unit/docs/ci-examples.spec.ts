// The CI examples users copy (docs/ci/) run only commands this repository has: npm scripts
// of package.json, the Playwright runner as README documents it, and flags the commands
// accept. A renamed script or flag fails here instead of in a user's pipeline.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');
const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);
const README = read('README.md');
const SIGNOFF = read('bin/signoff.ts');
const MERGE = read('bin/merge-shards.ts');
const MERGE_LAB = read('bin/merge-lab.ts');

/** Every shell line a job runs (GitHub `run`, GitLab `script` / `before_script`). */
function commands(doc: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown, key = '') => {
    if (typeof v === 'string' && (key === 'run' || key === 'script' || key === 'before_script')) out.push(...v.split('\n').filter((l) => l.trim()));
    else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(doc);
  return out;
}

function problems(line: string): string[] {
  const cmd = line.replace(/^(\w+=\S+\s+)+/, '').trim(); // leading VAR=value assignments
  const flags = [...cmd.matchAll(/\s(--[a-z][a-z-]*)/g)].map((m) => m[1]);
  if (/^npm (ci|install)\b/.test(cmd)) return [];
  if (/^(sudo )?apt-get /.test(cmd) || /^(mkdir|cp) /.test(cmd)) return [];
  let m: RegExpExecArray | null;
  if ((m = /^npm run ([\w:-]+)/.exec(cmd))) {
    if (!scripts.includes(m[1])) return [`npm run ${m[1]}: no such script in package.json`];
    if (m[1] === 'merge-shards') return flags.filter((f) => !MERGE.includes(f)).map((f) => `merge-shards does not take ${f}`);
    if (m[1] === 'merge-lab') return flags.filter((f) => !MERGE_LAB.includes(`${f.slice(2)}:`)).map((f) => `merge-lab does not take ${f}`);
    return [];
  }
  if (/^npm start\b/.test(cmd)) return flags.filter((f) => !SIGNOFF.includes(`${f.slice(2)}:`) && !SIGNOFF.includes(`'${f.slice(2)}'`)).map((f) => `npm start does not take ${f}`);
  if (/^npx playwright test\b/.test(cmd)) {
    const out = README.includes('npx playwright test') ? [] : ['README does not document npx playwright test'];
    const project = /--project=(\S+)/.exec(cmd)?.[1];
    if (project && !read('playwright.config.ts').includes(`'${project}'`)) out.push(`no Playwright project named ${project}`);
    return out;
  }
  return [`unknown command: ${cmd}`];
}

for (const file of ['docs/ci/github-actions.yml', 'docs/ci/gitlab-ci.yml']) {
  test(`${file} runs only commands the repository has`, () => {
    const doc = parse(read(file));
    const lines = commands(doc);
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.some((l) => /^npm start -- --firmware /.test(l)), 'an emulator sign-off per firmware').toBe(true);
    expect(lines.some((l) => /--shard=/.test(l)) && lines.some((l) => /npm run merge-shards/.test(l)), 'a lab job in shards, merged').toBe(true);
    expect(lines.some((l) => /^npm start -- --lab --station /.test(l)) && lines.some((l) => /^npm run merge-lab /.test(l)), 'a lab run per station, merged').toBe(true);
    expect(lines.flatMap(problems)).toEqual([]);
  });
}

test('the check itself refuses what the repository does not have', () => {
  expect(problems('npm run deploy')).toEqual(['npm run deploy: no such script in package.json']);
  expect(problems('npm start -- --turbo')).toEqual(['npm start does not take --turbo']);
  expect(problems('npm run merge-lab -- a b --into reports')).toEqual(['merge-lab does not take --into']);
  expect(problems('make signoff')).toEqual(['unknown command: make signoff']);
});
