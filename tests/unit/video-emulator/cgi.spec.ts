// The video chapter's CGIs of the virtual camera over HTTP: snapshots and MJPEG in the
// spec's formats, shared streams, clean ends, resolution.cgi, setosd.cgi, videostatus.cgi,
// roles, and refusals that name what was wrong and change nothing.
import { connect } from 'node:net';
import { expect, test } from '@playwright/test';
import { request } from 'undici';
import { decodeJpeg, inspectJpeg, parseFrameStamp } from '../../../lib/media/jpeg.ts';
import { startVirtualCamera, type VirtualCamera } from '../../../rigs/virtual-camera/index.ts';
import { videoSourceOf } from '../../../rigs/virtual-camera/video/source.ts';
import { MAX_STREAMS, streamHubOf } from '../../../rigs/virtual-camera/video/stream-hub.ts';
import { get, readStream } from './http.ts';

let cam: VirtualCamera;
test.beforeAll(async () => {
  cam = await startVirtualCamera({ rebootMs: 50 });
  cam.state.users.add('watcher', 'w-pass', new Set(['viewer']));
  cam.state.users.add('driver', 'd-pass', new Set(['operator']));
});
test.afterAll(async () => cam.stop());
test.afterEach(() => {
  cam.state.params.resetToFactory();
  cam.state.events.emit('factory', false);
  videoSourceOf(cam.state).set(true);
});

const seqOf = (body: Buffer) => parseFrameStamp(inspectJpeg(body).comments)?.seq;

test('image.jpg: image/jpeg, Content-Length is the image size, the body is exactly one JPEG', async () => {
  const r = await get(cam, '/image.jpg');
  expect(r.status).toBe(200);
  expect(r.headers['content-type']).toBe('image/jpeg');
  expect(Number(r.headers['content-length'])).toBe(r.body.length);
  expect(inspectJpeg(r.body).errors).toEqual([]); // no CRLF or anything else after EOI
  const d = decodeJpeg(r.body);
  expect(`${d.width}x${d.height}`).toBe(cam.state.params.get('Image.I0.Appearance.Resolution'));
});

test('image.cgi delivers every offered resolution', async () => {
  for (const res of cam.state.params.must('Properties.Image.Resolution').split(',')) {
    const s = inspectJpeg((await get(cam, `/image.cgi?resolution=${res}&camera=1`)).body);
    expect(s.errors).toEqual([]);
    expect(`${s.width}x${s.height}`).toBe(res);
  }
});

