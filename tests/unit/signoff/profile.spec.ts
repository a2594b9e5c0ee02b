import { test, expect } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readRunOptions } from '../../../fixtures/options.ts';
import { loadProfile, measurementSpec, parseProfile, PROFILES_DIR, ProfileError } from '../../../lib/signoff/profile.ts';
import { removeTempDirs, tempDir } from './synthetic.ts';

test.afterAll(removeTempDirs);

function write(dir: string, name: string, content: unknown): string {
  const f = join(dir, name);
  writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
}

test('the shipped profiles load and carry the contract limits', () => {
  const d = loadProfile(join(PROFILES_DIR, 'default.json'));
  expect(d.name).toBe('default');
  expect(measurementSpec(d, 'mjpeg.fps.error')).toMatchObject({ unit: '%', min: -1, max: 1, marginalMin: -0.5, marginalMax: 0.5 });
  expect(measurementSpec(d, 'mjpeg.interval.p99')).toMatchObject({ unit: 'ms', max: 40, marginalMax: 35.5 });
  const p = loadProfile(join(PROFILES_DIR, 'physical.json'));
  expect(p.sources.map((s) => s.split(/[\\/]/).pop())).toEqual(['default.json', 'physical.json']);
  expect(p.acceptableSkips.map((s) => s.tests)).toContain('@destructive');
  // Inherited limits stay, overridden ones change.
  expect(measurementSpec(p, 'mjpeg.fps.error')).toEqual(measurementSpec(d, 'mjpeg.fps.error'));
  expect(measurementSpec(p, 'snapshot.latency')!.max).toBeGreaterThan(measurementSpec(d, 'snapshot.latency')!.max!);
  expect(p.required).toEqual(d.required);
});

test('every problem of a bad profile is named, with the file', () => {
  let err: Error | undefined;
  try {
    parseProfile({
      name: 'x',
      requried: ['typo'],
      measurements: { 'a.b': { min: 2, max: 1 }, 'c': { max: '3' }, 'd': { maximum: 3 }, 'e': 5 },
      required: ['ok', ''],
      acceptableSkips: [{ tests: '@destructive' }, { tests: '@x', why: 'y', target: 'lab' }],
      allowFlaky: 'no',
    }, 'profiles/bad.json');
  } catch (e) {
    err = e as Error;
  }
  expect(err).toBeInstanceOf(ProfileError);
  const m = err!.message;
  expect(m).toContain('profiles/bad.json');
  expect(m).toContain('unknown key "requried"');
  expect(m).toContain('measurements["a.b"]: min (2) is greater than max (1)');
  expect(m).toContain('measurements["c"]: max must be a finite number, got "3"');
  expect(m).toContain('measurements["d"]: unknown key "maximum"');
  expect(m).toContain('measurements["e"]: must be an object');
  expect(m).toContain('required[1] must be a non-empty string');
  expect(m).toContain('acceptableSkips[0]: why must say why the skip is acceptable');
  expect(m).toContain('acceptableSkips[1]: target must be "virtual" or "physical"');
  expect(m).toContain('allowFlaky must be true or false');
});

test('unreadable, non-JSON and cyclic profiles fail with a clear message', () => {
  const dir = tempDir('profile-');
  expect(() => loadProfile(join(dir, 'missing.json'))).toThrow(/missing\.json is invalid:\n {2}- cannot read: ENOENT/);
  expect(() => loadProfile(write(dir, 'broken.json', '{ "name": "x", '))).toThrow(/broken\.json is invalid:\n {2}- not valid JSON/);
  expect(() => loadProfile(write(dir, 'array.json', '[]'))).toThrow(/the top level must be a JSON object/);
  write(dir, 'a.json', { name: 'a', extends: 'b.json' });
  write(dir, 'b.json', { name: 'b', extends: 'a.json' });
  expect(() => loadProfile(join(dir, 'a.json'))).toThrow(/extends cycle/);
  expect(() => loadProfile(write(dir, 'noname.json', { measurements: {} }))).toThrow(/name must be a non-empty string/);
});

test('an exact name wins over a wildcard; unknown names have no spec', () => {
  const p = parseProfile({ name: 'w', measurements: { 'ptz.*.error': { max: 2 }, 'ptz.pan.error': { max: 1 } } }, 'w.json');
  expect(measurementSpec(p, 'ptz.pan.error')!.max).toBe(1);
  expect(measurementSpec(p, 'ptz.tilt.error')!.max).toBe(2);
  expect(measurementSpec(p, 'ptz.tilt')).toBeUndefined();
});

test('the active profile follows HIL_PROFILE, then the kind of target', () => {
  const profileOf = (env: Record<string, string>) => readRunOptions(env).profilePath;
  expect(profileOf({})).toBe(join(PROFILES_DIR, 'default.json'));
  expect(profileOf({ CAMERA_URL: 'http://10.0.0.5', CAMERA_PASSWORD: 'x' })).toBe(join(PROFILES_DIR, 'physical.json'));
  expect(profileOf({ CAMERA: 'lab-cam-1' })).toBe(join(PROFILES_DIR, 'physical.json'));
  expect(profileOf({ HIL_PROFILE: 'x/y.json', CAMERA: 'c' })).toBe(resolve('x/y.json'));
});
