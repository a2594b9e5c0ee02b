import type { ServerResponse } from 'node:http';
import { test, expect } from '@playwright/test';
import { CameraReplyError } from '../../../lib/camera/errors.ts';
import { Camera } from '../../../lib/camera/index.ts';
import { Transcript } from '../../../lib/camera/transcript.ts';
import { startServer, type Seen, type TestServer } from './test-server.ts';

type Route = (q: URLSearchParams, res: ServerResponse, body: Buffer) => void;

let server: TestServer;
let camera: Camera;
let routes: Record<string, Route>;

function text(res: ServerResponse, body: string, status = 200): void {
  res.writeHead(status, { 'Content-Type': 'text/plain' });
  res.end(body);
}

test.beforeEach(async () => {
  routes = {};
  server = await startServer((req, res, body) => {
    const url = new URL(req.url!, 'http://x');
    const route = routes[url.pathname];
    if (!route) return text(res, '# Error: no route\r\n', 404);
    route(url.searchParams, res, body);
  });
  camera = new Camera({ url: server.url, transcript: new Transcript() });
});
test.afterEach(async () => {
  await camera.close();
  await server.close();
});

const last = (): Seen => server.seen[server.seen.length - 1];
const lastQuery = () => last().url.slice(last().url.indexOf('?') + 1);

test('config: list with groups, update, add answers the entry, remove; errors carry the camera text', async () => {
  routes['/config.cgi'] = (q, res) => {
    const action = q.get('action');
    if (action === 'list') return text(res, q.get('group') === 'Nope' ? '# Error: Unknown group Nope\r\n' : 'Brand.Brand=Acme\r\nImage.I0.Text.String=a = b\r\n');
    if (action === 'add') return text(res, 'M0 OK\r\n');
    if (q.has('Bad.Param')) return text(res, '# Error: Bad.Param is not a parameter\r\n');
    text(res, 'OK\r\n');
  };
  expect([...(await camera.config.list(['Brand', 'Image.I0.Text']))]).toEqual([
    ['Brand.Brand', 'Acme'],
    ['Image.I0.Text.String', 'a = b'],
  ]);
  expect(lastQuery()).toBe('action=list&group=Brand,Image.I0.Text');
  await camera.config.update({ 'Image.I0.Text.String': 'Gate 1', 'Image.I0.Text.TextEnabled': true });
  expect(lastQuery()).toBe('action=update&Image.I0.Text.String=Gate%201&Image.I0.Text.TextEnabled=yes');
  expect(await camera.config.add('Motion', 'motion', { 'Motion.M.Name': 'Door' })).toBe('M0');
  expect(lastQuery()).toBe('action=add&group=Motion&template=motion&Motion.M.Name=Door');
  await camera.config.remove(['Motion.M3', 'Motion.M5']);
  expect(lastQuery()).toBe('action=remove&group=Motion.M3,Motion.M5');

  const err = await camera.config.update({ 'Bad.Param': 1 }).catch((e) => e);
  expect(err).toBeInstanceOf(CameraReplyError);
  expect(err.cameraError).toBe('Bad.Param is not a parameter');
  expect(err.message).toBe('GET /config.cgi?action=update&Bad.Param=1 (HTTP 200): camera reported an error: Bad.Param is not a parameter');
  await expect(camera.config.list(['Nope'])).rejects.toThrow('camera reported an error: Unknown group Nope');
  // get() read nothing when the camera answered an error: that throws (lookup() says "refused").
  await expect(camera.config.get('Nope')).rejects.toThrow('camera answered an error instead of listing Nope: Unknown group Nope');
  expect(await camera.config.lookup('Nope')).toEqual({ status: 'refused', cameraError: 'Unknown group Nope', httpStatus: 200 });
  routes['/config.cgi'] = (q, res) =>
    q.get('group') === 'Locked' ? text(res, '# Error: admin only\r\n', 403) : text(res, '# Error: unknown parameter X\r\n', 400);
  await expect(camera.config.get('X')).rejects.toThrow(CameraReplyError);
  expect(await camera.config.lookup('X')).toEqual({ status: 'refused', cameraError: 'unknown parameter X', httpStatus: 400 });
  await expect(camera.config.get('Locked')).rejects.toThrow('GET /config.cgi?action=list&group=Locked failed: HTTP 403 (# Error: admin only)');
  await expect(camera.config.update({})).rejects.toThrow('no parameters given');
  await expect(camera.config.list(['a,b'])).rejects.toThrow('bad group name');
  routes['/config.cgi'] = (_q, res) => text(res, 'Done\r\n');
  // §1.1.3 shows no answer to an update: any 2xx without `# Error:` is success. §1.1.6 shows
  // the answers to add and remove: those are exact.
  await camera.config.update({ A: 1 });
  await expect(camera.config.add('Motion', 'motion')).rejects.toThrow('expected "<entry> OK", got "Done"');
  await expect(camera.config.remove(['Motion.M0'])).rejects.toThrow('expected "OK", got "Done"');
});

