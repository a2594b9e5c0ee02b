// The virtual camera's audio chapter on the wire: formats, pacing, refusals, roles, the
// speaker and its record. Plain fetch (not the harness client) so these tests say what
// the camera sends, whatever the harness does with it.
import { test, expect } from '@playwright/test';
import { mulawToPcm, pcmToMulaw } from '../../../lib/media/g711.ts';
import { analyseTone, sineTone, toneLevelAt } from '../../../lib/media/tone.ts';
import { PlayedRecord } from '../../../rigs/virtual-camera/audio/played.ts';
import { startVirtualCamera, type VirtualCamera } from '../../../rigs/virtual-camera/index.ts';

let cam: VirtualCamera;
test.beforeAll(async () => {
  cam = await startVirtualCamera();
  cam.state.users.add('viewer1', 'secret1', new Set(['viewer']));
});
test.afterAll(async () => cam?.stop());

const auth = (user = 'root', pass = 'pass') => ({ Authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` });
const get = (c: VirtualCamera, path: string, init: RequestInit = {}) =>
  fetch(c.url + path, { ...init, headers: { ...auth(), ...(init.headers as Record<string, string>) }, signal: AbortSignal.timeout(15_000) });
const post = (path: string, body: Buffer, type: string | undefined, user?: [string, string]) =>
  fetch(cam.url + path, {
    method: 'POST',
    body: new Uint8Array(body),
    headers: { ...auth(...(user ?? [])), ...(type ? { 'Content-Type': type } : {}) },
    signal: AbortSignal.timeout(15_000),
  });
const tone = (hz: number, dbfs: number, seconds: number) => pcmToMulaw(sineTone(hz, dbfs, seconds * 8000));

test('single-part: audio/basic, paced in real time, the configured tone', async () => {
  const t0 = performance.now();
  const r = await get(cam, '/fromserver.cgi?duration=1');
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toBe('audio/basic');
  const body = Buffer.from(await r.arrayBuffer());
  const ms = performance.now() - t0;
  expect(body.length).toBe(8000);
  // Paced, not sent at once (a lower bound: a loaded machine only makes it later).
  expect(ms).toBeGreaterThan(950);
  const a = analyseTone(mulawToPcm(body));
  expect(Math.abs(a.frequency - 1000)).toBeLessThan(0.05);
  expect(Math.abs(a.levelDbfs + 12)).toBeLessThan(0.2);
  expect(a.dropouts).toEqual([]);
});

test('multipart: exactly the layout of spec 7.4', async () => {
  const r = await get(cam, '/fromserver.cgi?httptype=multipart&duration=1');
  expect(r.headers.get('content-type')).toBe('multipart/x-mixed-replace;boundary=--myboundary');
  const body = Buffer.from(await r.arrayBuffer());
  const head = Buffer.from('--myboundary\r\nContent-Type: audio/basic\r\n\r\n');
  const partSize = head.length + 160 + 2;
  expect(body.length).toBe(50 * partSize + '--myboundary--\r\n'.length);
  for (let i = 0; i < 50; i++) {
    expect(body.subarray(i * partSize, i * partSize + head.length).equals(head)).toBe(true);
    expect(body.subarray((i + 1) * partSize - 2, (i + 1) * partSize).toString()).toBe('\r\n');
  }
  expect(body.subarray(50 * partSize).toString()).toBe('--myboundary--\r\n');
});

test('the tone follows Audio.A0.TestToneFrequency / TestToneLevel, and HEAD sends no audio', async () => {
  const set = await get(cam, '/config.cgi?action=update&Audio.A0.TestToneFrequency=440&Audio.A0.TestToneLevel=-20');
  expect(await set.text()).toBe('OK\r\n');
  try {
    const a = analyseTone(mulawToPcm(Buffer.from(await (await get(cam, '/fromserver.cgi?duration=1')).arrayBuffer())));
    expect(Math.abs(a.frequency - 440)).toBeLessThan(0.05);
    expect(Math.abs(a.levelDbfs + 20)).toBeLessThan(0.3);
  } finally {
    await get(cam, '/config.cgi?action=update&Audio.A0.TestToneFrequency=1000&Audio.A0.TestToneLevel=-12');
  }
  const head = await get(cam, '/fromserver.cgi', { method: 'HEAD' });
  expect(head.status).toBe(200);
  expect(head.headers.get('content-type')).toBe('audio/basic');
});

test('bad requests get a clear # Error line, never a 5xx', async () => {
  const cases: [string, number, RegExp][] = [
    ['/fromserver.cgi?httptype=mixed', 400, /httptype: "mixed" is not singlepart or multipart/],
    ['/fromserver.cgi?duration=-1', 400, /duration: -1 is out of range 0\.\.86400/],
    ['/fromserver.cgi?duration=1.5', 400, /duration: "1\.5" is not an integer/],
    ['/fromserver.cgi?volume=3', 400, /unknown parameter volume/],
    ['/fromserver.cgi?format=audio/G726-32', 406, /format audio\/G726-32 is not supported: this camera sends audio\/basic only/],
    ['/fromserver.cgi?format=audio/mpeg', 400, /not an audio MIME type of the family/],
    ['/toSERVER.cgi', 405, /accepts POST/],
  ];
  for (const [path, status, msg] of cases) {
    const r = await get(cam, path);
    expect(r.status, path).toBe(status);
    expect(await r.text(), path).toMatch(new RegExp(`^# Error: .*${msg.source}`));
  }
  const bytes = tone(440, -6, 0.2);
  const posts: [string, string | undefined, number, RegExp][] = [
    ['/toSERVER.cgi', 'audio/G726-32', 415, /Content-Type audio\/G726-32 is not supported by this camera/],
    ['/toSERVER.cgi', 'text/plain', 415, /Content-Type text\/plain is not an audio type the camera plays/],
    ['/toSERVER.cgi', undefined, 415, /Content-Type application\/octet-stream|needs Content-Type/],
    ['/toSERVER.cgi?gain=3', 'audio/basic', 400, /unknown parameter gain/],
  ];
  for (const [path, type, status, msg] of posts) {
    const r = await post(path, bytes, type);
    expect(r.status, `${path} ${type}`).toBe(status);
    expect(await r.text()).toMatch(new RegExp(`^# Error: .*${msg.source}`));
  }
  const empty = await post('/toSERVER.cgi', Buffer.alloc(0), 'audio/basic');
  expect(empty.status).toBe(400);
  expect(await empty.text()).toBe('# Error: toSERVER.cgi received no audio data\r\n');
});

