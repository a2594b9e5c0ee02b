import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { README_PATH, readmeRoleTable, roleTable } from '../../../rigs/virtual-camera/role-table.ts';
import { ROUTES } from '../../../rigs/virtual-camera/routes.ts';

test('README documents exactly the roles the virtual camera enforces (npx tsx bin/role-table.ts --write updates it)', () => {
  const documented = readmeRoleTable(readFileSync(README_PATH, 'utf8'));
  expect(documented, 'README has role-table markers').toBeDefined();
  expect(documented).toBe(roleTable(ROUTES));
});
