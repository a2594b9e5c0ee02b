// The role each CGI needs, as the markdown table README shows. README's copy is checked
// against this by a unit test, so the documentation cannot drift from the code.
import { fileURLToPath } from 'node:url';
import type { Route } from './http/route.ts';

export const README_PATH = fileURLToPath(new URL('../../README.md', import.meta.url));
const START = '<!-- role-table:start -->';
const END = '<!-- role-table:end -->';

export function roleTable(routes: readonly Route[]): string {
  const rows = [...routes]
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((r) => `| \`${r.path}\` | ${r.role} | ${(r.methods ?? ['GET']).join(', ')} | ${r.summary.replace(/\|/g, '\\|')} |`);
  return ['| CGI | weakest group allowed | methods | what it does |', '|---|---|---|---|', ...rows].join('\n');
}

/** The table as README holds it between its markers, or undefined without markers. */
export function readmeRoleTable(readme: string): string | undefined {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  return a < 0 || b < a ? undefined : readme.slice(a + START.length, b).trim();
}

export function withRoleTable(readme: string, table: string): string {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README has no ${START} ... ${END} markers`);
  return `${readme.slice(0, a + START.length)}\n${table}\n${readme.slice(b)}`;
}
