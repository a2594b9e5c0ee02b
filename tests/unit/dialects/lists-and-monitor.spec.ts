// comma-list (ipfilter.cgi's accept list comma-separated) and changes-only (input.cgi's
// monitor sends no initial part), on the wire, each beside a default camera.
import { test, expect } from '@playwright/test';
import { request } from 'node:http';
import { startVirtualCamera, type VirtualCamera } from '../../../rigs/virtual-camera/index.ts';
import { ioOf } from '../../../rigs/virtual-camera/io/state.ts';
import { basic, get } from './wire.ts';

let comma: VirtualCamera;
let changes: VirtualCamera;
let plain: VirtualCamera;
test.beforeAll(async () => {
  comma = await startVirtualCamera({ port: 0, dialects: ['comma-list'], rebootMs: 50 });
  changes = await startVirtualCamera({ port: 0, dialects: ['changes-only'], rebootMs: 50 });
  plain = await startVirtualCamera({ port: 0, rebootMs: 50 });
});
test.afterAll(async () => Promise.all([comma, changes, plain].map((c) => c?.stop())));

test('comma-list: ipfilter.cgi?action=list answers a,b (a default camera: a b)', async () => {
  for (const c of [comma, plain]) {
    expect((await get(c, '/ipfilter.cgi?action=add&ip=10.0.0.1')).text).toBe('OK\r\n');
    expect((await get(c, '/ipfilter.cgi?action=add&ip=192.168.0.0/16')).text).toBe('OK\r\n');
  }
  expect(await get(comma, '/ipfilter.cgi?action=list')).toMatchObject({ status: 200, text: 'Accept addresses: 10.0.0.1,192.168.0.0/16\r\nEnabled: no\r\n' });
  expect(await get(plain, '/ipfilter.cgi?action=list')).toMatchObject({ status: 200, text: 'Accept addresses: 10.0.0.1 192.168.0.0/16\r\nEnabled: no\r\n' });
});

/** Opens input.cgi?monitor=1 and collects its bytes until close(). */
function monitor(cam: VirtualCamera): Promise<{ status?: number; type?: string; text: () => string; waitFor: (re: RegExp) => Promise<void>; close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = request(`${cam.url}/input.cgi?monitor=1`, { headers: { Authorization: basic() }, agent: false }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('latin1')));
      const waitFor = async (re: RegExp) => {
        const until = Date.now() + 5000;
        while (!re.test(text)) {
          if (Date.now() > until) throw new Error(`no ${re} in ${JSON.stringify(text)}`);
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      resolve({ status: res.statusCode, type: res.headers['content-type'], text: () => text, waitFor, close: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}

const PART = (line: string) => `Content-Type: text/plain\r\n\r\n${line}\r\n--ioboundary\r\n`;

test('changes-only: no initial part; a part when the monitored input changes (a default camera: the state at once)', async () => {
  ioOf(changes.state).setInput(1, false);
  ioOf(plain.state).setInput(1, false);
  const m = await monitor(changes);
  const d = await monitor(plain);
  try {
    for (const x of [m, d]) expect(x).toMatchObject({ status: 200, type: 'multipart/x-mixed-replace;boundary=ioboundary' });
    await d.waitFor(/IO1:/);
    expect(d.text()).toBe(`--ioboundary\r\n${PART('IO1:\\')}`);
    await m.waitFor(/--ioboundary\r\n/);
    await new Promise((r) => setTimeout(r, 300)); // an initial part would be here by now
    expect(m.text()).toBe('--ioboundary\r\n');
    ioOf(changes.state).setInput(1, true);
    await m.waitFor(/IO1:\/\r\n--ioboundary\r\n$/);
    expect(m.text()).toBe(`--ioboundary\r\n${PART('IO1:/')}`);
    ioOf(changes.state).setInput(1, false);
    await m.waitFor(/IO1:\\\r\n--ioboundary\r\n$/);
    expect(m.text()).toBe(`--ioboundary\r\n${PART('IO1:/')}${PART('IO1:\\')}`);
  } finally {
    m.close();
    d.close();
  }
});