test('users: sgrp from the role, the password never shows', async () => {
  routes['/usrgrp.cgi'] = (q, res) => {
    if (q.get('action') === 'get') return text(res, 'root=admin:operator:viewer:ptz\r\nbob=viewer\r\n');
    if (q.get('user') === 'mallory') return text(res, `# Error: password ${q.get('pwd')} too weak\r\n`);
    text(res, 'OK\r\n');
  };
  await camera.users.add('bob', 'b0b&pw', { role: 'operator', ptz: true });
  expect(lastQuery()).toBe('action=add&user=bob&pwd=b0b%26pw&grp=users&sgrp=viewer:operator:ptz');
  await camera.users.update('bob', { password: 'n3w' });
  expect(lastQuery()).toBe('action=update&user=bob&pwd=n3w');
  await camera.users.remove('bob');
  expect((await camera.users.find('root'))?.role).toBe('admin');
  const err = await camera.users.add('mallory', 'weakling', { role: 'viewer' }).catch((e) => e);
  expect(err.message).toContain('camera reported an error: password <redacted> too weak');
  const transcript = camera.client.transcript!.toText();
  for (const pw of ['b0b&pw', 'b0b%26pw', 'n3w', 'weakling']) expect(transcript).not.toContain(pw);
  await expect(camera.users.add('a b', 'x', { role: 'viewer' })).rejects.toThrow(/user name/);
});

