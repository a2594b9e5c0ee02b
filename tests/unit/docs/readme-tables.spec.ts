// README's tables that come from the code must say what the code does: the role each CGI
// needs, the virtual camera's dialects, and every house expectation (README's "Where the spec
// is silent"). `npx tsx bin/readme-tables.ts --write` updates them.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { README_PATH, readBlock } from '../../../lib/docs/readme-blocks.ts';
import { readmeTables } from '../../../bin/readme-tables.ts';
import { HOUSE_RULES } from '../../../lib/signoff/house-rules/index.ts';
import { SPEC_SECTIONS } from '../../../lib/signoff/spec-sections.ts';

const readme = readFileSync(README_PATH, 'utf8');

for (const [name, table] of Object.entries(readmeTables())) {
  test(`README's ${name} table is the code's (npx tsx bin/readme-tables.ts --write)`, () => {
    expect(readBlock(readme, name), `README has ${name} markers`).toBeDefined();
    expect(readBlock(readme, name)).toBe(table);
  });
}

test('every house expectation names a section the spec has, and says what is expected', () => {
  expect(Object.keys(HOUSE_RULES).length).toBeGreaterThan(0);
  for (const [name, rule] of Object.entries(HOUSE_RULES)) {
    expect(name, 'names are <suite folder>.<what>').toMatch(/^[a-z]+\.[a-z0-9.-]+$/);
    if (rule.chapter !== '-') expect(SPEC_SECTIONS[rule.chapter], `${name}: §${rule.chapter}`).toBeDefined();
    expect(rule.expectation.length, name).toBeGreaterThan(10);
  }
});
