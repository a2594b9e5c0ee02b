// The role each CGI needs, as the markdown table README shows. README's copy is checked
// against this by a unit test (tests/unit/docs), so the documentation cannot drift from the code.
import type { Route } from './http/route.ts';

export function roleTable(routes: readonly Route[]): string {
  const rows = [...routes]
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((r) => `| \`${r.path}\` | ${r.role} | ${(r.methods ?? ['GET']).join(', ')} | ${r.summary.replace(/\|/g, '\\|')} |`);
  return ['| CGI | weakest group allowed | methods | what it does |', '|---|---|---|---|', ...rows].join('\n');
}
