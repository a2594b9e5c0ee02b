import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRunOptions } from '../../../fixtures/options.ts';
import { loadLab, selectCamera } from '../../../rigs/lab/inventory.ts';
import { DEFAULT_WIRING } from '../../../rigs/wiring.ts';
import { labFile as writeLab, problems as inventoryProblems } from './helpers/inventory-files.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let dir: string;
test.beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lab-test-')); });
test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const labFile = (content: unknown) => writeLab(dir, content);
const problems = (content: unknown) => inventoryProblems(dir, content);
const cam = (extra: Record<string, unknown> = {}) => ({ name: 'c1', url: 'http://10.0.0.9', userEnv: 'C1_USER', passwordEnv: 'C1_PASSWORD', ...extra });

test('the example inventory loads, with the default wiring of docs/virtual-camera.md where it says nothing', () => {
  const lab = loadLab(path.join(ROOT, 'lab.example.json'));
  expect(lab.cameras.map((c) => c.name)).toEqual(['lobby', 'bench-ptz', 'virtual']);
  const lobby = lab.cameras[0];
  expect(lobby.wiring).toEqual({ inputs: { 1: 0 }, lamp: 1, outputs: { 1: 0 } });
  expect(lobby.relay).toEqual({ driver: 'numato', path: expect.stringContaining('/dev/serial/by-id/'), channels: 8 });
  expect([lobby.speakerHearsMicrophone, lobby.destructiveAllowed, lobby.secondSourceAddress]).toEqual([true, false, '192.168.10.5']);
  const ptz = lab.cameras[1];
  expect(ptz.wiring).toEqual({ inputs: { 1: 0, 2: 2 }, lamp: 1, outputs: {} });
  expect(lab.cameras[2].relay).toEqual({ driver: 'virtual', path: undefined, channels: undefined });
  expect(DEFAULT_WIRING).toEqual({ inputs: { 1: 0 }, lamp: 1, outputs: { 1: 0 } });
});

test('boards without sense lines get no default output wiring; a partial wiring keeps the other defaults', () => {
  const lab = loadLab(labFile({ cameras: [
    cam({ relay: { driver: 'lcus', path: '/dev/ttyUSB0', channels: 2 } }),
    cam({ name: 'c2', relay: { driver: 'numato', path: '/dev/ttyACM0' }, wiring: { lamp: null } }),
  ] }));
  expect(lab.cameras[0].wiring).toEqual({ inputs: { 1: 0 }, lamp: 1, outputs: {} });
  expect(lab.cameras[1].wiring).toEqual({ inputs: { 1: 0 }, lamp: null, outputs: { 1: 0 } });
  expect(lab.cameras[1].destructiveAllowed).toBe(false); // off unless the file says so
});

test('selectCamera reads the credentials from the named variables, and never shows the password', () => {
  const lab = loadLab(labFile({ cameras: [cam(), cam({ name: 'c2' })] }));
  const env = { C1_USER: 'operator', C1_PASSWORD: 'hunter2-secret' };
  const c = selectCamera(lab, 'c1', env);
  expect([c.user, c.password, c.url]).toEqual(['operator', 'hunter2-secret', 'http://10.0.0.9']);
  expect(JSON.stringify(c)).not.toContain('hunter2-secret');
  expect(Object.keys(c)).not.toContain('password');
  expect(() => selectCamera(lab, 'c1', { C1_USER: 'operator' })).toThrow('camera "c1": environment variable C1_PASSWORD (its password) is not set');
  expect(() => selectCamera(lab, 'c1', { C1_USER: 'operator', C1_PASSWORD: '' })).toThrow('camera "c1": environment variable C1_PASSWORD (its password) is not set');
  expect(() => selectCamera(lab, 'c1', {})).toThrow('camera "c1": environment variable C1_USER (its user name) is not set');
  expect(() => selectCamera(lab, 'garage', env)).toThrow(`no camera "garage" in ${lab.file}; known cameras: c1, c2`);
});

test('unreadable files say what is wrong', () => {
  expect(() => loadLab(path.join(dir, 'nope.json'))).toThrow(`lab inventory ${path.join(dir, 'nope.json')} not found (set LAB_FILE, or copy lab.example.json to lab.json)`);
  expect(() => loadLab(labFile('{ "cameras": [ '))).toThrow(/is not valid JSON/);
  expect(problems({ hosts: [] })).toEqual(['top level: must be an object with a "cameras" array']);
});

test('every problem is listed, each at its place in the file', () => {
  expect(problems({ cameras: [
    cam({ name: 'bad name!', password: 'x', relay: { driver: 'usbrelay', path: '/dev/x' } }),
    cam({ url: 'ftp://cam', userEnv: 'has space', secondSourceAddress: 'not-an-ip', destructiveAllowed: 'yes' }),
    cam({ name: 'c3', relay: { driver: 'kmtronic' }, wiring: { inputs: { 0: 1 }, lamp: -1, outputs: { 1: 0 } } }),
    cam({ name: 'c3', relay: { driver: 'numato', path: '/dev/ttyACM0', channels: 4 }, wiring: { inputs: { 1: 4 }, lamp: 'one' } }),
  ] })).toEqual([
    'cameras[0].password: unknown key (allowed: name, url, userEnv, passwordEnv, model, relay, wiring, speakerHearsMicrophone, secondSourceAddress, destructiveAllowed, station, notes)',
    'cameras[0].name: must be a name of letters, digits, ".", "_" or "-"',
    'cameras[0].relay.driver: must be one of numato, lcus, kmtronic, virtual',
    'cameras[1].url: must be http:// or https://, got ftp:',
    'cameras[1].userEnv: must be an environment variable NAME (the value stays out of this file)',
    'cameras[1].destructiveAllowed: must be a boolean',
    'cameras[1].secondSourceAddress: must be an IP address',
    'cameras[2].relay.path: missing (only the virtual board can do without)',
    'cameras[2].wiring.inputs: key "0" must be a camera port number from 1',
    'cameras[2].wiring.lamp: must be a 0-based number',
    'cameras[2].wiring.outputs: kmtronic boards have no sense inputs',
    'cameras[3].wiring.inputs.1: must be a 0-based number below 4',
    'cameras[3].wiring.lamp: must be a 0-based number below 4',
    'camera "c3" is listed twice',
  ]);
});

test('a relay channel wired to two things is refused', () => {
  expect(problems({ cameras: [cam({ wiring: { inputs: { 1: 1 } } })] })).toEqual(['cameras[0].wiring: relay channel 1 is wired to two things']);
});

test('credentials in the URL are refused without being echoed', () => {
  let message = '';
  try {
    loadLab(labFile({ cameras: [cam({ url: 'http://root:topsecret@10.0.0.9' })] }));
  } catch (err) {
    message = (err as Error).message;
  }
  expect(message).toContain('cameras[0].url: must not contain credentials; name their environment variables in userEnv/passwordEnv');
  expect(message).not.toContain('topsecret');
});

test('default path: LAB_FILE, else lab.json in the repository root', () => {
  expect(readRunOptions({}).labFile).toBe(path.join(ROOT, 'lab.json'));
  const file = labFile({ cameras: [cam()] });
  const options = readRunOptions({ LAB_FILE: file, CAMERA: 'c1' });
  expect(options.labFile).toBe(file);
  expect(options.target).toEqual({ kind: 'lab', name: 'c1', labFile: file });
  expect(loadLab(options.labFile).cameras[0].name).toBe('c1');
});
