// Spec 8: "The requests specified in the storage section are supported by products that
// have micro SD socket." A model without one must not claim a disk or recordings; how it
// refuses is the house's (storage.no-card). A physical camera with a card cannot show this,
// so a fixed model without a card (IPC-2100) is started beside the worker's virtual camera:
// @virtual-only. It runs nothing but these requests, so format and remove are harmless there.
import { test, expect, spec } from '../../fixtures/index.ts';
import { Camera } from '../../lib/camera/index.ts';
import { answerOf, send } from './support.ts';

const REQUESTS: [string, Record<string, string>][] = [
  ['/list.cgi', { diskid: 'all' }],
  ['/list.cgi', { recordingid: 'all' }],
  ['/mount.cgi', { diskid: 'SD_DISK', action: 'mount' }],
  ['/remove.cgi', { recordingid: 'all' }],
  ['/format.cgi', { diskid: 'SD_DISK' }],
];

test('a model without an SD card claims no disk and no recording', spec('8', 'list.cgi', { tags: ['@virtual-only'] }), async ({ target, observe }) => {
  // Loaded on use: a sign-off of a physical camera lists this test without starting one.
  const { startVirtualCamera } = await import('../../rigs/virtual-camera/index.ts');
  const own = await startVirtualCamera({ model: 'IPC-2100', user: target.user, password: target.password });
  const cam = new Camera({ url: own.url, user: target.user, password: target.password });
  try {
    await test.step('it says it has no storage (Properties.Storage.Storage=no)', async () => {
      expect((await cam.capabilities()).hasStorage).toBe(false);
    });
    for (const [path, q] of REQUESTS) {
      await test.step(`${path} ${new URLSearchParams(q)}`, async () => {
        const res = await send(cam, path, q);
        expect(res.status >= 200 && res.status < 300 && !/^\s*#\s*Error/im.test(res.text), `${path}: ${answerOf(res)}`).toBe(false);
        expect(res.text, path).not.toMatch(/<disk\b|<recording\b/i);
        observe('storage.no-card', { expected: 'HTTP 404 # Error: this camera has no SD card', observed: `${path}: ${answerOf(res)}`, holds: res.status === 404 && res.text === '# Error: this camera has no SD card\r\n' });
      });
    }
  } finally {
    await cam.close();
    await own.stop();
  }
});
