// slow: 150 ms before every answer (refusals and 401 included); reboots keep the camera
// down 40 s unless rebootMs is given. The reboot time is checked as configured, not waited for.
import { test, expect } from '@playwright/test';
import { SLOW_ANSWER_MS, SLOW_REBOOT_MS } from '../../../rigs/virtual-camera/dialects.ts';
import { startVirtualCamera, type VirtualCamera } from '../../../rigs/virtual-camera/index.ts';
import { booted, get, waitUnreachable } from './wire.ts';

let cam: VirtualCamera;
test.beforeAll(async () => {
  cam = await startVirtualCamera({ port: 0, dialects: ['slow'], rebootMs: 100 });
});
test.afterAll(async () => cam?.stop());

test('every answer takes at least 150 ms: a list, a refusal, a 401', async () => {
  expect(SLOW_ANSWER_MS).toBe(150);
  const list = await get(cam, '/config.cgi?action=list&group=Brand.ProdNbr');
  expect(list.status).toBe(200);
  expect(list.ms).toBeGreaterThanOrEqual(150);
  const refusal = await get(cam, '/config.cgi?action=fly');
  expect(refusal.status).toBe(400);
  expect(refusal.ms).toBeGreaterThanOrEqual(150);
  const anon = await get(cam, '/config.cgi?action=list&group=Brand.ProdNbr', { auth: null });
  expect(anon.status).toBe(401);
  expect(anon.ms).toBeGreaterThanOrEqual(150);
});

test('reboots keep it down 40 s by default; an explicit rebootMs wins', async () => {
  const slowDefault = await startVirtualCamera({ port: 0, dialects: ['slow'] });
  try {
    expect(SLOW_REBOOT_MS).toBe(40_000);
    expect(slowDefault.state.options.rebootMs).toBe(40_000);
  } finally {
    await slowDefault.stop();
  }
  const plain = await startVirtualCamera({ port: 0 });
  await plain.stop();
  expect(plain.state.options.rebootMs).toBe(1500);
  // This camera was given rebootMs: 100, and its reboot is that short.
  expect(cam.state.options.rebootMs).toBe(100);
  const up = booted(cam, 3000);
  expect((await get(cam, '/reboot.cgi')).text).toBe('OK\r\n');
  await waitUnreachable(cam.port);
  await up;
});
