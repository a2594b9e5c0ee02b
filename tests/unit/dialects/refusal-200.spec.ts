// refusal-200: a refusal is answered 200 with the `# Error:` line, as cameras that keep
// HTTP statuses for the transport do. Authentication, authorization, the IP filter and an
// unknown CGI keep their statuses. The same requests to a default camera give 4xx.
import { test, expect } from '@playwright/test';
import { startVirtualCamera, type VirtualCamera } from '../../../rigs/virtual-camera/index.ts';
import { basic, get } from './wire.ts';

let cam: VirtualCamera;
let fixed: VirtualCamera;
let plain: VirtualCamera;
test.beforeAll(async () => {
  cam = await startVirtualCamera({ port: 0, dialects: ['refusal-200'], rebootMs: 50 });
  fixed = await startVirtualCamera({ port: 0, model: 'IPC-2100', dialects: ['refusal-200'], rebootMs: 50 });
  plain = await startVirtualCamera({ port: 0, rebootMs: 50 });
  for (const c of [cam, plain]) c.state.users.add('viewer', 'vpass', new Set(['viewer']));
});
test.afterAll(async () => Promise.all([cam, fixed, plain].map((c) => c?.stop())));

const REFUSALS: [path: string, status: number, message: RegExp, init?: Parameters<typeof get>[2]][] = [
  ['/config.cgi?action=update&Image.I0.Appearance.Compression=500', 400, /^# Error: .*Compression/],
  ['/reboot.cgi?bogus=1', 400, /^# Error: unknown parameter bogus/],
  ['/config.cgi?action=fly', 400, /^# Error: unknown action "fly"/],
  ['/fromserver.cgi?format=audio/G726-32', 406, /^# Error: format audio\/G726-32 is not supported/],
  ['/toSERVER.cgi', 415, /^# Error: .*audio\/basic/, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'x' }],
  ['/firmwareupgrade.cgi', 405, /^# Error: \/firmwareupgrade.cgi accepts POST, not GET/],
];

for (const [path, status, message, init] of REFUSALS) {
  test(`${init?.method ?? 'GET'} ${path}: 200 and the error line (a default camera: ${status})`, async () => {
    const r = await get(cam, path, init);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/plain/);
    expect(r.text).toMatch(message);
    expect(r.text.endsWith('\r\n')).toBe(true);
    const d = await get(plain, path, init);
    expect(d.status).toBe(status);
    expect(d.text).toBe(r.text);
  });
}

test('a resource the model lacks (no PTZ, no SD card): 200 and the error line instead of 404', async () => {
  const ptz = await get(fixed, '/ptz.cgi?move=left');
  expect(ptz.status).toBe(200);
  expect(ptz.text).toMatch(/^# Error: this camera has no PTZ/);
  const sd = await get(fixed, '/list.cgi?diskid=SD_DISK');
  expect(sd).toMatchObject({ status: 200, text: '# Error: this camera has no SD card\r\n' });
});

test('401 with its challenge, 403 for a weak group and an unknown CGI (404) are unchanged', async () => {
  const anon = await get(cam, '/config.cgi?action=list&group=Brand', { auth: null });
  expect(anon.status).toBe(401);
  expect(String(anon.headers['www-authenticate'])).toMatch(/Digest realm=/);
  const wrong = await get(cam, '/config.cgi?action=list&group=Brand', { auth: basic('root', 'nope') });
  expect(wrong.status).toBe(401);
  const weak = await get(cam, '/reboot.cgi', { auth: basic('viewer', 'vpass') });
  expect(weak.status).toBe(403);
  expect(weak.text).toMatch(/^# Error: user viewer \(viewer\) may not call \/reboot.cgi/);
  const operatorOnly = await get(cam, '/config.cgi?action=list&group=Brand', { auth: basic('viewer', 'vpass') });
  expect(operatorOnly.status).toBe(403);
  expect((await get(cam, '/no-such.cgi')).status).toBe(404);
  expect(cam.state.log.text()).not.toMatch(/reboot: requested/);
});

test("the IP filter's 403 is unchanged", async () => {
  // Written behind the CGIs' back: ipfilter.cgi would (rightly) refuse to lock us out.
  cam.state.params.update([
    ['Network.Filter.Input.AcceptAddresses', '10.9.9.9'],
    ['Network.Filter.Enabled', 'yes'],
  ]);
  try {
    const r = await get(cam, '/config.cgi?action=list&group=Brand');
    expect(r.status).toBe(403);
    expect(r.text).toBe('');
  } finally {
    cam.state.params.update([['Network.Filter.Enabled', 'no']]);
  }
  expect((await get(cam, '/config.cgi?action=list&group=Brand')).status).toBe(200);
});
