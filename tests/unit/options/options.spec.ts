// The run's settings (fixtures/options.ts): every variable README documents is parsed, every
// bad value is refused with one line naming it, "physical?" is answered once, npm start's run
// file round-trips and a malformed one is refused naming the field, and no password ever
// enters the options.
import { test, expect } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  childEnvironment, DEFAULT_LIVE_IMAGE_SELECTOR, labCamera, OptionsError, parseRunFile, readRunFile, readRunOptions, relayDescription,
  reporterSettings, scanSecrets, shownTarget, urlCamera, writeRunFile, type RunFile,
} from '../../../fixtures/options.ts';
import { PROFILES_DIR } from '../../../lib/signoff/profile.ts';
import { defaultLeaseDir } from '../../../rigs/lab/lease.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const IMAGE = join(ROOT, 'fixtures', 'firmware', 'IPC-7100_V5.0.3.3900.bin');
const ROLLBACK = join(ROOT, 'fixtures', 'firmware', 'IPC-7100_V5.0.2.3843.bin');
const PASSWORD = 'Opt10ns-Secret-Pw';

let dir: string;
test.beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'options-test-')); });
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The OptionsError `read` throws: one line, its message checked by the caller. */
function refusal(read: () => unknown): OptionsError {
  let caught: unknown;
  try {
    read();
  } catch (err) {
    caught = err;
  }
  expect(caught, 'refused').toBeInstanceOf(OptionsError);
  const err = caught as OptionsError;
  expect(err.message, 'one line').not.toContain('\n');
  expect(err.stack, 'no stack frames: the line is the whole story').toBe(`OptionsError: ${err.message}`);
  return err;
}

test('an empty environment: the embedded virtual camera and every default', () => {
  const o = readRunOptions({});
  expect(o.physical).toBe(false);
  expect(o.target).toEqual({ kind: 'virtual', dialects: [], faults: '' });
  expect(o).toMatchObject({
    destructive: false, speakerHearsMicrophone: false, signoff: false, list: false, ci: false,
    profilePath: join(PROFILES_DIR, 'default.json'), profileFrom: 'target',
    reportsRoot: resolve('reports'), reportDir: join(resolve('reports'), '_test'), reportDirFrom: 'scratch',
    progressEveryMs: 10_000, leaseDir: defaultLeaseDir(), labFile: join(ROOT, 'lab.json'),
  });
  for (const k of ['secondSource', 'relay', 'handOver', 'chromiumPath', 'socat', 'specUrl'] as const) expect(o[k], k).toBeUndefined();
  expect(o.suite).toEqual({ liveImageSelector: DEFAULT_LIVE_IMAGE_SELECTOR, fuzz: { count: 300, seconds: 20, seed: 20240611 } });
  expect(shownTarget(o)).toBe('embedded virtual camera');
  expect(relayDescription(o)).toBe('virtual relay (numato emulator)');
});

