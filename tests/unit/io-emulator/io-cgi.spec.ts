// The I/O CGIs of the virtual camera over HTTP, byte for byte as the spec writes them:
// input.cgi check and monitor, output.cgi and port.cgi, roles, and refusals that change
// nothing. A plain fetch client: the harness's own client (lib/camera/io.ts) is not used,
// so a misreading of the spec cannot hide on both sides.
import { expect, test } from '@playwright/test';
import { startVirtualCamera, type VirtualCamera } from '../../../rigs/virtual-camera/index.ts';
import { ioOf } from '../../../rigs/virtual-camera/io/state.ts';

let cam: VirtualCamera;
test.beforeAll(async () => {
  cam = await startVirtualCamera({ rebootMs: 50 });
  cam.state.users.add('viewer', 'vpass', new Set(['viewer']));
});
test.afterAll(async () => cam?.stop());
test.beforeEach(() => {
  ioOf(cam.state).setInput(1, false);
  ioOf(cam.state).run(1, [{ kind: 'set', active: false }], 'test');
});

function auth(user = 'root', password = 'pass'): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}

async function get(path: string, user?: string, password?: string): Promise<{ status: number; text: string; type: string | null }> {
  const res = await fetch(`${cam.url}${path}`, { headers: auth(user, password), signal: AbortSignal.timeout(5000) });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

test('input.cgi check answers IO<n>:<char> lines in the order asked', async () => {
  ioOf(cam.state).setInput(1, true);
  const r = await get('/input.cgi?check=2,1');
  expect(r.status).toBe(200);
  expect(r.type).toMatch(/^text\/plain/);
  expect(r.text).toBe('IO2:\\\r\nIO1:/\r\n');
  expect((await get('/input.cgi?check=1&check=2')).text).toBe('IO1:/\r\nIO2:\\\r\n');
});

test('output.cgi and port.cgi drive output 1 (port 2); the answer is OK', async () => {
  expect(await get('/output.cgi?action=1:/')).toMatchObject({ status: 200, text: 'OK\r\n' });
  expect((await get('/input.cgi?check=2')).text).toBe('IO2:/\r\n');
  // A backslash sent raw and sent percent-encoded are the same step.
  expect((await get('/port.cgi?action=2:%5C')).text).toBe('OK\r\n');
  expect(ioOf(cam.state).isActive(2)).toBe(false);
  expect((await get('/port.cgi?action=2:/')).text).toBe('OK\r\n');
  expect((await get('/output.cgi?action=1:\\')).text).toBe('OK\r\n');
  expect(ioOf(cam.state).contactClosed(1)).toBe(false);
});

for (const [path, message] of [
  ['/port.cgi?action=1:/', 'port 1 is input 1: an input cannot be driven (output 1 is port 2)'],
  ['/output.cgi?action=2:/', 'there is no output 2: outputs are 1..1'],
  ['/port.cgi?action=3:/', 'there is no I/O port 3: ports 1 (input 1), 2 (output 1)'],
  ['/output.cgi?action=1:/300', 'action "1:/300" ends with a wait: end it with / or \\'],
  ['/output.cgi?action=1:/300%5Cx', 'action "1:/300\\x": "x" is not a step'],
  ['/output.cgi', 'missing parameter action'],
  ['/output.cgi?action=1:/&action=1:%5C', 'action given 2 times'],
  ['/output.cgi?action=1:/&pulse=3', 'unknown parameter pulse'],
  ['/input.cgi', 'give check=<ports> (e.g. check=1,2) or monitor=<ports>'],
  ['/input.cgi?check=1&monitor=1', 'give check= or monitor=, not both'],
  ['/input.cgi?check=1,1', 'check: port 1 given twice'],
  ['/input.cgi?check=3', 'there is no I/O port 3'],
  ['/input.cgi?check=a', 'check: "a" is not an I/O port number'],
  ['/input.cgi?monitor=', 'monitor: "" is not an I/O port number'],
] as const) {
  test(`refuses ${path} with a clear error and changes nothing`, async () => {
    const logBefore = cam.state.log.text();
    const r = await get(path);
    expect(r.status).toBe(400);
    expect(r.text.startsWith(`# Error: ${message}`), r.text).toBe(true);
    expect(ioOf(cam.state).isActive(2)).toBe(false);
    expect(ioOf(cam.state).busy(1)).toBe(false);
    expect(cam.state.log.text()).toBe(logBefore);
  });
}

test('roles: a viewer reads inputs but may not drive outputs', async () => {
  expect((await get('/input.cgi?check=1', 'viewer', 'vpass')).status).toBe(200);
  for (const path of ['/output.cgi?action=1:/', '/port.cgi?action=2:/']) {
    const r = await get(path, 'viewer', 'vpass');
    expect(r.status).toBe(403);
    expect(r.text).toMatch(/^# Error: .*needs operator/);
  }
  expect(ioOf(cam.state).isActive(2)).toBe(false);
  expect((await fetch(`${cam.url}/input.cgi?check=1`, { signal: AbortSignal.timeout(5000) })).status).toBe(401);
});

test('input.cgi monitor: the spec\'s multipart stream, a complete part at once and one per edge', async () => {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), 5000);
  try {
    const res = await fetch(`${cam.url}/input.cgi?monitor=1,2`, { headers: auth(), signal: ac.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('multipart/x-mixed-replace;boundary=ioboundary');
    const reader = res.body!.getReader();
    let text = '';
    const readUntil = async (count: number) => {
      while ((text.match(/--ioboundary\r\n/g) ?? []).length < count) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended after ${JSON.stringify(text)}`);
        text += Buffer.from(value).toString('latin1');
      }
    };
    await readUntil(2);
    ioOf(cam.state).setInput(1, true);
    await readUntil(3);
    await get('/output.cgi?action=1:/');
    await readUntil(4);
    // An edge on a port not monitored would add nothing; none of these is one.
    ioOf(cam.state).setInput(1, false);
    await readUntil(5);
    const part = (body: string) => `Content-Type: text/plain\r\n\r\n${body}--ioboundary\r\n`;
    expect(text).toBe(
      '--ioboundary\r\n' +
        part('IO1:\\\r\nIO2:\\\r\n') +
        part('IO1:/\r\nIO2:\\\r\n') +
        part('IO1:/\r\nIO2:/\r\n') +
        part('IO1:\\\r\nIO2:/\r\n'),
    );
    await reader.cancel();
  } finally {
    clearTimeout(timer);
    ac.abort();
  }
});

test('a monitor of port 1 sends nothing for an edge of port 2', async () => {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), 5000);
  try {
    const res = await fetch(`${cam.url}/input.cgi?monitor=1`, { headers: auth(), signal: ac.signal });
    const reader = res.body!.getReader();
    let text = '';
    while (!text.endsWith('IO1:\\\r\n--ioboundary\r\n')) text += Buffer.from((await reader.read()).value ?? []).toString('latin1');
    await get('/output.cgi?action=1:/');
    ioOf(cam.state).setInput(1, true);
    while (!text.endsWith('IO1:/\r\n--ioboundary\r\n')) text += Buffer.from((await reader.read()).value ?? []).toString('latin1');
    expect(text).toBe('--ioboundary\r\nContent-Type: text/plain\r\n\r\nIO1:\\\r\n--ioboundary\r\nContent-Type: text/plain\r\n\r\nIO1:/\r\n--ioboundary\r\n');
    await reader.cancel();
  } finally {
    clearTimeout(timer);
    ac.abort();
  }
});

test('the monitor listener goes away with the client', async () => {
  const before = ioOf(cam.state).events.listenerCount('edge');
  const ac = new AbortController();
  const res = await fetch(`${cam.url}/input.cgi?monitor=1`, { headers: auth(), signal: AbortSignal.any([ac.signal, AbortSignal.timeout(5000)]) });
  await res.body!.getReader().read();
  expect(ioOf(cam.state).events.listenerCount('edge')).toBe(before + 1);
  ac.abort();
  await expect.poll(() => ioOf(cam.state).events.listenerCount('edge'), { timeout: 3000 }).toBe(before);
});

test('a camera takes 16 input monitors at once and refuses the 17th with 429', async () => {
  const before = ioOf(cam.state).events.listenerCount('edge');
  const ac = new AbortController();
  const signal = AbortSignal.any([ac.signal, AbortSignal.timeout(10_000)]);
  try {
    for (let i = 0; i < 16; i++) expect((await fetch(`${cam.url}/input.cgi?monitor=1`, { headers: auth(), signal })).status).toBe(200);
    const refused = await get('/input.cgi?monitor=1');
    expect(refused.status).toBe(429);
    expect(refused.text).toBe('# Error: 16 input monitors are already open; close one first\r\n');
  } finally {
    ac.abort();
  }
  await expect.poll(() => ioOf(cam.state).events.listenerCount('edge'), { timeout: 3000 }).toBe(before);
  const again = await fetch(`${cam.url}/input.cgi?monitor=1`, { method: 'HEAD', headers: auth(), signal: AbortSignal.timeout(5000) });
  expect(again.status).toBe(200);
  expect(again.headers.get('content-type')).toBe('multipart/x-mixed-replace;boundary=ioboundary');
});

test('a reboot ends the monitor stream and drops the output; the camera comes back serving input.cgi', async () => {
  const before = ioOf(cam.state).events.listenerCount('edge');
  const res = await fetch(`${cam.url}/input.cgi?monitor=2`, { headers: auth(), signal: AbortSignal.timeout(10_000) });
  const reader = res.body!.getReader();
  await reader.read();
  expect((await get('/output.cgi?action=1:/5000\\')).text).toBe('OK\r\n');
  const booted = new Promise<void>((r) => cam.state.events.once('boot', r));
  cam.state.reboot('test');
  const ended = (async () => {
    try {
      while (!(await reader.read()).done);
      return 'ended';
    } catch {
      return 'reset';
    }
  })();
  const hung = new Promise((r) => setTimeout(() => r('still open after 3 s'), 3000));
  expect(['ended', 'reset']).toContain(await Promise.race([ended, hung]));
  await expect.poll(() => ioOf(cam.state).events.listenerCount('edge'), { timeout: 3000 }).toBe(before);
  expect(ioOf(cam.state).isActive(2)).toBe(false);
  expect(ioOf(cam.state).busy(1)).toBe(false);
  await booted;
  expect((await get('/input.cgi?check=2')).text).toBe('IO2:\\\r\n');
});
