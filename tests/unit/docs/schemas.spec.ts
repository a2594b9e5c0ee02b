// The JSON Schemas editors use to complete and check the files people edit by hand
// (profiles/profile.schema.json, rigs/lab/lab.schema.json) agree with the loaders that the
// harness trusts: every shipped example is valid for both, and each broken example is
// refused by both.
import { test, expect } from '@playwright/test';
import AjvModule from 'ajv';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLab } from '../../../rigs/lab/inventory.ts';
import { RELAY_DRIVERS } from '../../../rigs/relay/protocol.ts';
import { loadProfile, parseProfile } from '../../../lib/signoff/profile.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const json = (p: string) => JSON.parse(readFileSync(join(ROOT, p), 'utf8')) as Record<string, unknown>;
// ajv is CommonJS: its class is the default export's default under ESM.
const Ajv = (AjvModule as unknown as { default: typeof AjvModule }).default ?? AjvModule;
const ajv = new (Ajv as unknown as new (o: object) => import('ajv').default)({ allErrors: true, strict: true, allowUnionTypes: true });
const profileSchema = ajv.compile(json('profiles/profile.schema.json'));
const labSchema = ajv.compile(json('rigs/lab/lab.schema.json'));

function loaderAcceptsProfile(raw: unknown): boolean {
  try {
    parseProfile(raw, 'example.json');
    return true;
  } catch {
    return false;
  }
}

function loaderAcceptsLab(raw: unknown): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'lab-schema-'));
  try {
    writeFileSync(join(dir, 'lab.json'), JSON.stringify(raw));
    loadLab(join(dir, 'lab.json'));
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the shipped profiles are valid for the schema and the loader, and reference the schema', () => {
  for (const f of ['default.json', 'physical.json', 'conformant.json']) {
    const raw = json(`profiles/${f}`);
    expect(raw.$schema, f).toBe('./profile.schema.json');
    expect(profileSchema(raw), `${f}: ${ajv.errorsText(profileSchema.errors)}`).toBe(true);
    expect(() => loadProfile(join(ROOT, 'profiles', f))).not.toThrow();
  }
});

test('broken profiles are refused by the schema and the loader alike', () => {
  const broken: Record<string, unknown>[] = [
    { name: 'x', limits: {} },
    { name: '' },
    { name: 'x', measurements: { 'a.b': { max: 'forty' } } },
    { name: 'x', measurements: { 'a.b': { maximum: 40 } } },
    { name: 'x', required: 'general/*' },
    { name: 'x', required: [''] },
    { name: 'x', acceptableSkips: [{ tests: '@destructive' }] },
    { name: 'x', acceptableSkips: [{ tests: '@d', why: 'w', target: 'lab' }] },
    { name: 'x', allowFlaky: 'no' },
    { name: 'x', promoteObservations: 'ipfilter.list.separator' },
  ];
  for (const raw of broken) {
    expect(profileSchema(raw), JSON.stringify(raw)).toBe(false);
    expect(loaderAcceptsProfile(raw), JSON.stringify(raw)).toBe(false);
  }
  const good = { name: 'x', measurements: { 'mjpeg.*': { unit: 'ms', max: 40 } }, required: ['@ptz'], acceptableSkips: [{ tests: '@d', why: 'w' }], promoteObservations: ['ipfilter.*'] };
  expect(profileSchema(good), ajv.errorsText(profileSchema.errors)).toBe(true);
  expect(loaderAcceptsProfile(good)).toBe(true);
});

test('lab.example.json is valid for the schema and the loader; the schema knows every relay driver', () => {
  const raw = json('lab.example.json');
  expect(raw.$schema).toBe('./rigs/lab/lab.schema.json');
  expect(labSchema(raw), ajv.errorsText(labSchema.errors)).toBe(true);
  expect(loaderAcceptsLab(raw)).toBe(true);
  const drivers = (json('rigs/lab/lab.schema.json') as { definitions: { camera: { properties: { relay: { properties: { driver: { enum: string[] } } } } } } }).definitions.camera.properties.relay.properties.driver.enum;
  expect([...drivers].sort()).toEqual([...RELAY_DRIVERS].sort());
});

test('broken lab inventories are refused by the schema and the loader alike', () => {
  const cam = { name: 'lobby', url: 'http://192.0.2.10', userEnv: 'LOBBY_USER', passwordEnv: 'LOBBY_PASSWORD' };
  const broken: unknown[] = [
    {},
    { cameras: [{ ...cam, password: 'x' }] },
    { cameras: [{ ...cam, name: 'has space' }] },
    { cameras: [{ ...cam, url: 'http://root:pw@192.0.2.10' }] },
    { cameras: [{ ...cam, userEnv: 'not-an-env-name' }] },
    { cameras: [{ ...cam, relay: { driver: 'usbrelay', path: '/dev/x' } }] },
    { cameras: [{ ...cam, relay: { driver: 'numato' } }] },
    { cameras: [{ ...cam, wiring: { inputs: { 0: 1 } } }] },
    { cameras: [{ ...cam, destructiveAllowed: 'yes' }] },
  ];
  for (const raw of broken) {
    expect(labSchema(raw), JSON.stringify(raw)).toBe(false);
    expect(loaderAcceptsLab(raw), JSON.stringify(raw)).toBe(false);
  }
  const good = { cameras: [{ ...cam, relay: { driver: 'virtual' }, wiring: { inputs: { 1: 0 }, lamp: null } }] };
  expect(labSchema(good), ajv.errorsText(labSchema.errors)).toBe(true);
  expect(loaderAcceptsLab(good)).toBe(true);
});
