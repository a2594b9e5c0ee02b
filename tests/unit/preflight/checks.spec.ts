// lib/signoff/preflight.ts in process: each check in its order, each problem typed (lab problem
// or camera defect) with one line that says what to check; the relay board is opened through
// the real driver (rigs/relay/open.ts) on serialport's mock binding.
import { test, expect } from '@playwright/test';
import { CameraDefect, LabProblem } from '../../../lib/errors.ts';
import { preflight, PreflightDefect, PreflightProblem, type PreflightInput, type RelayToCheck } from '../../../lib/signoff/preflight.ts';
import { openBoard } from '../../../rigs/relay/open.ts';
import { startVirtualCamera, type VirtualCamera } from '../../../rigs/virtual-camera/index.ts';
import { startServer, type TestServer } from '../camera/test-server.ts';
import { numatoReplies, scriptedPort } from '../relay/scripted-port.ts';
import { closedPort } from './helpers.ts';

const NAMES = { urlSetting: 'CAMERA_URL', credentialSetting: 'CAMERA_USER / CAMERA_PASSWORD' };

/** A config.cgi that lists, per group, what the test gives (no auth). */
function fakeConfig(groups: Record<string, string>): Promise<TestServer> {
  return startServer((req, res) => {
    const group = new URL(req.url ?? '/', 'http://x').searchParams.get('group') ?? '';
    const body = groups[group];
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/plain' });
    res.end(body ?? '# Error: no such group\r\n');
  });
}

const GOOD = {
  Brand: 'Brand.Brand=Test\r\nBrand.ProdNbr=IPC-1\r\n',
  'Properties': 'Properties.Firmware.Version=V1.2\r\n',
  'Brand,Properties.Firmware': 'Brand.ProdNbr=IPC-1\r\nProperties.Firmware.Version=V1.2\r\n',
  'Network.HostName': 'Network.HostName=cam\r\n',
  'Properties.System.SerialNumber': 'Properties.System.SerialNumber=1\r\n',
};

function input(server: { url: string }, relay?: RelayToCheck): PreflightInput {
  return { camera: { url: server.url, user: 'root', password: 'secret-9' }, ...NAMES, relay };
}

/** A relay check on a scripted mock port, through the real driver. */
function mockRelay(reply: Parameters<typeof scriptedPort>[0], driver = 'numato') {
  const port = scriptedPort(reply);
  const relay: RelayToCheck = { driver, path: port.path, from: 'RELAY_DRIVER/RELAY_PATH', openBoard: (o) => openBoard({ ...o, driver: o.driver as 'numato', binding: port.binding, timeoutMs: 200 }) };
  return { port, relay };
}

async function failure(p: Promise<unknown>): Promise<Error> {
  const err = await p.then(() => undefined, (e: unknown) => e as Error);
  if (!err) throw new Error('preflight passed, a failure was expected');
  expect(err.message, 'one line').not.toContain('\n');
  return err;
}

let servers: TestServer[] = [];
let cam: VirtualCamera | undefined;
test.afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
  await cam?.stop();
  cam = undefined;
});

async function serve(groups: Record<string, string>) {
  const s = await fakeConfig(groups);
  servers.push(s);
  return s;
}

test('a camera that answers everything passes and yields its identity; the relay is read and closed', async () => {
  const s = await serve(GOOD);
  const { port, relay } = mockRelay(numatoReplies({ ver: '00000008', 'relay read 0': 'off' }));
  const id = await preflight(input(s, relay));
  expect(id).toMatchObject({ model: 'IPC-1', firmware: 'V1.2', hostName: 'cam' });
  expect(port.written().toString('latin1')).toContain('relay read 0');
  expect(s.seen.slice(0, 2).map((r) => r.url)).toEqual(['/config.cgi?action=list&group=Brand', '/config.cgi?action=list&group=Properties']);
});

test('the checks run in order: a closed port stops before anything else', async () => {
  const { port, relay } = mockRelay(() => undefined);
  const err = await failure(preflight(input({ url: `http://127.0.0.1:${await closedPort()}` }, relay)));
  expect(err).toBeInstanceOf(PreflightProblem);
  expect(err).toBeInstanceOf(LabProblem);
  expect(err.message).toMatch(/^camera unreachable at http:\/\/127\.0\.0\.1:\d+: connection refused — check CAMERA_URL, the cable, the camera's power$/);
  expect(port.written().length, 'relay never opened').toBe(0);
});

test('wrong credentials stop before the relay board, without the password', async () => {
  cam = await startVirtualCamera();
  const { port, relay } = mockRelay(() => undefined);
  const err = await failure(preflight({ camera: { url: cam.url, user: 'root', password: 'Wrong-77' }, ...NAMES, relay }));
  expect(err).toBeInstanceOf(PreflightProblem);
  expect(err.message).toBe(`credentials rejected for user root at ${cam.url}: check CAMERA_USER / CAMERA_PASSWORD`);
  expect(port.written().length).toBe(0);
});

test('config.cgi refusing the Brand group, or listing no Properties, is the camera\'s: a defect that still stops', async () => {
  const refuses = await serve({ ...GOOD, Brand: '# Error: group unknown\r\n' });
  const a = await failure(preflight(input(refuses)));
  expect(a).toBeInstanceOf(PreflightDefect);
  expect(a).toBeInstanceOf(CameraDefect);
  expect(a.message).toBe(`${refuses.url} refuses to list the Brand group: # Error: group unknown`);

  const empty = await serve({ ...GOOD, Properties: '' });
  const b = await failure(preflight(input(empty)));
  expect(b).toBeInstanceOf(PreflightDefect);
  expect(b.message).toContain('lists no Properties.* parameter');
});

test('a web page is not a parameter list, even where a line of it reads like one', async () => {
  const s = await startServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<p>\nBrand.ProdNbr=IPC-1\n</p>\n');
  });
  servers.push(s);
  const err = await failure(preflight(input(s)));
  expect(err).toBeInstanceOf(PreflightProblem);
  expect(err.message).toBe(`${s.url} answers HTTP but not config.cgi (HTTP 200, text/html): is this a camera of the IP Camera Open API family? check CAMERA_URL`);
});

test('Brand and Properties listed but no firmware version: a camera defect naming the parameter', async () => {
  const s = await serve({ ...GOOD, 'Brand,Properties.Firmware': 'Brand.ProdNbr=IPC-1\r\n' });
  const err = await failure(preflight(input(s)));
  expect(err).toBeInstanceOf(PreflightDefect);
  expect(err.message).toBe(`${s.url}: config.cgi at ${s.url} did not list Properties.Firmware.Version: cannot name the report folder`);
});

test('a mute relay board names its port; so does a board that stops answering after opening', async () => {
  const s = await serve(GOOD);
  const mute = mockRelay(() => undefined);
  const a = await failure(preflight(input(s, mute.relay)));
  expect(a).toBeInstanceOf(PreflightProblem);
  expect(a.message).toMatch(new RegExp(`^relay board \\(numato on ${mute.port.path}, from RELAY_DRIVER/RELAY_PATH\\) cannot be opened: .*${mute.port.path}`));

  const opensOnly = mockRelay(numatoReplies({ ver: '00000008' }));
  const b = await failure(preflight(input(s, opensOnly.relay)));
  expect(b.message).toMatch(new RegExp(`^relay board \\(numato on ${opensOnly.port.path}.*\\) does not answer: .* — check its cable and power, and that ${opensOnly.port.path} is the board$`));
});