test('roles: a viewer listens but may not talk or read the record', async () => {
  const listen = await fetch(`${cam.url}/fromserver.cgi?duration=1`, { headers: auth('viewer1', 'secret1'), signal: AbortSignal.timeout(10_000) });
  expect(listen.status).toBe(200);
  await listen.arrayBuffer();
  const talk = await post('/toSERVER.cgi', tone(440, -6, 0.1), 'audio/basic', ['viewer1', 'secret1']);
  expect(talk.status).toBe(403);
  const rec = await fetch(`${cam.url}/_hil/audio/played`, { headers: auth('viewer1', 'secret1') });
  expect(rec.status).toBe(403);
});

test('the speaker plays in real time, is heard by the microphone, and is recorded', async () => {
  const sent = tone(440, -6, 3);
  const listening = get(cam, '/fromserver.cgi?duration=5').then(async (r) => Buffer.from(await r.arrayBuffer()));
  await new Promise((r) => setTimeout(r, 500));
  const t0 = performance.now();
  const r = await post('/toSERVER.cgi', sent, 'audio/basic');
  const ms = performance.now() - t0;
  expect(await r.text()).toBe('OK\r\n');
  // 3 s of audio with at most 1 s queued ahead: the answer comes when the last sample played.
  expect(ms).toBeGreaterThan(2900);
  const rec = await get(cam, '/_hil/audio/played');
  expect(rec.headers.get('x-hil-playing')).toBe('no');
  expect(rec.headers.get('x-hil-dropped-bytes')).toBe('0');
  expect(Buffer.from(await rec.arrayBuffer()).equals(sent)).toBe(true);
  // The microphone: 440 Hz at -6 dBFS for 3 s over the 1000 Hz test tone, then only the tone.
  const pcm = mulawToPcm(await listening);
  const heard = [];
  for (let w = 0; w + 800 <= pcm.length; w += 800) heard.push(toneLevelAt(pcm.subarray(w, w + 800), 8000, 440) > -9);
  const heardMs = heard.filter(Boolean).length * 100;
  expect(heardMs).toBeGreaterThanOrEqual(2800);
  expect(heardMs).toBeLessThanOrEqual(3200);
  expect(toneLevelAt(pcm.subarray(16000, 32000), 8000, 440)).toBeGreaterThan(-7);
  expect(toneLevelAt(pcm.subarray(16000, 32000), 8000, 1000)).toBeGreaterThan(-13);
});