test('every variable of README\'s table, and the others the harness reads, is parsed', () => {
  const o = readRunOptions({
    CAMERA_URL: 'http://192.168.10.21:8080/some/page?x=1', CAMERA_USER: 'operator', CAMERA_PASSWORD: PASSWORD,
    RELAY_DRIVER: 'lcus', RELAY_PATH: '/dev/ttyUSB0',
    HIL_DESTRUCTIVE: '1', HIL_SECOND_SOURCE: '192.168.10.5', HIL_SPEAKER_HEARS_MIC: '1',
    HIL_TEST_TONE_HZ: '1000', HIL_FIRMWARE_IMAGE: IMAGE, HIL_FIRMWARE_VERSION: 'V5.0.3.3900', HIL_FIRMWARE_ROLLBACK_IMAGE: ROLLBACK,
    HIL_LIVE_IMAGE_SELECTOR: 'img.live', HIL_PROFILE: 'profiles/conformant.json', HIL_DIGEST_NONCE_TTL_S: '30',
    HIL_PROGRESS_EVERY_MS: '250', HIL_FUZZ_COUNT: '60', HIL_FUZZ_SECONDS: '5', HIL_FUZZ_SEED: '7',
    HIL_REPORTS_ROOT: '/tmp/r', HIL_REPORT_DIR: 'out/run', HIL_LEASE_DIR: '/tmp/leases', LAB_FILE: 'my-lab.json',
    CHROMIUM_PATH: '/opt/chromium', SOCAT: '/opt/socat', HIL_SPEC_URL: 'https://intranet.example/spec.md', CI: 'true',
  });
  expect(o.physical).toBe(true);
  expect(o.target).toEqual({ kind: 'url', url: 'http://192.168.10.21:8080', user: 'operator' });
  expect(o).toMatchObject({
    destructive: true, secondSource: '192.168.10.5', speakerHearsMicrophone: true,
    relay: { driver: 'lcus', path: '/dev/ttyUSB0' },
    profilePath: resolve('profiles/conformant.json'), profileFrom: 'HIL_PROFILE',
    reportsRoot: '/tmp/r', reportDir: resolve('out/run'), reportDirFrom: 'HIL_REPORT_DIR',
    progressEveryMs: 250, leaseDir: '/tmp/leases', labFile: resolve('my-lab.json'),
    chromiumPath: '/opt/chromium', socat: '/opt/socat', specUrl: 'https://intranet.example/spec.md', ci: true,
  });
  expect(o.suite).toEqual({
    liveImageSelector: 'img.live', testToneHz: 1000, digestNonceTtlS: 30, fuzz: { count: 60, seconds: 5, seed: 7 },
    firmwareImages: { image: IMAGE, version: 'V5.0.3.3900', rollbackImage: ROLLBACK },
  });
  expect(shownTarget(o)).toBe('http://192.168.10.21:8080');
  expect(relayDescription(o)).toBe('lcus at /dev/ttyUSB0');

  // Unset, empty and 0 mean no; CAMERA_USER defaults to root.
  const off = readRunOptions({ CAMERA_URL: 'https://cam.example', CAMERA_PASSWORD: '', HIL_DESTRUCTIVE: '0', HIL_SPEAKER_HEARS_MIC: '', HIL_TEST_TONE_HZ: '', HIL_FUZZ_COUNT: '' });
  expect(off.target).toEqual({ kind: 'url', url: 'https://cam.example', user: 'root' });
  expect([off.destructive, off.speakerHearsMicrophone, off.suite.testToneHz, off.suite.fuzz.count]).toEqual([false, false, undefined, 300]);
  expect(relayDescription(off)).toBe('none configured');
});

test('the target: CAMERA_URL, or CAMERA or --camera from the lab inventory, else the virtual camera as npm start asks', () => {
  const lab = readRunOptions({ CAMERA: 'lobby', LAB_FILE: '/etc/camera-hil/lab.json' });
  expect(lab.target).toEqual({ kind: 'lab', name: 'lobby', labFile: '/etc/camera-hil/lab.json' });
  expect(shownTarget(lab)).toBe('lab camera lobby');
  expect(readRunOptions({}, { camera: 'bench-ptz' }).target).toEqual({ kind: 'lab', name: 'bench-ptz', labFile: join(ROOT, 'lab.json') });
  const virtual = readRunOptions({}, { firmware: 'V5.0.1.3714', model: 'IPC-2100', dialect: 'lenient,http10,lenient' });
  expect(virtual.target).toEqual({ kind: 'virtual', firmware: 'V5.0.1.3714', model: 'IPC-2100', dialects: ['lenient', 'http10'], faults: '' });
  expect(shownTarget(virtual)).toBe('embedded virtual camera (firmware V5.0.1.3714)');
});

