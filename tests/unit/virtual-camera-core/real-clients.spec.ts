// Clients nobody here wrote log in to the virtual camera: curl (--digest, --basic) and
// Python's urllib (its Digest handler reads only the first challenge, so the camera offers
// MD5 first, as the family's cameras do). Each reads a config list and a JPEG snapshot.
import { test, expect } from '@playwright/test';
import { execFile } from 'node:child_process';
import { startVirtualCamera, type VirtualCamera } from '../../../rigs/virtual-camera/index.ts';
import { parseDigestAlgorithms } from '../../../rigs/virtual-camera/http/auth.ts';
import { skipBecause } from '../../../fixtures/skip.ts';

function run(cmd: string, args: string[], input?: string): Promise<{ code: number; out: Buffer; err: string }> {
  return new Promise((resolve) => {
    const child = execFile(cmd, args, { encoding: 'buffer', timeout: 20_000, maxBuffer: 8 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 127) : 0;
      resolve({ code, out: stdout, err: stderr.toString() });
    });
    if (input !== undefined) child.stdin!.end(input);
  });
}

async function has(cmd: string): Promise<boolean> {
  return (await run('sh', ['-c', `command -v ${cmd}`])).code === 0;
}

const PY = `
import sys, urllib.request
base, scheme, path = sys.argv[1], sys.argv[2], sys.argv[3]
mgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
mgr.add_password(None, base, 'root', sys.stdin.read())
handler = urllib.request.HTTPDigestAuthHandler(mgr) if scheme == 'digest' else urllib.request.HTTPBasicAuthHandler(mgr)
with urllib.request.build_opener(handler).open(base + path, timeout=10) as r:
    sys.stdout.buffer.write(r.read())
`;

let cam: VirtualCamera;
test.beforeAll(async () => {
  cam = await startVirtualCamera();
});
test.afterAll(async () => cam?.stop());

const LIST = '/config.cgi?action=list&group=Brand.ProdNbr';

for (const scheme of ['digest', 'basic'] as const) {
  test(`curl --${scheme} reads a config list and a snapshot`, async () => {
    if (!(await has('curl'))) skipBecause('curl is not installed on this machine (apt-get install curl)');
    for (const [path, check] of [[LIST, (b: Buffer) => expect(b.toString()).toMatch(/^Brand\.ProdNbr=\S+\r?\n$/)], ['/image.cgi', (b: Buffer) => expect(b.subarray(0, 2).toString('hex')).toBe('ffd8')]] as const) {
      // The password goes through curl's config on stdin, never the command line.
      const r = await run('curl', ['-sS', '--fail', `--${scheme}`, '-K', '-', `${cam.url}${path}`], `user = "root:${cam.password}"\n`);
      expect(r.code, r.err).toBe(0);
      check(r.out);
    }
  });

  test(`Python urllib (${scheme}) reads a config list and a snapshot`, async () => {
    if (!(await has('python3'))) skipBecause('python3 is not installed on this machine');
    const list = await run('python3', ['-c', PY, cam.url, scheme, LIST], cam.password);
    expect(list.code, list.err).toBe(0);
    expect(list.out.toString()).toMatch(/^Brand\.ProdNbr=\S+\r?\n$/);
    const jpeg = await run('python3', ['-c', PY, cam.url, scheme, '/image.cgi'], cam.password);
    expect(jpeg.code, jpeg.err).toBe(0);
    expect(jpeg.out.subarray(0, 2).toString('hex')).toBe('ffd8');
  });
}

test('the Digest challenges come MD5 first by default; --digest sets the set and the order', async () => {
  const first = async (c: VirtualCamera) => {
    const res = await fetch(`${c.url}${LIST}`);
    await res.arrayBuffer();
    return res.headers.get('www-authenticate') ?? '';
  };
  expect(await first(cam)).toMatch(/^Digest .*algorithm=MD5.*Digest .*algorithm=SHA-256/);
  const sha = await startVirtualCamera({ digest: parseDigestAlgorithms('sha-256') });
  try {
    const h = await first(sha);
    expect(h).toMatch(/algorithm=SHA-256/);
    expect(h).not.toMatch(/algorithm=MD5/);
    // A client that only speaks MD5 is refused by a camera that offers SHA-256 only.
    if (!(await has('python3'))) skipBecause('python3 is not installed on this machine');
    const py = await run('python3', ['-c', PY, sha.url, 'digest', LIST], sha.password);
    expect(py.code).not.toBe(0);
  } finally {
    await sha.stop();
  }
  expect(() => parseDigestAlgorithms('md5,sha1')).toThrow(/unknown Digest algorithm "sha1"/);
  expect(() => parseDigestAlgorithms('md5,MD5')).toThrow(/given twice/);
});
