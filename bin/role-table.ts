// Prints the role table of every CGI the virtual camera serves; `--write` puts it into
// README.md between the role-table markers (a unit test checks the two agree).
import { readFileSync, writeFileSync } from 'node:fs';
import { README_PATH, withRoleTable } from '../rigs/virtual-camera/role-table.ts';
import { roleTable } from '../rigs/virtual-camera/role-table.ts';
import { ROUTES } from '../rigs/virtual-camera/routes.ts';

const table = roleTable(ROUTES);
if (process.argv.includes('--write')) {
  writeFileSync(README_PATH, withRoleTable(readFileSync(README_PATH, 'utf8'), table));
  console.log(`role table written to ${README_PATH}`);
} else console.log(table);