test('every bad value is refused with one line naming the variable', () => {
  const cases: [Record<string, string>, string][] = [
    [{ CAMERA_URL: 'notaurl', CAMERA_PASSWORD: 'x' }, 'CAMERA_URL is not a valid URL (expected http://host[:port])'],
    [{ CAMERA_URL: 'ftp://10.0.0.5', CAMERA_PASSWORD: 'x' }, 'CAMERA_URL must be an http:// or https:// URL (expected http://host[:port])'],
    [{ CAMERA_URL: 'http://10.0.0.5' }, 'CAMERA_URL is set but CAMERA_PASSWORD is not'],
    [{ HIL_DESTRUCTIVE: 'yes' }, 'HIL_DESTRUCTIVE must be 1 (yes) or 0 (no), got "yes"'],
    [{ HIL_SPEAKER_HEARS_MIC: 'true' }, 'HIL_SPEAKER_HEARS_MIC must be 1 (yes) or 0 (no), got "true"'],
    [{ HIL_SECOND_SOURCE: 'second-host' }, 'HIL_SECOND_SOURCE must be an IP address of this host (a.b.c.d), got "second-host"'],
    [{ RELAY_DRIVER: 'numato' }, 'RELAY_DRIVER is set but RELAY_PATH is not: set both, or neither'],
    [{ RELAY_PATH: '/dev/ttyACM0' }, 'RELAY_PATH is set but RELAY_DRIVER is not: set both, or neither'],
    [{ RELAY_DRIVER: 'arduino', RELAY_PATH: '/dev/ttyACM0' }, 'RELAY_DRIVER="arduino" is none of numato, lcus, kmtronic, virtual'],
    [{ HIL_PROGRESS_EVERY_MS: '1.5' }, 'HIL_PROGRESS_EVERY_MS must be a whole number of milliseconds above 0, got "1.5"'],
    [{ HIL_TEST_TONE_HZ: 'A440' }, 'HIL_TEST_TONE_HZ must be a frequency in Hz above 0, got "A440"'],
    [{ HIL_TEST_TONE_HZ: '-5' }, 'HIL_TEST_TONE_HZ must be a frequency in Hz above 0, got "-5"'],
    [{ HIL_DIGEST_NONCE_TTL_S: '300' }, 'HIL_DIGEST_NONCE_TTL_S must be the camera\'s Digest nonce lifetime in seconds, above 0 and at most 120, got "300"'],
    [{ HIL_FUZZ_COUNT: '0' }, 'HIL_FUZZ_COUNT must be an integer 1..1000000, got "0"'],
    [{ HIL_FUZZ_SECONDS: '1e3' }, 'HIL_FUZZ_SECONDS must be an integer 1..3600, got "1e3"'],
    [{ HIL_FUZZ_SEED: '-1' }, 'HIL_FUZZ_SEED must be an integer 0..4294967295, got "-1"'],
    [{ HIL_FIRMWARE_IMAGE: IMAGE }, 'HIL_FIRMWARE_IMAGE, HIL_FIRMWARE_VERSION and HIL_FIRMWARE_ROLLBACK_IMAGE go together: HIL_FIRMWARE_VERSION and HIL_FIRMWARE_ROLLBACK_IMAGE are not set'],
    [{ HIL_FIRMWARE_IMAGE: '/nonexistent/fw.bin', HIL_FIRMWARE_VERSION: 'V5', HIL_FIRMWARE_ROLLBACK_IMAGE: ROLLBACK }, 'HIL_FIRMWARE_IMAGE: no firmware image at /nonexistent/fw.bin'],
    [{ HIL_RUN_FILE: '/nonexistent/run.json' }, 'HIL_RUN_FILE /nonexistent/run.json cannot be read: ENOENT'],
    // npm start's old hand-over would now be ignored without a word: refused, saying what replaced it.
    [{ HIL_VIRTUAL_FIRMWARE: 'V5.0.1.3714' }, 'HIL_VIRTUAL_FIRMWARE is no longer read: use npm start -- --firmware'],
    [{ HIL_SIGNOFF: '1' }, 'HIL_SIGNOFF is no longer read: npm start hands its run over in HIL_RUN_FILE'],
    // Two cameras at once: pointed out, never settled silently.
    [{ CAMERA_URL: 'http://10.0.0.5', CAMERA_PASSWORD: 'x', CAMERA: 'lobby' }, 'CAMERA_URL and CAMERA both name a camera: set only one'],
  ];
  for (const [env, message] of cases) expect(refusal(() => readRunOptions(env)).message, JSON.stringify(env)).toBe(message);

  // npm start's own options.
  expect(refusal(() => readRunOptions({ CAMERA: 'lobby' }, { firmware: 'V5.0.1.3714' })).message).toBe('--firmware, --model and --dialect choose what the virtual camera emulates; a real camera reports its own');
  expect(refusal(() => readRunOptions({ CAMERA_URL: 'http://10.0.0.5', CAMERA_PASSWORD: 'x' }, { camera: 'lobby' })).message).toBe('CAMERA_URL and --camera both name a camera: set only one');
  expect(refusal(() => readRunOptions({}, { dialect: 'lenient,chatty' })).message).toMatch(/^--dialect: unknown dialect "chatty" \(known: refusal-200, lenient, /);
});

test('a CAMERA_URL that may hold a password is never echoed', () => {
  for (const raw of [`http://root:${PASSWORD}@10.0.0.5`, `root:${PASSWORD}@10.0.0.5`, `http//root:${PASSWORD}@10.0.0.5`]) {
    const err = refusal(() => readRunOptions({ CAMERA_URL: raw, CAMERA_PASSWORD: 'x' }));
    expect(err.message).toMatch(/^CAMERA_URL /);
    expect(err.message).not.toContain(PASSWORD);
  }
  expect(refusal(() => readRunOptions({ CAMERA_URL: `http://root:${PASSWORD}@10.0.0.5`, CAMERA_PASSWORD: 'x' })).message).toBe('CAMERA_URL must not carry credentials: use CAMERA_USER and CAMERA_PASSWORD');
});

test('"physical?" is answered once, from the target, and everything that depends on it follows', () => {
  const run = writeRunFile({ signoff: true, target: { kind: 'lab', name: 'lobby', labFile: '/etc/lab.json' } }, dir);
  const cases: [string, Record<string, string>, boolean][] = [
    ['nothing set', {}, false],
    ['CAMERA_URL', { CAMERA_URL: 'http://10.0.0.5', CAMERA_PASSWORD: 'x' }, true],
    ['CAMERA', { CAMERA: 'lobby' }, true],
    ['an empty CAMERA', { CAMERA: '', CAMERA_URL: '' }, false],
    ['a run file naming a lab camera', { HIL_RUN_FILE: run.path }, true],
  ];
  for (const [what, env, physical] of cases) {
    const o = readRunOptions(env);
    expect(o.physical, what).toBe(physical);
    expect(o.target.kind === 'virtual', what).toBe(!physical);
    expect(o.profilePath, what).toBe(join(PROFILES_DIR, physical ? 'physical.json' : 'default.json'));
    expect(relayDescription(o), what).toBe(physical ? 'none configured' : 'virtual relay (numato emulator)');
  }
  expect(readRunOptions({}, { camera: 'lobby' }).physical).toBe(true);
  run.remove();
});

test('the run file round-trips: what npm start writes is what the Playwright run reads', () => {
  const handed: RunFile = {
    signoff: true,
    target: { kind: 'virtual', firmware: 'V5.0.1.3714', model: 'IPC-2100', dialects: ['http10'], faults: '' },
    profilePath: join(PROFILES_DIR, 'conformant.json'),
    reportDir: join(dir, 'IPC-2100', 'V5.0.1.3714'),
    handOver: { identity: { model: 'IPC-2100', firmware: 'V5.0.1.3714', serial: 'S1' }, relay: 'virtual relay (numato emulator)' },
  };
  const file = writeRunFile(handed, dir);
  expect(readRunFile(file.path)).toEqual(handed);
  // The environment's own choices give way to the file's, and the rest of the environment still counts.
  const o = readRunOptions({ HIL_RUN_FILE: file.path, HIL_PROFILE: 'profiles/default.json', HIL_REPORT_DIR: '/elsewhere', HIL_FUZZ_COUNT: '60' });
  expect(o).toMatchObject({ physical: false, target: handed.target, signoff: true, list: false, profilePath: handed.profilePath, profileFrom: 'run file', reportDir: handed.reportDir, reportDirFrom: 'run file', handOver: handed.handOver });
  expect(o.suite.fuzz.count).toBe(60);
  expect(reporterSettings(o)).toEqual({ list: false, signoff: true, reportDir: handed.reportDir, identity: handed.handOver!.identity, target: 'embedded virtual camera (firmware V5.0.1.3714)', relay: 'virtual relay (numato emulator)' });
  // A file that names the target leaves npm start's options nothing to choose.
  expect(refusal(() => readRunOptions({ HIL_RUN_FILE: file.path }, { model: 'IPC-7100' })).message).toMatch(/^HIL_RUN_FILE already names the target/);
  file.remove();
  expect(existsSync(dirname(file.path))).toBe(false);

  const list = writeRunFile({ signoff: true, list: true, target: { kind: 'url', url: 'http://10.0.0.5', user: 'root' } }, dir);
  const listed = readRunOptions({ HIL_RUN_FILE: list.path, CAMERA_PASSWORD: 'x' });
  expect([listed.physical, listed.list, reporterSettings(listed).list]).toEqual([true, true, true]);
  list.remove();
});

test('a malformed run file is refused, naming the field', () => {
  const cases: [unknown, string][] = [
    [[], 'is not a valid run file: must be a JSON object'],
    [{}, 'signoff: must be true or false'],
    [{ signoff: true, lsit: true }, 'lsit: unknown field (known: signoff, list, target, profilePath, reportDir, handOver)'],
    [{ signoff: 'yes' }, 'signoff: must be true or false'],
    [{ signoff: true, list: 1 }, 'list: must be true or false'],
    [{ signoff: true, profilePath: '' }, 'profilePath: must be a non-empty path'],
    [{ signoff: true, reportDir: 7 }, 'reportDir: must be a non-empty path'],
    [{ signoff: true, target: { kind: 'camera' } }, 'target.kind: must be "virtual", "url" or "lab"'],
    [{ signoff: true, target: { kind: 'url', user: 'root' } }, 'target.url: missing'],
    [{ signoff: true, target: { kind: 'url', url: 'http://10.0.0.5' } }, 'target.user: missing'],
    [{ signoff: true, target: { kind: 'lab', name: 'lobby' } }, 'target.labFile: missing'],
    [{ signoff: true, target: { kind: 'virtual', dialects: ['chatty'], faults: '' } }, 'target.dialects: unknown dialect "chatty"'],
    [{ signoff: true, target: { kind: 'virtual', dialects: 'http10', faults: '' } }, 'target.dialects: must be a list of dialect names'],
    [{ signoff: true, target: { kind: 'virtual', dialects: [] } }, 'target.faults: must be a fault set'],
    [{ signoff: true, handOver: { relay: 'numato' } }, 'handOver.identity: missing'],
    [{ signoff: true, handOver: { identity: { firmware: 'V1' } } }, 'handOver.identity.model: missing'],
    [{ signoff: true, handOver: { identity: { model: 'IPC', firmware: 'V1', serial: 5 } } }, 'handOver.identity.serial: must be a string'],
    [{ signoff: true, handOver: { identity: { model: 'IPC', firmware: 'V1', colour: 'red' } } }, 'handOver.identity.colour: unknown field'],
  ];
  for (const [data, problem] of cases) {
    const message = refusal(() => parseRunFile(JSON.stringify(data), 'HIL_RUN_FILE run.json')).message;
    expect(message, JSON.stringify(data)).toMatch(/^HIL_RUN_FILE run\.json is not a valid run file: /);
    expect(message, JSON.stringify(data)).toContain(problem);
  }
  expect(refusal(() => parseRunFile('{ "signoff": ', 'HIL_RUN_FILE run.json')).message).toMatch(/^HIL_RUN_FILE run\.json is not JSON: /);
  // A URL with credentials is refused without being shown, in the file as in the environment.
  const leaky = refusal(() => parseRunFile(JSON.stringify({ signoff: true, target: { kind: 'url', url: `http://root:${PASSWORD}@10.0.0.5`, user: 'root' } })));
  expect(leaky.message).toContain('target.url must not carry credentials');
  expect(leaky.message).not.toContain(PASSWORD);
  // Through the environment, the variable is named with the file.
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, JSON.stringify({ signoff: true, target: { kind: 'camera' } }));
  expect(refusal(() => readRunOptions({ HIL_RUN_FILE: broken })).message).toBe(`HIL_RUN_FILE ${broken} is not a valid run file: target.kind: must be "virtual", "url" or "lab"`);
  // What npm start writes is checked before it is written.
  expect(refusal(() => writeRunFile({ signoff: true, handOver: { identity: { model: '', firmware: 'V1' } } }, dir)).message).toContain('handOver.identity.model: must be a non-empty string');
});

