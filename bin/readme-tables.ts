// The tables README shows that come from the code — the role each CGI needs, the virtual
// camera's dialects, the house expectations ("Where the spec is silent"). Run it to print
// them; `--write` puts them into README.md between their markers. A unit test
// (tests/unit/docs) checks README's copies against readmeTables().
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { README_PATH, withBlock } from '../lib/docs/readme-blocks.ts';
import { renderHouseRulesTable } from '../lib/signoff/house-rules/index.ts';
import { DIALECTS } from '../rigs/virtual-camera/dialects.ts';
import { roleTable } from '../rigs/virtual-camera/role-table.ts';
import { ROUTES } from '../rigs/virtual-camera/routes.ts';

function dialectTable(): string {
  const rows = DIALECTS.map((d) => `| \`${d.name}\` | ${d.description.replace(/\|/g, '\\|')} |`);
  return ['| dialect | the virtual camera then ... |', '|---|---|', ...rows].join('\n');
}

export function readmeTables(): Record<string, string> {
  return { 'role-table': roleTable(ROUTES), dialects: dialectTable(), 'house-rules': renderHouseRulesTable() };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const tables = readmeTables();
  if (process.argv.includes('--write')) {
    let readme = readFileSync(README_PATH, 'utf8');
    for (const [name, table] of Object.entries(tables)) readme = withBlock(readme, name, table);
    writeFileSync(README_PATH, readme);
    console.log(`${Object.keys(tables).join(', ')} written to ${README_PATH}`);
  } else for (const [name, table] of Object.entries(tables)) console.log(`<!-- ${name} -->\n${table}\n`);
}
