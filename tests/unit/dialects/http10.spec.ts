// http10 on the wire, read off a raw socket: `HTTP/1.0` status lines, one request per
// connection, bodies that end when the camera closes the connection (no Content-Length,
// no chunked encoding), for text, refusals, 401, JPEG, MJPEG and a POSTed form.
import { test, expect } from '@playwright/test';
import { startVirtualCamera, type VirtualCamera } from '../../../rigs/virtual-camera/index.ts';
import { ioOf } from '../../../rigs/virtual-camera/io/state.ts';
import { exchange, parse, requestText } from './wire.ts';

let cam: VirtualCamera;
let plain: VirtualCamera;
test.beforeAll(async () => {
  cam = await startVirtualCamera({ port: 0, dialects: ['http10'], rebootMs: 50 });
  plain = await startVirtualCamera({ port: 0, rebootMs: 50 });
});
test.afterAll(async () => Promise.all([cam, plain].map((c) => c?.stop())));
test.beforeEach(() => ioOf(cam.state).run(1, [{ kind: 'set', active: false }], 'test'));

const LIST = '/config.cgi?action=list&group=Brand.ProdNbr';

/** The framing of an http10 answer: HTTP/1.0, Connection: close, delimited by the close. */
function expectHttp10(answer: { raw: Buffer; closedByCamera: boolean }, status: string) {
  expect(answer.closedByCamera).toBe(true);
  const p = parse(answer.raw);
  expect(p.statusLine).toBe(`HTTP/1.0 ${status}`);
  expect(p.headers['content-length']).toBeUndefined();
  expect(p.headers['transfer-encoding']).toBeUndefined();
  expect(p.headers.connection).toBe('close');
  return p;
}

for (const version of ['1.1', '1.0']) {
  test(`an HTTP/${version} request: one HTTP/1.0 answer, the body ends at the close, a second request is not served`, async () => {
    const second = requestText('/output.cgi?action=1:/', { version });
    const a = await exchange(cam.port, requestText(LIST, { version }) + second);
    const p = expectHttp10(a, '200 OK');
    expect(p.body.toString()).toBe(`Brand.ProdNbr=${cam.state.model.prodNbr}\n`);
    expect(a.raw.toString('latin1').match(/HTTP\/1\.\d /g)).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(ioOf(cam.state).isActive(2)).toBe(false); // the pipelined output.cgi never ran
  });
}

test('a default camera answers HTTP/1.1 with Content-Length and serves the pipelined request', async () => {
  const a = await exchange(plain.port, requestText(LIST) + requestText('/output.cgi?action=1:/', { extra: 'Connection: close\r\n' }));
  const text = a.raw.toString('latin1');
  expect(text.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
  expect(text.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(2);
  expect(parse(a.raw).headers['content-length']).toBe(String(`Brand.ProdNbr=${plain.state.model.prodNbr}\n`.length));
  expect(ioOf(plain.state).isActive(2)).toBe(true);
  ioOf(plain.state).run(1, [{ kind: 'set', active: false }], 'test');
});

test('401 (with its challenges) and a refusal are HTTP/1.0 answers delimited by the close', async () => {
  const anon = expectHttp10(await exchange(cam.port, requestText(LIST, { auth: '' })), '401 Unauthorized');
  expect(anon.headers['www-authenticate']).toBeDefined();
  expect(anon.body.toString()).toBe('# Error: authentication required\r\n');
  const bad = expectHttp10(await exchange(cam.port, requestText('/output.cgi?action=9:/')), '400 Bad Request');
  expect(bad.body.toString()).toMatch(/^# Error: there is no output 9.*\r\n$/);
});

test('image.cgi: the whole JPEG, delimited by the close', async () => {
  const p = expectHttp10(await exchange(cam.port, requestText('/image.cgi?resolution=320x240')), '200 OK');
  expect(p.headers['content-type']).toBe('image/jpeg');
  expect(p.body.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  expect(p.body.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
});

test('video.cgi: an MJPEG stream whose parts keep their own headers; it ends with the close', async () => {
  const a = await exchange(cam.port, requestText('/video.cgi?resolution=320x240&fps=10&nbrofframes=2'), 5000);
  const p = expectHttp10(a, '200 OK');
  expect(p.headers['content-type']).toBe('multipart/x-mixed-replace;boundary=myboundary');
  let body = p.body;
  for (let part = 0; part < 2; part++) {
    const head = /^--myboundary\r\nContent-Type: image\/jpeg\r\nContent-Length: (\d+)\r\n\r\n/.exec(body.toString('latin1'));
    expect(head, `part ${part}`).not.toBeNull();
    const jpeg = body.subarray(head![0].length, head![0].length + Number(head![1]));
    expect(jpeg.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(jpeg.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    body = body.subarray(head![0].length + jpeg.length);
    expect(body.subarray(0, 2).toString()).toBe('\r\n');
    body = body.subarray(2);
  }
  expect(body.toString()).toBe('--myboundary--\r\n');
});

test('a POSTed form is read; Expect: 100-continue gets no interim answer', async () => {
  const form = 'diskid=SD_DISK';
  const headers = `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${form.length}\r\nExpect: 100-continue\r\n`;
  const a = await exchange(cam.port, requestText('/list.cgi', { method: 'POST', extra: headers }) + form);
  expect(a.raw.toString('latin1')).not.toMatch(/100 Continue/);
  const p = expectHttp10(a, '200 OK');
  expect(p.body.toString()).toMatch(/<disk diskid="SD_DISK" .* status="OK" \/>/);
});
