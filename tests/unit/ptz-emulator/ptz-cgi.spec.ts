// ptz.cgi and configptz.cgi of the virtual camera over HTTP: what NVR software sends is
// accepted, answers have the documented format, bad or conflicting requests are refused
// with `# Error:` and move nothing, presets survive backup (they are parameters).
import { expect, test } from '@playwright/test';
import type { VirtualCamera } from '../../../rigs/virtual-camera/index.ts';
import { get, lines, settled, startCamera } from './http.ts';

let cam: VirtualCamera;
test.beforeAll(async () => (cam = await startCamera()));
test.afterAll(async () => cam.stop());
test.beforeEach(async () => {
  // Factory PTZ state for each test: presets and limits from the catalog, head at home.
  cam.state.params.resetToFactory();
  cam.state.events.emit('factory', false);
});

test('queries answer name=value lines: position, limits, speed, presets', async () => {
  const pos = await get(cam, '/ptz.cgi?query=position');
  expect(pos).toMatchObject({ status: 200, text: 'pan=0\r\ntilt=0\r\nzoom=1\r\n' });
  expect(pos.type).toBe('text/plain');
  expect((await get(cam, '/ptz.cgi?query=limits')).text).toBe('MinPan=-170\r\nMaxPan=170\r\nMinTilt=-90\r\nMaxTilt=10\r\nMinZoom=1\r\nMaxZoom=9999\r\n');
  expect((await get(cam, '/ptz.cgi?query=speed&camera=1')).text).toBe('speed=50\r\n');
  expect((await get(cam, '/ptz.cgi?query=presetposall')).text).toBe('presetposno1=Home\r\n');
});

test('what NVR software sends is accepted and answered OK', async () => {
  for (const q of ['move=left', 'rzoom=10', 'gotoserverpresetno=0', 'gotoserverpresetname=Home', 'camera=1&move=stop', 'speed=80', 'continuouspantiltmove=0,0', 'continuouszoommove=0'])
    expect(await get(cam, `/ptz.cgi?${q}`), q).toMatchObject({ status: 200, text: 'OK\r\n' });
});

test('absolute, relative and step moves arrive where asked; a move takes time', async () => {
  expect((await get(cam, '/ptz.cgi?pan=30&tilt=-10.5&zoom=2000&speed=40')).text).toBe('OK\r\n');
  const midway = lines((await get(cam, '/ptz.cgi?query=position')).text);
  expect(Number(midway.pan)).toBeLessThan(30); // 30 degrees at 48 deg/s take 0.6 s
  expect(await settled(cam)).toEqual({ pan: '30', tilt: '-10.5', zoom: '2000' });
  await get(cam, '/ptz.cgi?rpan=-5&rtilt=2.5&rzoom=-1000&speed=100');
  expect(await settled(cam)).toEqual({ pan: '25', tilt: '-8', zoom: '1000' });
  // move=right steps a quarter of the field of view: 60 / 10^(999/9998) / 4 degrees.
  await get(cam, '/ptz.cgi?move=right');
  const step = 60 / 10 ** (999 / 9998) / 4;
  expect(Number((await settled(cam)).pan)).toBeCloseTo(25 + step, 1);
  await get(cam, '/ptz.cgi?move=downleft');
  expect(await settled(cam)).toMatchObject({ pan: '25', tilt: String(Number((-8 - step).toFixed(2))) });
  await get(cam, '/ptz.cgi?move=home');
  expect(await settled(cam)).toEqual({ pan: '0', tilt: '0', zoom: '1' });
});

test('out-of-limit targets are clamped and the position shows it', async () => {
  await get(cam, '/ptz.cgi?pan=175&tilt=45&speed=100');
  expect(await settled(cam)).toEqual({ pan: '170', tilt: '10', zoom: '1' });
  await get(cam, '/ptz.cgi?rpan=-400');
  expect((await get(cam, '/ptz.cgi?rpan=-360')).status).toBe(200);
  expect(await settled(cam)).toMatchObject({ pan: '-170' });
});

test('continuous moves run until stop', async () => {
  await get(cam, '/ptz.cgi?continuouspantiltmove=20,0');
  await new Promise((r) => setTimeout(r, 300));
  expect((await get(cam, '/ptz.cgi?move=stop')).text).toBe('OK\r\n');
  const p = await settled(cam);
  expect(Number(p.pan)).toBeGreaterThan(3); // 24 deg/s for >= 0.3 s
  expect(Number(p.pan)).toBeLessThan(170);
  expect(p.tilt).toBe('0');
});

