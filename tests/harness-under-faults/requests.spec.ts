// The harness against a camera that answers badly: slow beyond the client's deadline,
// connections reset or closed, 503s, a body shorter than its Content-Length, a write that
// answers OK and does nothing, a reboot that takes too long or never ends. Each must come
// out as the right failure with a clear message, inside the test's own time: no hang, no
// runner timeout, no crash.
import { expect, test } from '@playwright/test';
import { CameraHttpError, isUnreachable } from '../../lib/camera/index.ts';
import { categoryOf, failureOf, faultyCamera, type FaultyCamera } from './support.ts';

let cam: FaultyCamera | undefined;
test.afterEach(async () => {
  await cam?.close();
  cam = undefined;
});

test.describe('the harness under request faults', () => {
  test.describe.configure({ timeout: 20_000 });

  test('latency beyond the client deadline: camera unreachable, naming the request and the deadline', async () => {
    cam = await faultyCamera('latency=3000@/config.cgi', { timeoutMs: 800 });
    const t0 = Date.now();
    const err = await failureOf(cam.camera.config.list(['Brand']));
    expect(err.message).toMatch(/^camera unreachable: GET \/config\.cgi\?action=list&group=Brand: no (complete answer|response headers) within 800 ms$/);
    expect(categoryOf(err)).toBe('rig or lab problem');
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

  test('a connection reset: camera unreachable, and the next request is served again', async () => {
    cam = await faultyCamera('reset=every:2@/config.cgi');
    await cam.camera.video.videoStatus(); // the client learns the auth scheme: one request per call from here
    await cam.camera.config.list(['Brand']); // 1st: served
    const err = await failureOf(cam.camera.config.list(['Brand'])); // 2nd: reset
    expect(isUnreachable(err)).toBe(true);
    expect(err.message).toMatch(/^camera unreachable: GET \/config\.cgi\?action=list&group=Brand: connection (reset by the camera \(ECONNRESET\)|closed by the camera \(UND_ERR_SOCKET\))$/);
    expect(categoryOf(err)).toBe('rig or lab problem');
    await cam.camera.config.list(['Brand']); // 3rd: served, on a new connection
    expect(cam.faults.counts().reset).toBe(1);
  });

  test('a hang-up without an answer: camera unreachable, connection closed', async () => {
    cam = await faultyCamera('hangup=/systemlog.cgi');
    const err = await failureOf(cam.camera.system.systemLog());
    expect(err.message).toMatch(/^camera unreachable: GET \/systemlog\.cgi: connection (closed by the camera|reset by the camera)/);
  });

  test('503 refusals: an HTTP error with the status and the camera\'s error line', async () => {
    cam = await faultyCamera('refuse=/time.cgi');
    const err = await failureOf(cam.camera.time.get());
    expect(err).toBeInstanceOf(CameraHttpError);
    expect((err as CameraHttpError).status).toBe(503);
    expect(err.message).toBe('GET /time.cgi?action=get failed: HTTP 503 (# Error: service unavailable: /time.cgi is refused (fault injection))');
  });

  test('a body shorter than its Content-Length: camera unreachable, not a silently short reply', async () => {
    cam = await faultyCamera('bodylength=/config.cgi');
    const err = await failureOf(cam.camera.config.list(['Brand']));
    expect(isUnreachable(err), err.message).toBe(true);
    expect(err.message).toBe('camera unreachable: GET /config.cgi?action=list&group=Brand: connection closed by the camera (UND_ERR_SOCKET)');
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

  test('a reboot that never ends: waitUntilReachable gives up at its deadline, naming the time waited', async () => {
    cam = await faultyCamera('reboot=never');
    await cam.camera.system.reboot();
    await cam.camera.client.waitUntilUnreachable(5000, { intervalMs: 50, probeTimeoutMs: 500 });
    const t0 = Date.now();
    const err = await failureOf(cam.camera.client.waitUntilReachable(1500, { intervalMs: 100, probeTimeoutMs: 500 }));
    expect(Date.now() - t0).toBeLessThan(4000);
    expect(err.message).toMatch(/^camera unreachable: still no answer after 1500 ms \(\d+ probes of \/videostatus\.cgi\?status=1; last: camera unreachable: GET \/videostatus\.cgi\?status=1: connection refused \(ECONNREFUSED\)\)$/);
    expect(categoryOf(err)).toBe('rig or lab problem');
    expect(cam.transcript.toText()).toContain('gave up waiting for the camera to answer after 1500 ms');
  });

  test('a slow reboot: a short wait fails clearly, a long enough one sees the camera back', async () => {
    cam = await faultyCamera('reboot=2500');
    await cam.camera.system.reboot();
    await cam.camera.client.waitUntilUnreachable(5000, { intervalMs: 50, probeTimeoutMs: 500 });
    const early = await failureOf(cam.camera.client.waitUntilReachable(800, { intervalMs: 100, probeTimeoutMs: 400 }));
    expect(early.message).toMatch(/^camera unreachable: still no answer after 800 ms/);
    const waited = await cam.camera.client.waitUntilReachable(10_000, { intervalMs: 100, probeTimeoutMs: 1000 });
    expect(waited).toBeGreaterThan(500);
    cam.camera.client.resetAuth();
    expect((await cam.camera.video.videoStatus())[0].hasVideo).toBe(true);
  });
});
