// The storage CGIs take GET or POST (spec: "Method: GET/POST"); a POST's parameters come
// from an application/x-www-form-urlencoded body, merged with the query string.
import { test, expect } from '@playwright/test';
import { startVirtualCamera, type VirtualCamera } from '../../../rigs/virtual-camera/index.ts';
import { sdCard } from '../../../rigs/virtual-camera/storage/sd-card.ts';
import { basic, get } from './wire.ts';

let cam: VirtualCamera;
test.beforeAll(async () => {
  cam = await startVirtualCamera({ port: 0, rebootMs: 50 });
  cam.state.users.add('viewer', 'vpass', new Set(['viewer']));
});
test.afterAll(async () => cam?.stop());

const FORM = 'application/x-www-form-urlencoded';
const post = (path: string, body: string, type = FORM, auth = basic()) => get(cam, path, { method: 'POST', auth, headers: { 'Content-Type': type }, body });

test('list, remove, mount and format read a POSTed form', async () => {
  const card = sdCard(cam.state)!;
  const disks = await post('/list.cgi', 'diskid=SD_DISK', FORM, basic('viewer', 'vpass'));
  expect(disks.status).toBe(200);
  expect(disks.headers['content-type']).toBe('text/xml');
  expect(disks.text).toMatch(/<disk diskid="SD_DISK" .* status="OK" \/>/);

  expect(await post('/remove.cgi', 'recordingid=20090101_010101.avi&diskid=SD_DISK')).toMatchObject({ status: 200, text: 'OK\r\n' });
  expect(card.get('20090101_010101.avi')).toBeUndefined();
  const recs = await post('/list.cgi', 'recordingid=all\r\n'); // a trailing line break is not part of the value
  expect(recs.text.match(/<recording /g)).toHaveLength(2);

  expect(await post('/mount.cgi', 'diskid=SD_DISK&action=umount')).toMatchObject({ status: 200, text: 'OK\r\n' });
  expect(card.mounted).toBe(false);
  expect(await post('/format.cgi', 'diskid=SD_DISK')).toMatchObject({ status: 200, text: 'OK\r\n' });
  expect(card.recordings()).toEqual([]);
  // Query and body together make the parameters.
  expect(await post('/mount.cgi?diskid=SD_DISK', 'action=mount')).toMatchObject({ status: 200, text: 'OK\r\n' });
  expect(card.mounted).toBe(true);
  // A POST with everything in the query string, and GET, still work.
  expect((await get(cam, '/list.cgi?diskid=SD_DISK', { method: 'POST' })).status).toBe(200);
  expect((await get(cam, '/list.cgi?diskid=SD_DISK')).status).toBe(200);
});

test('a form is checked like a query: unknown, repeated, malformed, and a body of another type', async () => {
  const card = sdCard(cam.state)!;
  card.insertCard([]);
  const cases: [path: string, body: string, type: string, status: number, message: RegExp][] = [
    ['/mount.cgi', 'diskid=SD_DISK&action=umount&x=1', FORM, 400, /^# Error: unknown parameter x/],
    ['/mount.cgi?action=umount', 'diskid=SD_DISK&action=umount', FORM, 400, /^# Error: action given 2 times/],
    ['/list.cgi', 'diskid=%E0%A4%A', FORM, 400, /^# Error: malformed query/],
    ['/format.cgi', '{"diskid":"SD_DISK"}', 'application/json', 415, /^# Error: send the parameters as application\/x-www-form-urlencoded .*not application\/json/],
  ];
  for (const [path, body, type, status, message] of cases) {
    const r = await post(path, body, type);
    expect(r.status, `${path} ${body}`).toBe(status);
    expect(r.text).toMatch(message);
  }
  expect(card.mounted).toBe(true);
  // Roles are as for GET: a viewer may list but not format.
  expect((await post('/format.cgi', 'diskid=SD_DISK', FORM, basic('viewer', 'vpass'))).status).toBe(403);
});
