// `npm run emulator -- --count N`: N independent cameras in one process, a lab inventory
// of them that the harness loads, bad counts refused, and a taken port failing the whole
// fleet with nothing left up.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { loadLab } from '../../../rigs/lab/inventory.ts';
import { emulator, listening, portsWithMiddleTaken } from './emulator-process.ts';

// Distinctive credentials, so the test can tell they never reach the lab file.
const USER = 'fleetadmin';
const PASSWORD = 'fleet-Secret-7731';

async function cgi(url: string, pathAndQuery: string): Promise<{ status: number; text: string }> {
  const res = await request(`${url}${pathAndQuery}`, {
    headers: { authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}` },
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  return { status: res.statusCode, text: await res.body.text() };
}

let dir: string;
test.beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'camera-hil-fleet-'));
});
test.afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test('--count 3: three cameras with their own users and parameters, and a lab file that loads', async () => {
  const labFile = path.join(dir, 'lab.json');
  const cli = emulator(['--count', '3', '--port', '0', '--user', USER, '--password', PASSWORD, '--write-lab', labFile]);
  let urls: string[];
  try {
    await cli.waitFor(/^lab inventory \(3 cameras\) written to .*$/m);
    urls = [1, 2, 3].map((k) => new RegExp(`^virtual-${k}: listening on (http://\\S+)$`, 'm').exec(cli.out())?.[1] ?? `virtual-${k} printed no URL`);
    expect(new Set(urls).size).toBe(3);
    for (const url of urls) {
      const brand = await cgi(url, '/config.cgi?action=list&group=Brand');
      expect(brand.status, url).toBe(200);
      expect(brand.text).toContain('Brand.ProdNbr=');
    }
    expect(cli.out()).toContain('export VIRTUAL_CAMERA_USER and VIRTUAL_CAMERA_PASSWORD');

    // A user added on camera 1 exists there only.
    expect((await cgi(urls[0], '/usrgrp.cgi?action=add&user=only1&pwd=secret1&grp=users&sgrp=viewer')).status).toBe(200);
    expect((await cgi(urls[0], '/usrgrp.cgi?action=get')).text).toContain('only1=viewer');
    for (const url of urls.slice(1)) expect((await cgi(url, '/usrgrp.cgi?action=get')).text).not.toContain('only1');

    // A parameter changed on camera 2 keeps its value on the others.
    expect((await cgi(urls[1], '/config.cgi?action=update&Image.I0.Text.String=camera-two')).status).toBe(200);
    const text = async (url: string) => (await cgi(url, '/config.cgi?action=list&group=Image.I0.Text.String')).text.trim();
    expect(await text(urls[1])).toBe('Image.I0.Text.String=camera-two');
    expect(await text(urls[0])).toBe('Image.I0.Text.String=');
    expect(await text(urls[2])).toBe('Image.I0.Text.String=');

    // The inventory loads with the harness's loader and lists the three cameras; no credential in it.
    const lab = loadLab(labFile);
    expect(lab.cameras.map((c) => [c.name, c.url])).toEqual(urls.map((u, i) => [`virtual-${i + 1}`, u]));
    for (const c of lab.cameras) {
      expect(c).toMatchObject({ userEnv: 'VIRTUAL_CAMERA_USER', passwordEnv: 'VIRTUAL_CAMERA_PASSWORD', relay: { driver: 'virtual' } });
      expect(c).toMatchObject({ secondSourceAddress: '127.0.0.2', speakerHearsMicrophone: true, destructiveAllowed: true });
    }
    const written = fs.readFileSync(labFile, 'utf8');
    expect(written).not.toContain(USER);
    expect(written).not.toContain(PASSWORD);
    expect(fs.readdirSync(dir)).toEqual(['lab.json']); // nothing left aside from the atomic write
  } finally {
    expect(await cli.stop()).toBe(0);
  }
  for (const url of urls) expect(await listening(Number(new URL(url).port)), `${url} after SIGTERM`).toBe(false);

  // Run again: the emulator replaces its own file.
  const again = emulator(['--count', '2', '--port', '0', '--write-lab', labFile]);
  try {
    await again.waitFor(/^lab inventory \(2 cameras\)/m);
    expect(loadLab(labFile).cameras.map((c) => c.name)).toEqual(['virtual-1', 'virtual-2']);
  } finally {
    expect(await again.stop()).toBe(0);
  }
});

test('--write-lab never replaces a file the emulator did not write', async () => {
  const mine = path.join(dir, 'my-lab.json');
  const content = '{ "cameras": [] }\n';
  fs.writeFileSync(mine, content);
  const cli = emulator(['--count', '2', '--port', '0', '--write-lab', mine]);
  expect(await cli.exited).toBe(2);
  expect(cli.err()).toContain(`--write-lab ${mine}: the file exists and was not written by the emulator`);
  expect(cli.out()).not.toContain('listening on');
  expect(fs.readFileSync(mine, 'utf8')).toBe(content);
});

test('--count 0, 65 and abc are usage errors naming --count', async () => {
  const runs = await Promise.all(
    ['0', '65', 'abc'].map(async (n) => {
      const cli = emulator(['--count', n, '--port', '0']);
      return { n, code: await cli.exited, err: cli.err(), out: cli.out() };
    }),
  );
  for (const r of runs) {
    expect(r.code, `--count ${r.n}`).toBe(2);
    expect(r.err).toContain(`--count must be an integer 1..64, got "${r.n}"`);
    expect(r.err).toContain('usage: npm run emulator');
    expect(r.out).not.toContain('listening on');
  }
});

test('a taken port fails the fleet: exit 1 naming the port, nothing left listening', async () => {
  const { first, held } = await portsWithMiddleTaken();
  try {
    const cli = emulator(['--count', '3', '--port', String(first)]);
    expect(await cli.exited).toBe(1);
    expect(cli.err().trim()).toBe(
      `emulator: port ${held.port} is in use on 127.0.0.1 (another emulator or camera service?); the cameras need ports ${first}..${first + 2}: choose another --port, or --port 0 for free ones`,
    );
    expect(cli.out()).not.toContain('listening on');
    expect(await listening(first)).toBe(false);
    expect(await listening(first + 2)).toBe(false);
  } finally {
    await held.close();
  }
});
