// lenient: query keys a CGI does not know are ignored, by every CGI, destructive ones
// included (why the harness must never send junk to reboot.cgi or factorydefault.cgi).
// config.cgi still refuses an unknown action and an unknown parameter name to update.
import { test, expect } from '@playwright/test';
import { startVirtualCamera, type VirtualCamera } from '../../../rigs/virtual-camera/index.ts';
import { ioOf } from '../../../rigs/virtual-camera/io/state.ts';
import { booted, get, waitUnreachable } from './wire.ts';

const COMPRESSION = 'Image.I0.Appearance.Compression';
let cam: VirtualCamera;
let plain: VirtualCamera;
test.beforeAll(async () => {
  cam = await startVirtualCamera({ port: 0, dialects: ['lenient'], rebootMs: 200 });
  plain = await startVirtualCamera({ port: 0, rebootMs: 200 });
});
test.afterAll(async () => Promise.all([cam, plain].map((c) => c?.stop())));

test('reads ignore unknown keys: image.cgi, config.cgi list, input.cgi', async () => {
  const image = await get(cam, '/image.cgi?foo=1&resolution=320x240');
  expect(image.status).toBe(200);
  expect(image.headers['content-type']).toBe('image/jpeg');
  expect(image.body.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  const list = await get(cam, '/config.cgi?action=list&group=Brand.ProdNbr&bogus=1');
  expect(list).toMatchObject({ status: 200, text: `Brand.ProdNbr=${cam.state.model.prodNbr}\n` });
  ioOf(cam.state).setInput(1, true);
  expect(await get(cam, '/input.cgi?check=1&junk=x')).toMatchObject({ status: 200, text: 'IO1:/\r\n' });
  // A default camera refuses each of them.
  for (const path of ['/image.cgi?foo=1', '/config.cgi?action=list&group=Brand&bogus=1', '/input.cgi?check=1&junk=x'])
    expect((await get(plain, path)).status, path).toBe(400);
});

test('config.cgi still refuses an unknown action and an unknown parameter name to update', async () => {
  const before = cam.state.params.snapshot();
  const update = await get(cam, '/config.cgi?action=update&No.Such.Param=1');
  expect(update.status).toBe(400);
  expect(update.text).toMatch(/^# Error: .*No\.Such\.Param/);
  expect((await get(cam, '/config.cgi?action=fly')).text).toMatch(/^# Error: unknown action "fly"/);
  expect(cam.state.params.snapshot()).toEqual(before);
});

test('a POSTed form is lenient too: mount.cgi ignores a junk field', async () => {
  const form = { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } };
  expect(await get(cam, '/mount.cgi', { ...form, body: 'diskid=SD_DISK&action=umount&junk=1' })).toMatchObject({ status: 200, text: 'OK\r\n' });
  expect(await get(cam, '/mount.cgi?junk=2', { ...form, body: 'diskid=SD_DISK&action=mount' })).toMatchObject({ status: 200, text: 'OK\r\n' });
});

test('factorydefault.cgi?x=1 resets; a default camera refuses it and keeps the value', async () => {
  for (const c of [cam, plain]) expect((await get(c, `/config.cgi?action=update&${COMPRESSION}=55`)).text).toBe('OK\r\n');
  const refused = await get(plain, '/factorydefault.cgi?x=1');
  expect(refused).toMatchObject({ status: 400, text: '# Error: unknown parameter x (known: )\r\n' });
  expect(plain.state.params.get(COMPRESSION)).toBe('55');
  const up = booted(cam);
  expect(await get(cam, '/factorydefault.cgi?x=1')).toMatchObject({ status: 200, text: 'OK\r\n' });
  expect(cam.state.params.get(COMPRESSION)).not.toBe('55');
  await up;
});

test('reboot.cgi?bogus=1 really reboots (the listener goes away); a default camera refuses it', async () => {
  const refused = await get(plain, '/reboot.cgi?bogus=1');
  expect(refused).toMatchObject({ status: 400, text: '# Error: unknown parameter bogus (known: )\r\n' });
  await new Promise((r) => setTimeout(r, 100)); // a reboot would start 20 ms after the answer
  expect((await get(plain, '/config.cgi?action=list&group=Brand.ProdNbr')).status).toBe(200);
  expect(plain.state.log.text()).not.toMatch(/reboot: requested/);

  const up = booted(cam);
  expect(await get(cam, '/reboot.cgi?bogus=1')).toMatchObject({ status: 200, text: 'OK\r\n' });
  await waitUnreachable(cam.port);
  await up;
  expect(cam.state.log.text()).toMatch(/reboot: requested by root/);
  expect((await get(cam, '/config.cgi?action=list&group=Brand.ProdNbr')).status).toBe(200);
});