test('one talker at a time', async () => {
  const first = post('/toSERVER.cgi', tone(440, -6, 1.5), 'audio/basic');
  await new Promise((r) => setTimeout(r, 300));
  const second = await post('/toSERVER.cgi', tone(300, -6, 0.2), 'audio/basic');
  expect(second.status).toBe(409);
  expect(await second.text()).toMatch(/^# Error: the speaker is busy/);
  expect((await first).status).toBe(200);
});

test('duplex mode and Audio.A0.Enabled decide who may use the audio', async () => {
  const upd = (q: string) => get(cam, `/config.cgi?action=update&${q}`).then((r) => r.text());
  try {
    expect(await upd('Audio.DuplexMode=get')).toBe('OK\r\n');
    const talk = await post('/toSERVER.cgi', tone(440, -6, 0.1), 'audio/basic');
    expect([talk.status, await talk.text()]).toEqual([409, '# Error: Audio.DuplexMode=get: the camera only sends audio (fromserver.cgi), it does not play any\r\n']);
    expect(await upd('Audio.DuplexMode=post')).toBe('OK\r\n');
    expect((await get(cam, '/fromserver.cgi?duration=1')).status).toBe(409);
    expect(await upd('Audio.DuplexMode=full&Audio.A0.Enabled=no')).toBe('OK\r\n');
    const off = await get(cam, '/fromserver.cgi?duration=1');
    expect([off.status, await off.text()]).toEqual([409, '# Error: audio is disabled (Audio.A0.Enabled=no)\r\n']);
  } finally {
    await upd('Audio.DuplexMode=full&Audio.A0.Enabled=yes');
  }
});

test('a model without audio answers 404 with the reason', async () => {
  const fixed = await startVirtualCamera({ model: 'IPC-2100' });
  try {
    for (const [path, init] of [
      ['/fromserver.cgi', {}],
      ['/toSERVER.cgi', { method: 'POST', body: new Uint8Array(tone(440, -6, 0.1)), headers: { ...auth(), 'Content-Type': 'audio/basic' } }],
      ['/_hil/audio/played', {}],
    ] as [string, RequestInit][]) {
      const r = await get(fixed, path, init);
      expect([r.status, await r.text()], path).toEqual([404, '# Error: this camera has no audio\r\n']);
    }
  } finally {
    await fixed.stop();
  }
});

test('the played record keeps the last 60 s', () => {
  const rec = new PlayedRecord();
  rec.begin();
  for (let s = 0; s < 70; s++) rec.append(Buffer.alloc(8000, s));
  const bytes = rec.bytes();
  expect(bytes.length).toBe(480_000);
  expect(rec.dropped).toBe(80_000);
  expect(bytes[0]).toBe(10);
  expect(bytes[bytes.length - 1]).toBe(69);
  rec.begin();
  expect(rec.bytes().length).toBe(0);
});
