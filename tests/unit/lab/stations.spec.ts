// lab.json's stations, and which cameras a lab run takes (`--only`, `--station`): the inventory
// side of `npm start -- --lab` (rigs/lab/inventory.ts; the schema editors use agrees).
import { test, expect } from '@playwright/test';
import AjvModule from 'ajv';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { labSelection, loadLab } from '../../../rigs/lab/inventory.ts';
import { labFile, problems } from './helpers/inventory-files.ts';

let dir: string;
test.beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'lab-stations-')); });
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cam = (name: string, extra: Record<string, unknown> = {}) => ({ name, url: 'http://10.0.0.9', userEnv: 'CAM_USER', passwordEnv: 'CAM_PASSWORD', ...extra });

test('station: an optional plain name; a bad one is a problem at its place; unknown keys are still refused', () => {
  const lab = loadLab(labFile(dir, { cameras: [cam('c1', { station: 'bench-a.2_x' }), cam('c2')] }));
  expect(lab.cameras.map((c) => c.station)).toEqual(['bench-a.2_x', undefined]);

  for (const bad of ['bench a', '', '-bench', 'a/b', 7, true]) {
    expect(problems(dir, { cameras: [cam('c1', { station: 'ok' }), cam('c2', { station: bad })] }), JSON.stringify(bad))
      .toEqual(['cameras[1].station: must be a name of letters, digits, ".", "_" or "-"']);
  }
  const unknown = problems(dir, { cameras: [cam('c1', { stations: 'bench-a' })] });
  expect(unknown).toHaveLength(1);
  expect(unknown[0]).toMatch(/^cameras\[0\]\.stations: unknown key \(allowed: .*\bstation\b/);
});

test('station: the schema editors use agrees with the loader', () => {
  const Ajv = (AjvModule as unknown as { default: typeof AjvModule }).default ?? AjvModule;
  const ajv = new (Ajv as unknown as new (o: object) => import('ajv').default)({ allErrors: true, strict: true, allowUnionTypes: true });
  const schema = ajv.compile(JSON.parse(readFileSync(fileURLToPath(new URL('../../../rigs/lab/lab.schema.json', import.meta.url)), 'utf8')) as object);
  const accepts = (station: unknown) => {
    const raw = { cameras: [cam('c1', { station })] };
    let loader = true;
    try {
      loadLab(labFile(dir, raw));
    } catch {
      loader = false;
    }
    return { schema: schema(raw), loader };
  };
  for (const good of ['bench-a', 'B2', 'ci.runner_3']) expect(accepts(good), good).toEqual({ schema: true, loader: true });
  for (const bad of ['bench a', '', '-bench', 7]) expect(accepts(bad), JSON.stringify(bad)).toEqual({ schema: false, loader: false });
});

test('labSelection: every camera by default; --only and --station narrow, alone or together, in inventory order', () => {
  const lab = loadLab(labFile(dir, { cameras: [
    cam('c1', { station: 'bench-a' }), cam('c2', { station: 'bench-a' }), cam('c3', { station: 'bench-b' }), cam('c4'),
  ] }));
  const names = (o: Parameters<typeof labSelection>[1]) => labSelection(lab, o).map((c) => c.name);
  expect(names({})).toEqual(['c1', 'c2', 'c3', 'c4']);
  expect(names({ only: [] })).toEqual(['c1', 'c2', 'c3', 'c4']);
  expect(names({ only: ['c4', 'c1'] })).toEqual(['c1', 'c4']);
  expect(names({ station: 'bench-a' })).toEqual(['c1', 'c2']);
  expect(names({ station: 'bench-b' })).toEqual(['c3']);
  expect(names({ only: ['c1', 'c3'], station: 'bench-a' })).toEqual(['c1']);
  expect(labSelection(lab, { station: 'bench-b' })[0].station).toBe('bench-b');
});

test('labSelection: an unknown name or station, or nothing left, is an error naming what is wrong and what is known', () => {
  const file = labFile(dir, { cameras: [cam('c1', { station: 'bench-a' }), cam('c2', { station: 'bench-b' }), cam('c3')] });
  const lab = loadLab(file);
  expect(() => labSelection(lab, { only: ['c1', 'garage', 'attic'] }))
    .toThrow(`--only names "garage", "attic", not in ${file}; known cameras: c1, c2, c3`);
  expect(() => labSelection(lab, { station: 'bench-z' }))
    .toThrow(`--station "bench-z": no camera of ${file} is wired to it; stations: bench-a, bench-b`);
  expect(() => labSelection(lab, { only: ['c2'], station: 'bench-a' }))
    .toThrow(`no camera of ${file} is both in --only and wired to station bench-a: nothing to sign off`);

  const plainFile = labFile(dir, { cameras: [cam('c1'), cam('c2')] });
  expect(() => labSelection(loadLab(plainFile), { station: 'bench-a' }))
    .toThrow(`--station "bench-a": no camera of ${plainFile} is wired to it; stations: (none: give cameras a "station")`);

  const emptyFile = labFile(dir, { cameras: [] });
  const empty = loadLab(emptyFile);
  expect(() => labSelection(empty, {})).toThrow(`no camera of ${emptyFile} is listed: nothing to sign off`);
  expect(() => labSelection(empty, { only: ['c1'] })).toThrow(`--only names "c1", not in ${emptyFile}; known cameras: (none)`);
});