test('bad and conflicting requests are refused with # Error and move nothing', async () => {
  await get(cam, '/ptz.cgi?pan=10&speed=100');
  const before = await settled(cam);
  const cases: [string, RegExp][] = [
    ['pan=10&continuouspantiltmove=1,1', /pan and continuouspantiltmove cannot be combined/],
    ['pan=1&rpan=2', /pan and rpan cannot be combined/],
    ['pan=200', /pan: 200 is out of range -180\.\.180/],
    ['pan=ten', /pan: "ten" is not a number/],
    ['zoom=0', /zoom: 0 is out of range 1\.\.9999/],
    ['zoom=10.5', /zoom: "10\.5" is not an integer/],
    ['speed=0&pan=20', /speed: 0 is out of range 1\.\.100/],
    ['continuouspantiltmove=101,0', /out of range -100\.\.100/],
    ['continuouspantiltmove=5', /is not x,y/],
    ['move=sideways', /move: "sideways" is not one of home, up/],
    ['query=everything', /query: "everything" is not one of position/],
    ['query=position&move=left', /query and move cannot be combined/],
    ['camera=2&move=left', /camera=2: this camera has one video source/],
    ['gotoserverpresetname=Nowhere', /no preset named Nowhere/],
    ['gotoserverpresetno=9&speed=1', /no preset number 9/],
    ['gotoserverpresetno=1&gotoserverpresetname=Home', /cannot be combined/],
    ['pan=20&pan=30', /pan given 2 times/],
    ['tilt=5&bogus=1', /unknown parameter bogus/],
    ['', /ptz\.cgi needs a command/],
  ];
  for (const [q, msg] of cases) {
    const r = await get(cam, `/ptz.cgi?${q}`);
    expect(r.status, q).toBe(400);
    expect(r.text, q).toMatch(/^# Error: /);
    expect(r.text, q).toMatch(msg);
  }
  expect(await settled(cam)).toEqual(before);
  expect((await get(cam, '/ptz.cgi?query=speed')).text).toBe('speed=100\r\n'); // speed=0 / speed=1 requests did not stick
});

test('presets by name and number: store here, go there, list, remove; home=yes makes home', async () => {
  await get(cam, '/ptz.cgi?pan=20&tilt=-5&speed=100');
  await settled(cam);
  expect((await get(cam, '/configptz.cgi?setserverpresetname=Door')).text).toBe('OK\r\n');
  await get(cam, '/ptz.cgi?pan=-40&zoom=3000');
  await settled(cam);
  expect((await get(cam, '/configptz.cgi?setserverpresetname=Gate&setserverpresetno=7&home=yes')).text).toBe('OK\r\n');
  await get(cam, '/ptz.cgi?pan=0&tilt=0&zoom=1');
  await settled(cam);
  expect((await get(cam, '/configptz.cgi?setserverpresetno=3')).text).toBe('OK\r\n');
  expect((await get(cam, '/ptz.cgi?query=presetposall')).text).toBe('presetposno1=Home\r\npresetposno2=Door\r\npresetposno3=Preset3\r\npresetposno7=Gate\r\n');

  await get(cam, '/ptz.cgi?gotoserverpresetname=Door');
  expect(await settled(cam)).toEqual({ pan: '20', tilt: '-5', zoom: '1' });
  await get(cam, '/ptz.cgi?move=home'); // Gate is home now
  expect(await settled(cam)).toEqual({ pan: '-40', tilt: '-5', zoom: '3000' });
  await get(cam, '/ptz.cgi?gotoserverpresetno=2');
  expect(await settled(cam)).toEqual({ pan: '20', tilt: '-5', zoom: '1' });
  await get(cam, '/ptz.cgi?gotoserverpresetno=0'); // NVR "home"
  expect(await settled(cam)).toMatchObject({ pan: '-40' });

  expect((await get(cam, '/configptz.cgi?removeserverpresetname=Gate')).text).toBe('OK\r\n');
  expect(cam.state.params.get('PTZ.Preset.P0.HomePosition')).toBe('0');
  await get(cam, '/ptz.cgi?move=home'); // no home preset: pan 0, tilt 0, widest
  expect(await settled(cam)).toEqual({ pan: '0', tilt: '0', zoom: '1' });
  expect((await get(cam, '/configptz.cgi?removeserverpresetno=3')).text).toBe('OK\r\n');
  expect((await get(cam, '/ptz.cgi?query=presetposall')).text).toBe('presetposno1=Home\r\npresetposno2=Door\r\n');
});

test('home=yes alone stores here as home; home=no returns to pan 0, tilt 0', async () => {
  await get(cam, '/ptz.cgi?pan=15&speed=100');
  await settled(cam);
  await get(cam, '/configptz.cgi?home=yes');
  expect(cam.state.params.get('PTZ.Preset.P0.Position.P1.Data')).toBe('pan=15:tilt=0:zoom=1');
  await get(cam, '/ptz.cgi?pan=-15');
  await settled(cam);
  await get(cam, '/ptz.cgi?move=home');
  expect(await settled(cam)).toMatchObject({ pan: '15' });
  await get(cam, '/configptz.cgi?home=no');
  await get(cam, '/ptz.cgi?move=home');
  expect(await settled(cam)).toMatchObject({ pan: '0' });
});

test('configptz.cgi refuses bad requests and changes nothing', async () => {
  const before = cam.state.params.snapshot();
  const cases: [string, RegExp][] = [
    ['setserverpresetname=a%3Db', /may hold printable ASCII except "="/],
    [`setserverpresetname=${'x'.repeat(32)}`, /at most 31 allowed/],
    ['setserverpresetname=', /preset name is empty/],
    ['setserverpresetno=17', /out of range 1\.\.16/],
    ['setserverpresetname=Home&setserverpresetno=4', /already used by preset 1/],
    ['removeserverpresetname=Nope', /no preset named Nope/],
    ['removeserverpresetno=5', /no preset number 5/],
    ['removeserverpresetname=Home&home=yes', /cannot be combined/],
    ['home=maybe', /home: "maybe" is not yes or no/],
    ['camera=3&home=yes', /camera=3/],
    ['presetname=x', /unknown parameter presetname/],
    ['', /configptz\.cgi needs one of/],
  ];
  for (const [q, msg] of cases) {
    const r = await get(cam, `/configptz.cgi?${q}`);
    expect(r.status, q).toBe(400);
    expect(r.text, q).toMatch(msg);
  }
  expect(cam.state.params.snapshot()).toEqual(before);
  for (let n = 2; n <= 16; n++) expect((await get(cam, `/configptz.cgi?setserverpresetname=P${n}`)).status).toBe(200);
  expect((await get(cam, '/configptz.cgi?setserverpresetname=Seventeen')).text).toMatch(/all 16 preset positions are in use/);
});

test('presets are parameters: a backup snapshot restores them, factory default resets them', async () => {
  await get(cam, '/ptz.cgi?tilt=-30&speed=100');
  await settled(cam);
  await get(cam, '/configptz.cgi?setserverpresetname=Yard');
  const snap = cam.state.params.snapshot();
  cam.state.params.resetToFactory();
  expect((await get(cam, '/ptz.cgi?gotoserverpresetname=Yard')).text).toMatch(/no preset named Yard/);
  cam.state.params.applySnapshot(snap);
  await get(cam, '/ptz.cgi?gotoserverpresetname=Yard');
  expect(await settled(cam)).toEqual({ pan: '0', tilt: '-30', zoom: '1' });
});

test('roles: a viewer may not move or configure; a locked head refuses moves but answers queries', async () => {
  cam.state.users.add('watcher', 'secret1', new Set(['viewer']));
  try {
    expect((await get(cam, '/ptz.cgi?move=left', 'watcher', 'secret1')).status).toBe(403);
    expect((await get(cam, '/configptz.cgi?home=yes', 'watcher', 'secret1')).status).toBe(403);
  } finally {
    cam.state.users.remove('watcher');
  }
  cam.state.params.update([['PTZ.Various.V1.Locked', 'yes']]);
  expect((await get(cam, '/ptz.cgi?move=left')).text).toMatch(/PTZ is locked/);
  expect((await get(cam, '/ptz.cgi?query=position')).status).toBe(200);
});

test('a fixed camera answers 404 with the reason on both CGIs', async () => {
  const fixed = await startCamera('IPC-2100');
  try {
    for (const path of ['/ptz.cgi?query=position', '/configptz.cgi?home=yes']) {
      const r = await get(fixed, path);
      expect(r.status).toBe(404);
      expect(r.text).toMatch(/^# Error: this camera has no PTZ/);
    }
  } finally {
    await fixed.stop();
  }
});