test('system: backup headers checked, restore and upgrade as multipart field "file", log lines', async () => {
  let disposition = 'attachment; filename=backup.bin';
  routes['/backup.cgi'] = (_q, res) => {
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Disposition': disposition });
    res.end(Buffer.from([1, 2, 3]));
  };
  routes['/restore.cgi'] = (_q, res) => text(res, 'OK\r\n');
  routes['/firmwareupgrade.cgi'] = (_q, res, body) => text(res, body.includes('BADIMAGE') ? '# Error: checksum mismatch\r\n' : 'OK\r\n');
  routes['/systemlog.cgi'] = (_q, res) => text(res, 'boot\r\nrestore ok\r\n\r\n');
  const backup = await camera.system.backup();
  expect([...backup]).toEqual([1, 2, 3]);
  disposition = 'attachment; filename=config.tar';
  await expect(camera.system.backup()).rejects.toThrow(/does not name backup\.bin/);

  await camera.system.restore(backup);
  const type = String(last().headers['content-type']);
  const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(type)![1];
  expect(last().method).toBe('POST');
  expect(last().body.toString('latin1')).toBe(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="backup.bin"\r\nContent-Type: application/octet-stream\r\n\r\n\x01\x02\x03\r\n--${boundary}--\r\n`,
  );
  await camera.system.restore(backup, { encoding: 'raw' });
  expect(last().headers['content-type']).toBe('application/octet-stream');
  expect([...last().body]).toEqual([1, 2, 3]);

  await camera.system.firmwareUpgrade(Buffer.from('GOODIMAGE'), { filename: 'fw.bin' });
  expect(last().body.toString()).toContain('name="file"; filename="fw.bin"');
  await expect(camera.system.firmwareUpgrade(Buffer.from('BADIMAGE'))).rejects.toThrow('camera reported an error: checksum mismatch');
  await expect(camera.system.restore(Buffer.alloc(0))).rejects.toThrow('the backup is empty');
  expect(await camera.system.systemLog()).toEqual(['boot', 'restore ok']);
});

test('time and OSD', async () => {
  routes['/time.cgi'] = (q, res) => text(res, q.get('action') === 'get' ? 'Oct 03, 2008 15:16:04\r\n' : 'OK\r\n');
  routes['/setosd.cgi'] = (_q, res) => text(res, 'OK\r\n');
  routes['/config.cgi'] = (q, res) =>
    text(res, q.get('action') === 'list' ? 'Image.I0.Text.String=Gate\r\nImage.I0.Text.TextEnabled=no\r\n' : 'OK\r\n');
  expect((await camera.time.get()).toISOString()).toBe('2008-10-03T15:16:04.000Z');
  await camera.time.set(new Date(Date.UTC(2024, 1, 29, 23, 59, 58)));
  expect(lastQuery()).toBe('action=set&year=2024&month=2&day=29&hour=23&minute=59&second=58');
  await camera.osd.setText('Gate #1 & co');
  expect(lastQuery()).toBe('text=Gate%20%231%20%26%20co');
  await camera.osd.setEnabled(true);
  expect(lastQuery()).toBe('action=update&Image.I0.Text.TextEnabled=yes');
  expect(await camera.osd.get()).toEqual({ text: 'Gate', enabled: false });
});

test('video: snapshot checks its type, mjpeg stays open, resolution and status', async () => {
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xd9]);
  routes['/image.cgi'] = (q, res) => {
    if (q.get('resolution') === '1x1') return text(res, '# Error: bad resolution\r\n');
    res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': String(jpeg.length) });
    res.end(jpeg);
  };
  routes['/video.cgi'] = (q, res) => {
    if (q.get('fps') === '2') return text(res, 'not a stream');
    res.writeHead(200, { 'Content-Type': 'multipart/x-mixed-replace;boundary=myboundary' });
    res.write(`--myboundary\r\nContent-Type: image/jpeg\r\nContent-Length: ${jpeg.length}\r\n\r\n`);
    res.write(jpeg);
  };
  routes['/resolution.cgi'] = (_q, res) => text(res, 'OK\r\n');
  routes['/videostatus.cgi'] = (_q, res) => text(res, 'Video 1 = video\r\nVideo 2 = no video\r\n');
  const snap = await camera.video.snapshot({ resolution: '640x480', compression: 30, clock: true, date: false, text: true, textstring: 'Hi there' });
  expect(lastQuery()).toBe('resolution=640x480&compression=30&clock=1&date=0&text=1&textstring=Hi%20there');
  expect(snap.jpeg.equals(jpeg)).toBe(true);
  expect(snap.latencyMs).toBeGreaterThanOrEqual(0);
  await expect(camera.video.snapshot({ resolution: '1x1' })).rejects.toThrow('expected image/jpeg, got "text/plain": # Error: bad resolution');
  await expect(camera.video.snapshot({ compression: 101 })).rejects.toThrow('compression must be an integer 0..100');

  const stream = await camera.video.mjpeg({ fps: 5, nbrofframes: 10 });
  expect(lastQuery()).toBe('fps=5&nbrofframes=10');
  const first = await new Promise<Buffer>((r) => stream.body.once('data', r));
  expect(first.toString('latin1')).toContain('--myboundary');
  stream.close();
  await expect(camera.video.mjpeg({ fps: 2 })).rejects.toThrow('expected multipart/x-mixed-replace, got "text/plain"');

  await camera.video.setResolution('1280x720');
  expect(lastQuery()).toBe('resolution=1280x720');
  await expect(camera.video.setResolution('1280*720')).rejects.toThrow('resolution must be WxH');
  expect(await camera.video.videoStatus([1, 2])).toEqual([
    { camera: 1, hasVideo: true },
    { camera: 2, hasVideo: false },
  ]);
  expect(lastQuery()).toBe('status=1,2');
});

test('PTZ: commands build the VAPIX queries, queries are parsed', async () => {
  routes['/ptz.cgi'] = (q, res) => {
    const query = q.get('query');
    if (query === 'position') return text(res, 'pan=10.5\r\ntilt=-5\r\nzoom=100\r\n');
    if (query === 'presetposall') return text(res, 'presetposno1=Home\r\npresetposno4=Door\r\n');
    if (q.get('gotoserverpresetname') === 'Nowhere') return text(res, '# Error: no such preset\r\n');
    res.writeHead(204);
    res.end();
  };
  routes['/configptz.cgi'] = (_q, res) => text(res, 'OK\r\n');
  await camera.ptz.absolute({ pan: 10.5, tilt: -5, zoom: 100, speed: 50 });
  expect(lastQuery()).toBe('pan=10.5&tilt=-5&zoom=100&speed=50');
  await camera.ptz.relative({ pan: -2 });
  expect(lastQuery()).toBe('rpan=-2');
  await camera.ptz.continuous({ pan: 30 });
  expect(lastQuery()).toBe('continuouspantiltmove=30,0');
  await camera.ptz.move('upleft');
  expect(lastQuery()).toBe('move=upleft');
  await camera.ptz.gotoPreset(4);
  expect(lastQuery()).toBe('gotoserverpresetno=4');
  await camera.ptz.setPreset('Door', { number: 4, home: false });
  expect(last().url).toBe('/configptz.cgi?setserverpresetname=Door&setserverpresetno=4&home=no');
  await camera.ptz.removePreset('Door');
  expect(last().url).toBe('/configptz.cgi?removeserverpresetname=Door');
  expect(await camera.ptz.position()).toMatchObject({ pan: 10.5, tilt: -5, zoom: 100 });
  expect(await camera.ptz.presets()).toEqual([
    { number: 1, name: 'Home' },
    { number: 4, name: 'Door' },
  ]);
  await expect(camera.ptz.gotoPreset('Nowhere')).rejects.toThrow('camera reported an error: no such preset');
  await expect(camera.ptz.absolute({ zoom: 0 })).rejects.toThrow('zoom must be an integer in 1..9999');
  await expect(camera.ptz.absolute({})).rejects.toThrow('give pan, tilt or zoom');
});

test('motion windows through config, level stream raw', async () => {
  routes['/config.cgi'] = (q, res) => {
    if (q.get('action') === 'add') return text(res, 'M2 OK\r\n');
    if (q.get('action') === 'list') return text(res, 'Motion.M2.Name=Door\r\nMotion.M2.Top=500\r\nMotion.M2.Sensitivity=80\r\n');
    text(res, 'OK\r\n');
  };
  routes['/motion.cgi'] = (_q, res) => {
    res.writeHead(200, { 'Content-Type': 'multipart/x-mixed-replace;boundary=mdb' });
    res.write('--mdb\r\nContent-Type: text/plain\r\n\r\ngroup=2;level=7;threshold=20;\r\n');
  };
  expect(await camera.motion.addWindow({ name: 'Door', top: 500, bottom: 7000, left: 5000, right: 8500 })).toBe('M2');
  expect(lastQuery()).toBe('action=add&group=Motion&template=motion&Motion.M.Name=Door&Motion.M.Top=500&Motion.M.Bottom=7000&Motion.M.Left=5000&Motion.M.Right=8500');
  await camera.motion.updateWindow('M2', { top: 1500, bottom: 8000 });
  expect(lastQuery()).toBe('action=update&Motion.M2.Top=1500&Motion.M2.Bottom=8000');
  await camera.motion.removeWindows(['M3', 5]);
  expect(lastQuery()).toBe('action=remove&group=Motion.M3,Motion.M5');
  expect(await camera.motion.listWindows()).toEqual([
    expect.objectContaining({ id: 'M2', group: 2, name: 'Door', top: 500, sensitivity: 80 }),
  ]);
  await expect(camera.motion.addWindow({ top: 10000 })).rejects.toThrow('top must be an integer 0..9999');
  const s = await camera.motion.levels();
  const chunk = await new Promise<Buffer>((r) => s.body.once('data', r));
  s.close();
  expect(chunk.toString()).toContain('group=2;level=7;threshold=20;');
});

test('I/O, IP filter, storage', async () => {
  routes['/output.cgi'] = (_q, res) => text(res, 'OK\r\n');
  routes['/port.cgi'] = (_q, res) => text(res, 'OK\r\n');
  routes['/input.cgi'] = (_q, res) => text(res, 'IO1:/\r\n\r\nIO2:L\r\n');
  routes['/ipfilter.cgi'] = (q, res) =>
    text(res, q.get('action') === 'list' ? 'Accept addresses: 127.0.0.1 10.0.0.0/8\r\nEnabled: yes\r\n' : 'OK\r\n');
  routes['/list.cgi'] = (q, res) =>
    text(
      res,
      q.has('diskid')
        ? '<?xml version="1.0" ?>\n<root><disks numberofdisks="1"><disk diskid="SD_DISK" totalsize="100" freesize="40" status="OK" full="no"/></disks></root>'
        : '<root><recordings><recording recordingid="a.avi" diskid="SD_DISK"></recording></recordings></root>',
    );
  routes['/mount.cgi'] = (q, res) => text(res, q.get('action') === 'umount' ? '<root><error code="2" message="busy"/></root>' : '<root/>');
  routes['/remove.cgi'] = (_q, res) => text(res, 'OK\r\n');

  await camera.io.setOutput(1, true);
  expect(last().url).toBe('/output.cgi?action=1:/');
  await camera.io.pulse(1, 300, 'port');
  expect(last().url).toBe('/port.cgi?action=1:/300%5C');
  expect(new URL(last().url, 'http://x').searchParams.get('action')).toBe('1:/300\\');
  expect(await camera.io.checkInputs([1, 2])).toEqual([
    { port: 1, active: true, char: '/' },
    { port: 2, active: false, char: 'L' },
  ]);
  expect(lastQuery()).toBe('check=1,2');

  expect(await camera.ipfilter.list()).toEqual({ addresses: ['127.0.0.1', '10.0.0.0/8'], enabled: true });
  await camera.ipfilter.add('127.0.0.2');
  expect(lastQuery()).toBe('action=add&ip=127.0.0.2');
  await camera.ipfilter.update({ enabled: false });
  expect(lastQuery()).toBe('action=update&enabled=no');
  await expect(camera.ipfilter.add('300.1.1.1')).rejects.toThrow('not an IP address');

  expect(await camera.storage.disks()).toEqual([expect.objectContaining({ diskId: 'SD_DISK', totalSize: 100, freeSize: 40, full: false })]);
  expect(lastQuery()).toBe('diskid=all');
  expect((await camera.storage.recordings()).map((r) => r.recordingId)).toEqual(['a.avi']);
  await camera.storage.mount();
  expect(lastQuery()).toBe('diskid=SD_DISK&action=mount');
  await expect(camera.storage.umount()).rejects.toThrow('camera reported an error: code=2 message=busy');
  await camera.storage.remove('all');
  expect(lastQuery()).toBe('recordingid=all');
});

test('audio: capture by bytes or time, send with its type', async () => {
  routes['/fromserver.cgi'] = (_q, res) => {
    res.writeHead(200, { 'Content-Type': 'audio/basic' });
    const timer = setInterval(() => res.write(Buffer.alloc(80, 0x7f)), 10);
    res.on('close', () => clearInterval(timer));
  };
  routes['/toSERVER.cgi'] = (_q, res) => text(res, 'OK\r\n');
  const byBytes = await camera.audio.capture({ bytes: 200 });
  expect(byBytes).toMatchObject({ contentType: 'audio/basic', endedEarly: false });
  expect(byBytes.data.length).toBe(200);
  const byTime = await camera.audio.capture({ durationMs: 150 });
  expect(byTime.endedEarly).toBe(false);
  expect(byTime.data.length).toBeGreaterThan(0);
  await camera.audio.send(Buffer.alloc(160, 0xff), 'audio/G726-32');
  expect(last().headers['content-type']).toBe('audio/G726-32');
  expect(last().body.length).toBe(160);
  await expect(camera.audio.send(Buffer.alloc(1), 'text/plain')).rejects.toThrow('must be audio/');
});

test('capabilities are read once and kept', async () => {
  routes['/config.cgi'] = (_q, res) => text(res, 'Brand.ProdNbr=IPC-100\r\nProperties.PTZ.PTZ=yes\r\nInput.NbrOfInputs=1\r\n');
  const caps = await camera.capabilities();
  expect(caps).toMatchObject({ model: 'IPC-100', hasPtz: true, nbrInputs: 1 });
  expect(lastQuery()).toBe('action=list');
  await camera.capabilities();
  expect(server.seen).toHaveLength(1);
  await camera.capabilities(true);
  expect(server.seen).toHaveLength(2);
});
