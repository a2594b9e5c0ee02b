// Never rely on a refusal for safety: the client refuses, before anything is sent, a
// request to a CGI that restarts, erases or flashes the camera when it carries a
// parameter that CGI does not know (query, raw query or form body) or goes by a method
// other than GET, POST or HEAD. A raw server counts connections: zero means nothing left.
import { Readable } from 'node:stream';
import { test, expect } from '@playwright/test';
import { buildMultipartForm } from '../../../lib/camera/form.ts';
import { CameraClient, type PostOptions, type RequestBody } from '../../../lib/camera/http.ts';
import { Camera } from '../../../lib/camera/index.ts';
import { GUARDED_CGIS, knownParameters, unsafeBecause } from '../../../lib/camera/guard.ts';
import { HarnessDefect, categoryOf } from '../../../lib/errors.ts';
import { startRawServer, type RawServer } from './raw-server.ts';

let server: RawServer | undefined;
let client: CameraClient | undefined;
test.beforeEach(async () => {
  server = await startRawServer((socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\nOK\r\n'));
  client = new CameraClient({ url: server.url, user: 'root', password: 'admin-pw' });
});
test.afterEach(async () => {
  await client?.close();
  await server?.close();
  client = server = undefined;
});

const form = (body: string): PostOptions & { body: RequestBody } => ({ body, contentType: 'application/x-www-form-urlencoded' });
const multipart = (fields: Parameters<typeof buildMultipartForm>[0]) => {
  const f = buildMultipartForm(fields);
  return { body: f.body, contentType: f.contentType };
};

type Case = [what: string, method: string, path: string, init?: PostOptions & { body?: RequestBody }];

const REFUSED: Case[] = [
  ['reboot with a parameter (query object)', 'GET', '/reboot.cgi', { query: { force: 1 } }],
  ['reboot with a raw query in the path (as tests/robustness/send.ts sends it)', 'GET', '/reboot.cgi?force=1'],
  ['reboot with a raw query string', 'GET', '/reboot.cgi', { query: 'now' }],
  ['factory default keeping something', 'GET', '/factorydefault.cgi?keep=network'],
  ['hard factory default with a confirmation', 'GET', '/hardfactorydefault.cgi', { query: { confirm: 'yes' } }],
  ['firmware upgrade with a query', 'POST', '/firmwareupgrade.cgi?force=1', { body: Buffer.from('image') }],
  ['restore with a query', 'POST', '/restore.cgi', { body: Buffer.from('backup'), query: { overwrite: 'yes' } }],
  ['format with a parameter beyond diskid', 'GET', '/format.cgi', { query: { diskid: 'SD_DISK', quick: 'no' } }],
  ['format with a ;-separated extra', 'GET', '/format.cgi?diskid=SD_DISK;all=1'],
  ['format with diskid in another case', 'GET', '/format.cgi?DiskID=SD_DISK'],
  ['remove with a parameter beyond diskid and recordingid', 'GET', '/remove.cgi?recordingid=all&force=yes'],
  ['a percent-encoded unknown name', 'GET', '/reboot.cgi?%66orce=1'],
  ['an upper-case path', 'GET', '/REBOOT.CGI?x=1'],
  ['a doubled slash', 'GET', '//reboot.cgi?x=1'],
  ['a trailing slash', 'GET', '/reboot.cgi/?x=1'],
  ['a directory in front', 'GET', '/cgi-bin/reboot.cgi?x=1'],
  ['a percent-encoded path', 'GET', '/%72eboot.cgi?x=1'],
  ['a path parameter', 'GET', '/format.cgi;v=1?diskid=SD_DISK&x=1'],
  ['PUT', 'PUT', '/reboot.cgi'],
  ['DELETE', 'DELETE', '/remove.cgi?recordingid=all'],
  ['OPTIONS', 'OPTIONS', '/format.cgi?diskid=SD_DISK'],
  ['a lower-case method', 'get', '/reboot.cgi'],
  ['reboot with a form body', 'POST', '/reboot.cgi', form('delay=0')],
  ['factory default with any other body', 'POST', '/factorydefault.cgi', { body: 'keep=network', contentType: 'text/plain' }],
  ['format with an extra form field', 'POST', '/format.cgi', form('diskid=SD_DISK&quick=no')],
  ['remove with an extra multipart field', 'POST', '/remove.cgi', multipart([{ name: 'recordingid', data: 'all' }, { name: 'force', data: 'yes' }])],
  ['restore with a form field beside the file', 'POST', '/restore.cgi', multipart([{ name: 'overwrite', data: 'yes' }, { name: 'file', filename: 'backup.bin', data: 'x' }])],
  ['restore with a urlencoded form', 'POST', '/restore.cgi', form('file=backup.bin')],
  ['format with a streamed body', 'POST', '/format.cgi', { body: Readable.from([Buffer.from('diskid=SD_DISK')]), contentType: 'application/x-www-form-urlencoded' }],
];

for (const [what, method, path, init] of REFUSED) {
  test(`refused, nothing sent: ${what}`, async () => {
    const err = await client!.request(method, path, { ...init }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(HarnessDefect);
    expect(categoryOf(err)).toBe('harness defect');
    expect((err as Error).message).toMatch(/^refused to send \S+ \S+: .*never rely on a refusal for safety\)$/);
    expect((err as Error).message).not.toContain('admin-pw');
    expect(server!.connections, 'no connection was even opened').toBe(0);
  });
}

test('streams and derived clients are guarded too', async () => {
  await expect(client!.stream('/reboot.cgi?x=1', undefined, { expectStatus: 'any' })).rejects.toThrow(HarnessDefect);
  const viewer = client!.derive({ user: 'viewer', password: 'v' });
  try {
    await expect(viewer.get('/hardfactorydefault.cgi', { now: 1 })).rejects.toThrow(/hardfactorydefault\.cgi takes no parameters; the query carries "now"/);
  } finally {
    await viewer.close();
  }
  expect(server!.connections).toBe(0);
});

const ALLOWED: Case[] = [
  ['reboot as the spec writes it', 'GET', '/reboot.cgi'],
  ['HEAD', 'HEAD', '/reboot.cgi'],
  ['factory default by POST without a body', 'POST', '/factorydefault.cgi', { body: Buffer.alloc(0) }],
  ['restore with the raw backup', 'POST', '/restore.cgi', { body: Buffer.from('backup'), contentType: 'application/octet-stream' }],
  ['restore with the backup as a multipart file', 'POST', '/restore.cgi', multipart([{ name: 'file', filename: 'backup.bin', data: 'x' }])],
  ['firmware upgrade streamed', 'POST', '/firmwareupgrade.cgi', { body: Readable.from([Buffer.from('image')]), contentType: 'application/octet-stream', headers: { 'content-length': '5' } }],
  ['format with diskid', 'GET', '/format.cgi?diskid=SD_DISK'],
  ['format with a traversal value (values are free, names are not)', 'GET', '/format.cgi?diskid=..%2F..%2Fetc'],
  ['remove with both of its parameters', 'GET', '/remove.cgi', { query: { diskid: 'SD_DISK', recordingid: 'all' } }],
  ['remove by POST with a form', 'POST', '/remove.cgi', form('recordingid=all')],
  ['a CGI outside the list', 'GET', '/list.cgi?diskid=all&whatever=1'],
];

test('what the spec allows is sent', async () => {
  for (const [what, method, path, init] of ALLOWED) {
    const res = await client!.request(method, path, { ...init, auth: 'none' }).catch((e: Error) => e);
    expect(res instanceof Error ? res.message : res.status, what).toBe(200);
  }
  expect(server!.requests.map((r) => `${r.method} ${r.target}`)).toEqual(ALLOWED.map(([, method, path, init]) => {
    const query = init?.query ? `?${new URLSearchParams(init.query as Record<string, string>).toString()}` : '';
    return `${method} ${path}${query}`;
  }));
});

test('the guarded CGIs and their known parameters, as the spec lists them', () => {
  expect([...GUARDED_CGIS].sort()).toEqual(
    ['/factorydefault.cgi', '/firmwareupgrade.cgi', '/format.cgi', '/hardfactorydefault.cgi', '/reboot.cgi', '/remove.cgi', '/restore.cgi'],
  );
  expect(knownParameters('/REBOOT.CGI?x=1')).toEqual([]);
  expect(knownParameters('/format.cgi')).toEqual(['diskid']);
  expect(knownParameters('/remove.cgi/')).toEqual(['diskid', 'recordingid']);
  expect(knownParameters('/list.cgi')).toBeUndefined();
});

test('unsafeBecause names the CGI, what it knows and what was extra', () => {
  expect(unsafeBecause({ method: 'GET', target: '/remove.cgi?recordingid=a&x=1&y', body: undefined, contentType: undefined, shown: '' })).toBe(
    'remove.cgi knows only diskid, recordingid; the query carries "x", "y"',
  );
  expect(unsafeBecause({ method: 'PATCH', target: '/restore.cgi', body: undefined, contentType: undefined, shown: '' })).toBe(
    'restore.cgi is only sent with GET, POST or HEAD, not "PATCH"',
  );
  expect(unsafeBecause({ method: 'GET', target: '/config.cgi?action=update&x=1', body: undefined, contentType: undefined, shown: '' })).toBeUndefined();
});

test('storage by POST: a urlencoded form of the parameters, no query', async () => {
  await server!.close();
  server = await startRawServer((socket, req) => {
    const xml = req.target === '/list.cgi' && req.body.toString().startsWith('diskid')
      ? '<root><disks numberofdisks="1"><disk diskid="SD_DISK" totalsize="10" freesize="5" /></disks></root>'
      : req.target === '/list.cgi'
        ? '<root><recordings><recording recordingid="a+b.avi" diskid="SD_DISK"></recording></recordings></root>'
        : 'OK\r\n';
    socket.end(`HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n${xml}`);
  });
  const camera = new Camera({ url: server.url });
  try {
    const storage = camera.storage.via('POST');
    expect(camera.storage.method).toBe('GET');
    await storage.mount();
    await storage.umount('SD_DISK');
    await storage.format();
    expect((await storage.disks()).map((d) => d.diskId)).toEqual(['SD_DISK']);
    expect((await storage.recordings()).map((r) => r.recordingId)).toEqual(['a+b.avi']);
    await storage.remove('a+b.avi');
    const sent = server.requests.map((r) => ({ method: r.method, target: r.target, type: r.headers['content-type'], body: r.body.toString('latin1') }));
    const expected: Array<[string, Record<string, string>]> = [
      ['/mount.cgi', { diskid: 'SD_DISK', action: 'mount' }],
      ['/mount.cgi', { diskid: 'SD_DISK', action: 'umount' }],
      ['/format.cgi', { diskid: 'SD_DISK' }],
      ['/list.cgi', { diskid: 'all' }],
      ['/list.cgi', { recordingid: 'all' }],
      ['/remove.cgi', { recordingid: 'a+b.avi' }],
    ];
    expect(sent).toEqual(expected.map(([target, params]) => ({
      method: 'POST',
      target,
      type: 'application/x-www-form-urlencoded',
      body: new URLSearchParams(params).toString(),
    })));
    expect(sent[0].body).toBe('diskid=SD_DISK&action=mount');
    expect(sent[5].body).toBe('recordingid=a%2Bb.avi');
    // GET stays the default: the parameters in the query, no body.
    await camera.storage.mount();
    expect(server.requests.at(-1)).toMatchObject({ method: 'GET', target: '/mount.cgi?diskid=SD_DISK&action=mount' });
    expect(server.requests.at(-1)!.body.length).toBe(0);
  } finally {
    await camera.close();
  }
});
