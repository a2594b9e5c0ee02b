// Request faults and the control endpoint of the virtual camera, seen from a plain HTTP
// client: each fault does what README.md says, only on the paths it names, and the fault
// set can be changed at run time by an admin only.
import { test, expect } from '@playwright/test';
import { installFaults, type FaultController } from '../../../rigs/virtual-camera/faults/index.ts';
import { startVirtualCamera, type VirtualCamera } from '../../../rigs/virtual-camera/index.ts';

const ADMIN = `Basic ${Buffer.from('root:pass').toString('base64')}`;
let cam: VirtualCamera;
let faults: FaultController;

test.beforeEach(async () => {
  cam = await startVirtualCamera({ rebootMs: 200 });
  faults = installFaults(cam);
});
test.afterEach(async () => {
  await cam.stop();
});

async function get(path: string, auth: string | null = ADMIN, init: RequestInit = {}): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(`${cam.url}${path}`, { ...init, headers: auth ? { authorization: auth } : {}, signal: AbortSignal.timeout(5000) });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** 'ok' or the network error's code, for requests a fault may kill. */
async function outcome(path: string): Promise<string> {
  try {
    return `${(await get(path)).status}`;
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause;
    return cause?.code ?? (e as Error).message;
  }
}

test('latency delays only the paths it names', async () => {
  faults.set('latency=250@/config.cgi');
  const t0 = performance.now();
  expect((await get('/config.cgi?action=list&group=Brand')).status).toBe(200);
  expect(performance.now() - t0).toBeGreaterThanOrEqual(245);
  expect((await get('/videostatus.cgi?status=1')).status).toBe(200);
  expect(faults.counts()).toEqual({ latency: 1 });
});

test('reset every second request: the client sees the connection reset, the others are served', async () => {
  faults.set('reset=every:2@/videostatus.cgi');
  const seen = [];
  for (let i = 0; i < 6; i++) seen.push(await outcome('/videostatus.cgi?status=1'));
  expect(seen.filter((s) => s === '200')).toHaveLength(3);
  expect(seen.filter((_, i) => i % 2 === 1).every((s) => /ECONNRESET|UND_ERR_SOCKET/.test(s)), seen.join(' ')).toBe(true);
  expect(faults.counts().reset).toBe(3);
});

test('a probability with a seed gives the same faults on every run', async () => {
  const pattern = async () => {
    faults.set('reset=0.4@/videostatus.cgi,seed=9');
    const out: boolean[] = [];
    for (let i = 0; i < 20; i++) out.push((await outcome('/videostatus.cgi?status=1')) === '200');
    return out;
  };
  const first = await pattern();
  expect(first.filter((ok) => !ok).length).toBeGreaterThan(2);
  expect(first.filter((ok) => ok).length).toBeGreaterThan(2);
  expect(await pattern()).toEqual(first);
});

test('refuse answers 503 with an error line; hangup closes without an answer', async () => {
  faults.set('refuse=/time.cgi,hangup=/systemlog.cgi');
  const r = await get('/time.cgi?action=get');
  expect(r.status).toBe(503);
  expect(r.headers.get('retry-after')).toBe('1');
  expect(r.text).toBe('# Error: service unavailable: /time.cgi is refused (fault injection)\r\n');
  expect(await outcome('/systemlog.cgi')).toMatch(/UND_ERR_SOCKET|ECONNRESET/);
  expect((await get('/videostatus.cgi?status=1')).status).toBe(200);
});

test('noop answers OK to a change and changes nothing; reads still go through', async () => {
  faults.set('noop=/config.cgi');
  const before = (await get('/config.cgi?action=list&group=Image.I0.Text.String')).text;
  expect((await get('/config.cgi?action=update&Image.I0.Text.String=noop-check')).text).toBe('OK\r\n');
  expect((await get('/config.cgi?action=list&group=Image.I0.Text.String')).text).toBe(before);
  faults.clear();
  expect((await get('/config.cgi?action=update&Image.I0.Text.String=noop-check')).text).toBe('OK\r\n');
  expect((await get('/config.cgi?action=list&group=Image.I0.Text.String')).text).toBe('Image.I0.Text.String=noop-check\n');
});

test('bodylength: the answer declares more than it sends and the connection closes', async () => {
  faults.set('bodylength=/systemlog.cgi');
  await expect(get('/systemlog.cgi')).rejects.toThrow();
  expect((await get('/videostatus.cgi?status=1')).status).toBe(200);
});

test('reboot=never keeps the camera down; clearing the faults restores the reboot time', async () => {
  faults.set('reboot=never');
  expect(cam.state.options.rebootMs).toBe(Infinity);
  faults.clear();
  expect(cam.state.options.rebootMs).toBe(200);
  faults.set('reboot=never');
  expect((await get('/reboot.cgi')).text).toBe('OK\r\n');
  await new Promise((r) => setTimeout(r, 600)); // three times the configured reboot
  expect(await outcome('/videostatus.cgi?status=1')).toMatch(/ECONNREFUSED|fetch failed/);
});

test('control endpoint: admin only; lists, sets, clears; a bad set changes nothing', async () => {
  const none = await get('/_hil/faults', null);
  expect(none.status).toBe(401);
  expect(none.headers.get('www-authenticate')).toMatch(/Digest .*Basic/);
  expect((await get('/usrgrp.cgi?action=add&user=hilview&pwd=viewer-pw-1&grp=users&sgrp=viewer')).text).toBe('OK\r\n');
  const viewer = await get('/_hil/faults', `Basic ${Buffer.from('hilview:viewer-pw-1').toString('base64')}`);
  expect(viewer.status).toBe(403);
  expect(viewer.text).toMatch(/^# Error: user hilview \(viewer\) may not change faults/);

  expect((await get('/_hil/faults')).text).toBe('# fired: none\r\n');
  expect((await get(`/_hil/faults?set=${encodeURIComponent('latency=1@/config.cgi,drop=every:3')}`)).text).toBe('OK\r\n');
  await get('/config.cgi?action=list&group=Brand');
  expect((await get('/_hil/faults')).text).toBe('latency=1@/config.cgi\r\ndrop=every:3\r\n# fired: latency 1\r\n');
  const bad = await get(`/_hil/faults?set=${encodeURIComponent('drop=sometimes')}`);
  expect(bad.status).toBe(400);
  expect(bad.text).toMatch(/^# Error: drop=sometimes: "sometimes" is neither a probability/);
  expect(faults.describe()).toBe('latency=1@/config.cgi,drop=every:3');
  expect((await get('/_hil/faults', ADMIN, { method: 'POST', body: 'stall=4' })).text).toBe('OK\r\n');
  expect(faults.describe()).toBe('stall=4');
  expect((await get('/_hil/faults?clear=all')).text).toBe('OK\r\n');
  expect(faults.describe()).toBe('');
  expect((await get('/_hil/faults?clear=some')).status).toBe(400);
  expect((await get('/_hil/faults?bogus=1')).status).toBe(400);
  expect((await get('/_hil/faults', ADMIN, { method: 'DELETE' })).status).toBe(405);
});

test('the control endpoint is not subject to the faults it controls; uninstall restores the camera', async () => {
  faults.set('refuse=*,latency=5');
  expect((await get('/_hil/faults')).status).toBe(200);
  expect((await get('/videostatus.cgi?status=1')).status).toBe(503);
  faults.uninstall();
  expect((await get('/videostatus.cgi?status=1')).status).toBe(200);
  expect((await get('/_hil/faults')).status).toBe(404);
});
