// The harness against a camera that answers badly: slow beyond the client's deadline,
// connections reset or closed, 503s, a body shorter than its Content-Length, a write that
// answers OK and does nothing, a reboot that takes too long, never ends or never starts.
// Each must come out as a camera defect with a clear message, inside the test's own time:
// no hang, no runner timeout, no crash. Only a camera that cannot be reached at all, from
// the start, is a lab problem.
import { expect, test } from '@playwright/test';
import {
  Camera,
  CameraConnectionError,
  CameraHttpError,
  CameraProtocolError,
  CameraUnreachableError,
  isUnreachable,
} from '../../lib/camera/index.ts';
import { startVirtualCamera } from '../../rigs/virtual-camera/index.ts';
import { categoryOf, failureOf, faultyCamera, type FaultyCamera } from './support.ts';

let cam: FaultyCamera | undefined;
test.afterEach(async () => {
  await cam?.close();
  cam = undefined;
});

test.describe('the harness under request faults', () => {
  test.describe.configure({ timeout: 20_000 });

  test('latency beyond the client deadline: the camera did not answer in time, naming the request and the deadline', async () => {
    cam = await faultyCamera('latency=3000@/config.cgi', { timeoutMs: 800 });
    const t0 = Date.now();
    const err = await failureOf(cam.camera.config.list(['Brand']));
    expect(err).toBeInstanceOf(CameraConnectionError);
    expect(err.message).toMatch(/^camera did not answer in time: GET \/config\.cgi\?action=list&group=Brand: no (complete answer|response headers) within 800 ms$/);
    expect(categoryOf(err)).toBe('camera defect');
    expect(Date.now() - t0, 'the client gave up at its deadline, not at the camera\'s pace').toBeLessThan(2800);
    await test.step('other paths are not delayed: the camera still answers within the deadline', async () => {
      expect((await cam!.camera.video.videoStatus())[0].hasVideo).toBe(true);
    });
    expect(cam.transcript.toText()).toContain('no complete answer within 800 ms');
  });

  test('latency below the deadline: the request succeeds, only slower', async () => {
    cam = await faultyCamera('latency=300@/config.cgi', { timeoutMs: 2000 });
    await cam.camera.video.videoStatus(); // the client learns the auth scheme: one request per call from here
    const t0 = performance.now();
    expect((await cam.camera.config.list(['Brand'])).get('Brand.ProdNbr')).toBe(cam.vc.state.model.prodNbr);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(295);
    expect(cam.faults.counts().latency).toBe(1);
  });

  test('a connection reset: the camera dropped the connection, and the next request is served again', async () => {
    cam = await faultyCamera('reset=every:2@/config.cgi');
    await cam.camera.video.videoStatus(); // the client learns the auth scheme: one request per call from here
    await cam.camera.config.list(['Brand']); // 1st: served
    const err = await failureOf(cam.camera.config.list(['Brand'])); // 2nd: reset
    expect(isUnreachable(err)).toBe(false);
    expect(err.message).toMatch(
      /^camera dropped the connection: GET \/config\.cgi\?action=list&group=Brand: connection (reset by the camera without an answer \(ECONNRESET\)|closed by the camera without an answer \(UND_ERR_SOCKET\))$/,
    );
    expect(categoryOf(err)).toBe('camera defect');
    await cam.camera.config.list(['Brand']); // 3rd: served, on a new connection
    expect(cam.faults.counts().reset).toBe(1);
  });

  test('a hang-up without an answer: the camera dropped the connection', async () => {
    cam = await faultyCamera('hangup=/systemlog.cgi');
    const err = await failureOf(cam.camera.system.systemLog());
    expect(err.message).toMatch(/^camera dropped the connection: GET \/systemlog\.cgi: connection (closed|reset) by the camera without an answer \((UND_ERR_SOCKET|ECONNRESET)\)$/);
    expect(categoryOf(err)).toBe('camera defect');
  });

  test('503 refusals: an HTTP error with the status and the camera\'s error line', async () => {
    cam = await faultyCamera('refuse=/time.cgi');
    const err = await failureOf(cam.camera.time.get());
    expect(err).toBeInstanceOf(CameraHttpError);
    expect((err as CameraHttpError).status).toBe(503);
    expect(err.message).toBe('GET /time.cgi?action=get failed: HTTP 503 (# Error: service unavailable: /time.cgi is refused (fault injection))');
    expect(categoryOf(err)).toBe('camera defect');
  });

  test('a body shorter than its Content-Length: the camera broke HTTP, not a silently short reply', async () => {
    cam = await faultyCamera('bodylength=/config.cgi');
    const err = await failureOf(cam.camera.config.list(['Brand']));
    expect(err).toBeInstanceOf(CameraProtocolError);
    const m = /^camera broke HTTP: GET \/config\.cgi\?action=list&group=Brand: body shorter than its Content-Length: (\d+) of (\d+) bytes, then the connection closed \(UND_ERR_SOCKET\)$/.exec(err.message);
    expect(m, err.message).not.toBeNull();
    expect(Number(m![2]) - Number(m![1]), 'the camera declared 64 bytes more than it sent').toBe(64);
    expect(categoryOf(err)).toBe('camera defect');
  });

  test('a CGI that answers OK and does nothing: the read-back check catches it as a camera defect', async () => {
    cam = await faultyCamera('noop=/config.cgi');
    const name = 'Image.I0.Text.String';
    const before = await cam.camera.config.get(name);
    const wanted = `noop-${Date.now() % 100000}`;
    await cam.camera.config.update({ [name]: wanted }); // the camera says OK
    // What every suite does after a change: read it back.
    const err = await failureOf((async () => expect(await cam!.camera.config.get(name), `${name} read back after update`).toBe(wanted))());
    expect(err.message).toContain(`${name} read back after update`);
    expect(err.message).toContain(JSON.stringify(wanted));
    expect(categoryOf(err)).toBe('camera defect');
    expect(await cam.camera.config.get(name)).toBe(before);
  });

  test('a reboot that never ends: awaitRestart gives up at its deadline, a camera defect naming the time waited', async () => {
    cam = await faultyCamera('reboot=never');
    await cam.camera.system.reboot();
    const t0 = Date.now();
    const err = await failureOf(cam.camera.system.awaitRestart({ downWithinMs: 5000, backWithinMs: 1500, probeTimeoutMs: 500 }));
    expect(Date.now() - t0).toBeLessThan(8000);
    expect(err.message).toMatch(
      /^camera went down for a restart and never came back within 1\.5 s: camera unreachable: still no answer after 1500 ms \(\d+ probes of \/videostatus\.cgi\?status=1; last: camera unreachable: GET \/videostatus\.cgi\?status=1: connection refused \(ECONNREFUSED\)\)$/,
    );
    expect(categoryOf(err)).toBe('camera defect');
    expect(cam.transcript.toText()).toContain('gave up waiting for the camera to answer after 1500 ms');
  });

  test('a reboot the camera accepts and never performs: awaitRestart says it never went down', async () => {
    cam = await faultyCamera('noop=/reboot.cgi');
    expect(await cam.camera.system.reboot()).toBe('OK\r\n');
    const err = await failureOf(cam.camera.system.awaitRestart({ downWithinMs: 1500, backWithinMs: 5000, probeTimeoutMs: 500 }));
    expect(err.message).toMatch(/^camera accepted a restart and never went down: camera still answering after 1500 ms \(\d+ probes of \/videostatus\.cgi\?status=1; last: HTTP 401\)$/);
    expect(categoryOf(err)).toBe('camera defect');
    expect(cam.faults.counts().noop).toBe(1);
  });

  test('a slow reboot: a short wait fails as a camera defect, a long enough one sees the camera back', async () => {
    cam = await faultyCamera('reboot=2500');
    await cam.camera.system.reboot();
    const early = await failureOf(cam.camera.system.awaitRestart({ downWithinMs: 5000, backWithinMs: 800, probeTimeoutMs: 400 }));
    expect(early.message).toMatch(/^camera went down for a restart and never came back within 0\.8 s: camera unreachable: still no answer after 800 ms/);
    expect(categoryOf(early)).toBe('camera defect');
    // Still down: the next wait sees it down at once, then back.
    const times = await cam.camera.system.awaitRestart({ downWithinMs: 1000, backWithinMs: 10_000, probeTimeoutMs: 1000 });
    expect(times.backAfterMs).toBeGreaterThan(500);
    expect((await cam.camera.video.videoStatus())[0].hasVideo).toBe(true);
  });

  test('a camera that cannot be reached at all from the start is a lab problem', async () => {
    const vc = await startVirtualCamera();
    const url = vc.url;
    await vc.stop(); // nothing listens on its port any more
    const camera = new Camera({ url, user: vc.user, password: vc.password, timeoutMs: 2000 });
    try {
      const err = await failureOf(camera.config.list(['Brand']));
      expect(err).toBeInstanceOf(CameraUnreachableError);
      expect(isUnreachable(err)).toBe(true);
      expect(err.message).toBe('camera unreachable: GET /config.cgi?action=list&group=Brand: connection refused (ECONNREFUSED)');
      expect(categoryOf(err)).toBe('lab problem');
      expect(err.message).not.toContain(vc.password);
    } finally {
      await camera.close();
    }
  });
});
