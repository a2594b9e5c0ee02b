// `npm start` against a lab that is not ready: bin/signoff.ts runs as a child process (clean
// environment) and must stop before any suite with exit 2 and ONE line naming what is wrong
// and what to check — never a stack trace, never the password.
import { test, expect } from '@playwright/test';
import { join } from 'node:path';
import { startVirtualCamera, type VirtualCamera } from '../../../rigs/virtual-camera/index.ts';
import { startServer, type TestServer } from '../camera/test-server.ts';
import { ROOT, runNode } from '../signoff/child.ts';
import { closedPort, expectOneLine } from './helpers.ts';

const SIGNOFF = join(ROOT, 'bin', 'signoff.ts');

function signoff(env: Record<string, string>) {
  return runNode(['--import', 'tsx', SIGNOFF], env, 30_000);
}

test.describe('npm start stops before any suite when the lab is not ready', () => {
  let cam: VirtualCamera | undefined;
  let server: TestServer | undefined;
  test.afterEach(async () => {
    await cam?.stop();
    await server?.close();
    cam = server = undefined;
  });

  test('a closed port: camera unreachable, check CAMERA_URL', async () => {
    const port = await closedPort();
    const { code, out } = await signoff({ CAMERA_URL: `http://127.0.0.1:${port}`, CAMERA_PASSWORD: 'x' });
    expect(code, out).toBe(2);
    const line = expectOneLine(out);
    expect(line).toContain(`camera unreachable at http://127.0.0.1:${port}: connection refused`);
    expect(line).toContain('check CAMERA_URL');
  });

  test('an HTTP server that is not a camera: asks whether it is one of the family', async () => {
    for (const [status, body] of [[404, '<html><body>Not Found</body></html>'], [200, '<!DOCTYPE html><html><title>Router login</title></html>']] as const) {
      server = await startServer((_req, res) => {
        res.writeHead(status, { 'content-type': 'text/html' });
        res.end(body);
      });
      const { code, out } = await signoff({ CAMERA_URL: server.url, CAMERA_PASSWORD: 'x' });
      expect(code, out).toBe(2);
      const line = expectOneLine(out);
      expect(line).toContain(`${server.url} answers HTTP but not config.cgi (HTTP ${status}`);
      expect(line).toContain('is this a camera of the IP Camera Open API family?');
      expect(server.seen[0].url).toBe('/config.cgi?action=list&group=Brand');
      await server.close();
      server = undefined;
    }
  });

  test('a wrong password: credentials rejected, the password is not printed', async () => {
    cam = await startVirtualCamera();
    const wrong = 'Wr0ng-Secret-42';
    const { code, out } = await signoff({ CAMERA_URL: cam.url, CAMERA_PASSWORD: wrong });
    expect(code, out).toBe(2);
    const line = expectOneLine(out);
    expect(line).toContain('credentials rejected for user root');
    expect(line).toContain('check CAMERA_USER / CAMERA_PASSWORD');
    expect(out).not.toContain(wrong);
    expect(out).not.toContain(cam.password); // the real one ("pass") either
  });

  test('a relay board that is not there: names the port', async () => {
    cam = await startVirtualCamera();
    const { code, out } = await signoff({ CAMERA_URL: cam.url, CAMERA_PASSWORD: cam.password, RELAY_DRIVER: 'numato', RELAY_PATH: '/nonexistent' });
    expect(code, out).toBe(2);
    const line = expectOneLine(out);
    expect(line).toMatch(/relay board \(numato on \/nonexistent, from RELAY_DRIVER\/RELAY_PATH\) cannot be opened: .*\/nonexistent does not exist/);
    expect(out).not.toContain(cam.password);
  });
});