test('no password in the options: credentials are read at the moment of use', () => {
  const lab = join(dir, 'lab.json');
  writeFileSync(lab, JSON.stringify({ cameras: [{ name: 'lobby', url: 'http://10.0.0.9', userEnv: 'LOBBY_USER', passwordEnv: 'LOBBY_PASSWORD' }] }));
  const env = {
    CAMERA_URL: 'http://10.0.0.5', CAMERA_USER: 'operator', CAMERA_PASSWORD: PASSWORD,
    LOBBY_USER: 'admin', LOBBY_PASSWORD: `${PASSWORD}-lab`, HIL_SCAN_SECRETS: `${PASSWORD}-scan\n\n  other-secret  \n`, LAB_FILE: lab,
  };
  const url = readRunOptions(env);
  const inLab = readRunOptions({ ...env, CAMERA_URL: '' }, { camera: 'lobby' });
  for (const o of [url, inLab]) {
    const text = JSON.stringify(o);
    expect(text).not.toContain(PASSWORD);
    expect(JSON.stringify(reporterSettings(o))).not.toContain(PASSWORD);
  }
  const urlTarget = url.target.kind === 'url' ? url.target : undefined;
  const labTarget = inLab.target.kind === 'lab' ? inLab.target : undefined;
  if (!urlTarget || !labTarget) throw new Error(`targets ${url.target.kind} and ${inLab.target.kind}, expected url and lab`);
  expect(urlCamera(urlTarget, env)).toEqual({ url: 'http://10.0.0.5', user: 'operator', password: PASSWORD });
  expect(refusal(() => urlCamera(urlTarget, {})).message).toBe('CAMERA_URL is set but CAMERA_PASSWORD is not');
  const { camera } = labCamera(labTarget, env);
  expect([camera.name, camera.user, camera.password]).toEqual(['lobby', 'admin', `${PASSWORD}-lab`]);
  expect(JSON.stringify(camera)).not.toContain(PASSWORD);
  expect(scanSecrets(env)).toEqual([`${PASSWORD}-scan`, 'other-secret']);
});

test('a child process gets this environment plus its own variables, less those dropped', () => {
  const env = childEnvironment({ HIL_RUN_FILE: '/tmp/run.json' }, (name) => name === 'PATH');
  expect(env.HIL_RUN_FILE).toBe('/tmp/run.json');
  expect(env.PATH).toBeUndefined();
  expect(Object.keys(env).length).toBeGreaterThan(1);
});