test('bad image.cgi requests are refused with a line naming the problem', async () => {
  const cases: [string, RegExp][] = [
    ['resolution=800x600', /^# Error: resolution: 800x600 is not a supported resolution \(supported: 1920x1080/],
    ['camera=2', /^# Error: camera 2 does not exist/],
    ['compression=101', /^# Error: compression: 101 is out of range 0..100/],
    ['clock=yes', /^# Error: clock: "yes" is not 0 or 1/],
    [`textstring=${'x'.repeat(65)}`, /^# Error: textstring: at most 64 printable ASCII/],
    ['fps=10', /^# Error: unknown parameter fps/],
    ['resolution=640x480&resolution=320x240', /^# Error: resolution given 2 times/],
  ];
  for (const [q, re] of cases) {
    const r = await get(cam, `/image.cgi?${q}`);
    expect(r.status, q).toBe(400);
    expect(r.text, q).toMatch(re);
  }
});

test('video.cgi?nbrofframes=3: three stamped parts in sequence, then the closing boundary', async () => {
  const s = await readStream(cam, '/video.cgi?nbrofframes=3&resolution=320x240&fps=30', { keepRaw: true });
  expect(s.status).toBe(200);
  expect(s.contentType).toBe('multipart/x-mixed-replace;boundary=myboundary');
  expect(s.parts).toHaveLength(3);
  for (const p of s.parts) {
    expect(p.headers['content-type']).toBe('image/jpeg');
    expect(Number(p.headers['content-length'])).toBe(p.body.length);
    expect(inspectJpeg(p.body).errors).toEqual([]);
  }
  const seqs = s.parts.map((p) => seqOf(p.body)!);
  // In sequence; a loaded machine may make the clock skip a tick, which shows as a gap.
  expect(seqs[1]).toBeGreaterThan(seqs[0]);
  expect(seqs[2]).toBeGreaterThan(seqs[1]);
  expect(s.raw!.subarray(0, 14).toString()).toBe('--myboundary\r\n');
  expect(s.raw!.subarray(-16).toString()).toBe('--myboundary--\r\n');
});

test('video.mjpg with duration ends by itself', async () => {
  const s = await readStream(cam, '/video.mjpg?duration=1&fps=10&resolution=320x240');
  // About ten frames; generous bounds: this checks that it ends, not the timing.
  expect(s.parts.length).toBeGreaterThanOrEqual(3);
  expect(s.parts.length).toBeLessThanOrEqual(11);
});

test('viewers with the same settings share one stream and get the same frames', async () => {
  const q = '/video.cgi?resolution=320x240&fps=20&compression=40';
  const [a, b] = await Promise.all([readStream(cam, q, { stopAfter: 12 }), readStream(cam, q, { stopAfter: 12 })]);
  const bodies = new Map(a.parts.map((p) => [seqOf(p.body), p.body]));
  const common = b.parts.filter((p) => bodies.has(seqOf(p.body)));
  expect(common.length).toBeGreaterThan(5);
  for (const p of common) expect(p.body.equals(bodies.get(seqOf(p.body))!)).toBe(true);
  // Once both have hung up the stream stops.
  await expect.poll(() => streamHubOf(cam.state).stats().length, { timeout: 5000 }).toBe(0);
});

test('a viewer that stops reading skips frames and does not hold up the others', async () => {
  const q = '/video.cgi?resolution=1920x1080&fps=15&compression=0';
  const stuck = connect(cam.port, '127.0.0.1');
  stuck.write(`GET ${q} HTTP/1.1\r\nHost: x\r\nAuthorization: Basic ${Buffer.from('root:pass').toString('base64')}\r\n\r\n`);
  stuck.pause(); // never reads: the kernel buffers fill, then the camera must skip
  try {
    await expect.poll(() => streamHubOf(cam.state).stats()[0]?.viewers, { timeout: 5000 }).toBe(1);
    const reader = await readStream(cam, q, { stopAfter: 45, timeoutMs: 20_000 });
    expect(reader.parts).toHaveLength(45);
    await expect.poll(() => streamHubOf(cam.state).stats()[0]?.viewerSkips ?? 0, { timeout: 15_000 }).toBeGreaterThan(0);
  } finally {
    stuck.destroy();
  }
  await expect.poll(() => streamHubOf(cam.state).stats().length, { timeout: 5000 }).toBe(0);
});

test('beyond MAX_STREAMS different streams the camera refuses (429), and serves again when they end', async () => {
  const auth = { authorization: `Basic ${Buffer.from('root:pass').toString('base64')}` };
  const open = await Promise.all(
    Array.from({ length: MAX_STREAMS }, (_, i) => request(`${cam.url}/video.cgi?resolution=320x240&fps=5&compression=${i}`, { headers: auth, headersTimeout: 10_000 })),
  );
  try {
    expect(open.every((r) => r.statusCode === 200)).toBe(true);
    const refused = await get(cam, `/video.cgi?resolution=320x240&fps=5&compression=${MAX_STREAMS}`);
    expect(refused.status).toBe(429);
    expect(refused.text).toMatch(/^# Error: the camera already encodes 8 different video streams/);
    // The settings of a running stream are still welcome.
    const joined = await readStream(cam, '/video.cgi?resolution=320x240&fps=5&compression=0', { stopAfter: 1 });
    expect(joined.parts).toHaveLength(1);
  } finally {
    for (const r of open) r.body.destroy();
  }
  await expect.poll(() => streamHubOf(cam.state).stats().length, { timeout: 5000 }).toBe(0);
  expect((await readStream(cam, `/video.cgi?resolution=320x240&nbrofframes=1&compression=${MAX_STREAMS}`)).parts).toHaveLength(1);
});

test('HEAD video.cgi answers the headers only', async () => {
  const r = await get(cam, '/video.cgi', 'root', 'pass', 'HEAD');
  expect(r.status).toBe(200);
  expect(r.headers['content-type']).toBe('multipart/x-mixed-replace;boundary=myboundary');
  expect(r.body.length).toBe(0);
  expect(streamHubOf(cam.state).stats()).toEqual([]);
});

test('resolution.cgi: get and list for viewers, set for admins only, unsupported sizes refused', async () => {
  expect((await get(cam, '/resolution.cgi', 'watcher', 'w-pass')).text).toBe('resolution=640x480\r\n');
  expect((await get(cam, '/resolution.cgi?action=list')).text).toBe('resolutions=1920x1080,1280x720,640x480,320x240\r\n');
  const viewer = await get(cam, '/resolution.cgi?resolution=320x240', 'watcher', 'w-pass');
  expect(viewer.status).toBe(403);
  const bad = await get(cam, '/resolution.cgi?resolution=1024x768');
  expect(bad.text).toMatch(/^# Error: resolution: 1024x768 is not a supported resolution/);
  expect(cam.state.params.get('Image.I0.Appearance.Resolution')).toBe('640x480');
  expect((await get(cam, '/resolution.cgi?resolution=320x240')).text).toBe('OK\r\n');
  expect(cam.state.params.get('Image.I0.Appearance.Resolution')).toBe('320x240');
  const s = inspectJpeg((await get(cam, '/image.jpg')).body);
  expect([s.width, s.height]).toEqual([320, 240]);
  expect((await get(cam, '/resolution.cgi?action=get&resolution=320x240')).status).toBe(400);
});

test('setosd.cgi sets the OSD parameters through the store and announces them', async () => {
  const announced: string[][] = [];
  const listener = (names: string[]) => announced.push(names);
  cam.state.events.on('params', listener);
  try {
    expect((await get(cam, '/setosd.cgi?text=Gate%203&enabled=yes&position=bottom')).text).toBe('OK\r\n');
    expect(cam.state.params.get('Image.I0.Text.String')).toBe('Gate 3');
    expect(cam.state.params.get('Image.I0.Text.TextEnabled')).toBe('yes');
    expect(cam.state.params.get('Image.I0.Text.Position')).toBe('bottom');
    expect(announced.flat()).toEqual(expect.arrayContaining(['Image.I0.Text.String', 'Image.I0.Text.TextEnabled']));
  } finally {
    cam.state.events.off('params', listener);
  }
  // One bad value: nothing of the request is applied.
  const bad = await get(cam, `/setosd.cgi?text=Other&enabled=yes&clock=perhaps`);
  expect(bad.text).toMatch(/^# Error: clock: "perhaps" is not yes or no/);
  const tooLong = await get(cam, `/setosd.cgi?text=${'y'.repeat(65)}&enabled=no`);
  expect(tooLong.status).toBe(400);
  expect(cam.state.params.get('Image.I0.Text.String')).toBe('Gate 3');
  expect(cam.state.params.get('Image.I0.Text.TextEnabled')).toBe('yes');
  expect((await get(cam, '/setosd.cgi')).text).toMatch(/^# Error: nothing to set/);
  expect((await get(cam, '/setosd.cgi?text=x', 'driver', 'd-pass')).status).toBe(403);
});

test('the OSD text shows in the frame band: setosd changes the top rows only', async () => {
  const q = '/image.cgi?clock=0&date=0&resolution=640x480&compression=10';
  const before = decodeJpeg((await get(cam, q)).body);
  await get(cam, '/setosd.cgi?text=HELLO%20CAMERA&enabled=yes&position=top');
  const after = decodeJpeg((await get(cam, q)).body);
  const rowDiff = (y: number) => {
    let d = 0;
    for (let x = 0; x < 640; x++) d += Math.abs(before.data[(y * 640 + x) * 4] - after.data[(y * 640 + x) * 4]);
    return d / 640;
  };
  const band = Array.from({ length: 22 }, (_, y) => rowDiff(y));
  const rest = Array.from({ length: 480 - 40 }, (_, i) => rowDiff(40 + i));
  expect(Math.max(...band)).toBeGreaterThan(20);
  expect(Math.max(...rest)).toBeLessThan(2);
});

test('videostatus.cgi: video, or no video while the source is off; only camera 1 exists', async () => {
  expect((await get(cam, '/videostatus.cgi?status=1', 'watcher', 'w-pass')).text).toBe('Video 1 = video\r\n');
  videoSourceOf(cam.state).set(false);
  expect((await get(cam, '/videostatus.cgi?status=1')).text).toBe('Video 1 = no video\r\n');
  expect((await get(cam, '/videostatus.cgi?status=1,2')).text).toMatch(/^# Error: status: camera 2 does not exist/);
  expect((await get(cam, '/videostatus.cgi')).text).toMatch(/^# Error: missing parameter status/);
});

test('colour off gives gray JPEGs; mirroring flips the picture', async () => {
  await get(cam, '/config.cgi?action=update&Image.I0.Appearance.ColorEnabled=no');
  expect(inspectJpeg((await get(cam, '/image.jpg')).body).components).toBe(1);
  const q = '/image.cgi?clock=0&date=0&resolution=320x240&compression=0';
  const plain = decodeJpeg((await get(cam, q)).body);
  await get(cam, '/config.cgi?action=update&Image.I0.Appearance.MirrorEnabled=yes');
  const mirrored = decodeJpeg((await get(cam, q)).body);
  // Compare a row away from the lamp: mirrored[x] ~ plain[W-1-x].
  let same = 0, flipped = 0;
  const y = 60;
  for (let x = 0; x < 320; x++) {
    same += Math.abs(plain.data[(y * 320 + x) * 4] - mirrored.data[(y * 320 + x) * 4]);
    flipped += Math.abs(plain.data[(y * 320 + x) * 4] - mirrored.data[(y * 320 + 319 - x) * 4]);
  }
  expect(flipped).toBeLessThan(same / 3);
});

test('the fixed model (no PTZ) serves its own sizes and refuses the PTZ model\'s 1080p', async () => {
  const fixed = await startVirtualCamera({ model: 'IPC-2100', rebootMs: 50 });
  try {
    const s = inspectJpeg((await get(fixed, '/image.cgi?resolution=1280x720')).body);
    expect([s.width, s.height]).toEqual([1280, 720]);
    expect((await get(fixed, '/image.cgi?resolution=1920x1080')).text).toMatch(/^# Error: resolution: 1920x1080 is not a supported resolution \(supported: 1280x720, 640x480, 320x240\)/);
  } finally {
    await fixed.stop();
  }
});
