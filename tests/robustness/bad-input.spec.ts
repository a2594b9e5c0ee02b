// Bad input to every CGI the camera lists: missing, unknown, duplicated, over-long and
// non-UTF-8 parameters, out-of-range and wrongly typed values, path traversal in paths and
// values, uploads beyond the camera's limit.
//   Required (the data-safety and HTTP floor, whatever the spec leaves open): an answer
//   below 500 in time, no file outside the camera's data revealed, the camera up
//   afterwards, and a refused request changes nothing (configuration, users, SD card).
//   Observed (house rules robustness.*): whether each kind is refused, with a 4xx, with a
//   `# Error:` line. The spec defines no error answer, so a `# Error:` line under 200 is a
//   refusal too.
// Destructive CGIs (destructive-cgis.ts) get none of this: a camera that ignores what it
// does not know would act on it. Only the oversized uploads, which need them, go to
// restore.cgi and firmwareupgrade.cgi: @destructive, HIL_DESTRUCTIVE=1 on a physical camera.
import { expect, spec, test } from '../../fixtures/index.ts';
import { skipBecause, skipIf } from '../../fixtures/skip.ts';
import { UploadCutOff } from '../../lib/camera/index.ts';
import { destructiveEffect } from './destructive-cgis.ts';
import { watchInternalErrors } from './internal-errors.ts';
import { badValueProbes, junkProbes, TRAVERSAL_PATHS, type Probe } from './probes.ts';
import { RefusalBook, stillUp } from './refusals.ts';
import { multipartFile, rawUpload } from './raw-upload.ts';
import { judgeRefusal, send } from './send.ts';
import { cgisOf, probeableCgis } from './target-cgis.ts';
import { StateWatch } from './unchanged.ts';

const KIB = 1024;

function noteLeftOut(target: Parameters<typeof probeableCgis>[0]): void {
  const { leftOut } = probeableCgis(target);
  for (const why of leftOut) console.log(`robustness: ${why}`);
  if (leftOut.length) test.info().annotations.push({ type: 'not probed', description: leftOut.join('\n') });
}

test.describe('bad input', () => {
  test('every CGI the camera lists refuses junk parameters', spec('1.1', 'every CGI', { severity: 'critical' }), async ({ camera, target, stateGuard, observe }) => {
    void stateGuard; // restores should a CGI wrongly accept something
    noteLeftOut(target);
    const book = new RefusalBook(camera, await StateWatch.start(camera));
    const watch = watchInternalErrors();
    let logged: string[] = [];
    try {
      for (const { path, probes } of junkProbes(target)) {
        await test.step(`${path}: unknown, duplicated, over-long, non-UTF-8 parameters, a wrong method`, () => book.probeAll(probes));
      }
    } finally {
      logged = watch.stop();
    }
    await test.info().attach('refusals.txt', { body: book.report(observe), contentType: 'text/plain' });
    await test.step('the camera is up', async () => {
      expect((await camera.video.videoStatus())[0].camera).toBe(1);
    });
    expect(logged, 'internal errors the camera logged').toEqual([]);
    expect(book.defects, 'server errors, hangs, leaks, and refused requests that changed the camera').toEqual([]);
  });

  test('missing, out-of-range and wrongly typed parameters are refused, naming the problem', spec('1.1', 'every CGI', { severity: 'critical' }), async ({ camera, target, stateGuard, observe }) => {
    void stateGuard;
    noteLeftOut(target);
    const book = new RefusalBook(camera, await StateWatch.start(camera));
    const watch = watchInternalErrors();
    let logged: string[] = [];
    try {
      for (const { entry, probes } of badValueProbes(target)) {
        await test.step(`${entry.path} (spec ${entry.section}): ${probes.map((b) => b.what).join('; ')}`, () => book.probeAll(probes));
      }
    } finally {
      logged = watch.stop();
    }
    await test.info().attach('refusals.txt', { body: book.report(observe), contentType: 'text/plain' });
    await test.step('the camera is up', async () => {
      expect((await camera.video.videoStatus())[0].camera).toBe(1);
    });
    expect(logged, 'internal errors the camera logged').toEqual([]);
    expect(book.defects, 'server errors, hangs, leaks, and refused requests that changed the camera').toEqual([]);
  });

  test('path traversal in the request path reveals no file and is refused', spec('1.1', 'every CGI'), async ({ camera, observe }) => {
    const book = new RefusalBook(camera, await StateWatch.start(camera));
    const probes: Probe[] = TRAVERSAL_PATHS.map((path) => ({ path, method: 'GET', query: '', what: 'no query', kind: 'path' }));
    await test.step(`GET ${TRAVERSAL_PATHS.length} paths with .., %2e%2e, backslashes, a NUL, odd case`, () => book.probeAll(probes));
    await test.info().attach('refusals.txt', { body: book.report(observe), contentType: 'text/plain' });
    expect(book.defects, 'server errors, hangs, files revealed').toEqual([]);
    expect((await camera.video.videoStatus())[0].camera).toBe(1);
  });

  test('uploads beyond the camera\'s limit are refused and store nothing', spec('1.6', 'restore.cgi', { tags: ['@destructive'] }), async ({ camera, target, stateGuard, observe }) => {
    // restore.cgi and firmwareupgrade.cgi are destructive: a camera without a size limit
    // that took the junk as a backup or an image would really restore or flash it.
    if (!target.destructiveAllowed) skipBecause(`oversized uploads to restore.cgi and firmwareupgrade.cgi are destructive: skipped on ${target.name}; set HIL_DESTRUCTIVE=1 to run them on a physical camera`);
    void stateGuard;
    const listed = new Set(cgisOf(target).map((c) => c.path));
    // Beyond the virtual camera's limits (restore 2 MiB, firmware 16 MiB, each plus 4 KiB
    // of form around the file): beyond any backup, and beyond its image limit, for a
    // physical camera too.
    const uploads = [
      { path: '/restore.cgi', bytes: 2 * 1024 * KIB + 64 * KIB },
      { path: '/firmwareupgrade.cgi', bytes: 16 * 1024 * KIB + 64 * KIB },
    ].filter((u) => listed.has(u.path));
    expect(uploads.length, 'upload CGIs the camera lists').toBeGreaterThan(0);
    const stateWatch = await StateWatch.start(camera);
    const notRefused: string[] = [];
    const not413: string[] = [];
    for (const u of uploads) {
      await test.step(`${u.path}: ${u.bytes} bytes as octet-stream and as a multipart form (a camera that accepts it really ${destructiveEffect(u.path)})`, async () => {
        const junk = Buffer.alloc(u.bytes, 0x5a);
        for (const form of [false, true]) {
          const shown = `${u.path} (${form ? 'multipart' : 'octet-stream'})`;
          const body = form ? multipartFile(junk) : { body: junk, contentType: 'application/octet-stream' };
          const a = await send(camera, u.path, { method: 'POST', query: '', ...body }, 30_000).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
          if (a instanceof Error) {
            // A camera may refuse by closing the connection mid-body (UploadCutOff, lib/camera):
            // a refusal once it answers again and nothing changed (checked below).
            if (!(a instanceof UploadCutOff)) throw a;
            await stillUp(camera, `an oversized upload to ${shown}`);
            not413.push(`${shown}: connection closed during the upload`);
          } else {
            expect(a.status, `${shown}: a server error`).toBeLessThan(500);
            const j = judgeRefusal(a);
            if (!j.refused) notRefused.push(`${shown}: accepted, ${j.shown}`);
            else if (a.status !== 413) not413.push(`${shown}: ${j.shown}`);
          }
          expect(await stateWatch.changes(), `${shown}: what the oversized upload changed`).toEqual([]);
        }
      });
    }
    observe('robustness.upload.too-large.refused', { expected: 'every upload refused', observed: notRefused.join(' | ') || 'every upload refused', holds: notRefused.length === 0 });
    observe('robustness.upload.too-large.status', { expected: 'HTTP 413', observed: not413.join(' | ') || 'HTTP 413', holds: not413.length === 0 && notRefused.length === 0 });
    await stateWatch.finish('oversized uploads');
  });

  test('an upload cut off mid-body leaves the camera up, unchanged and without an internal error', spec('1.6', 'restore.cgi'), async ({ camera, target, stateGuard }) => {
    void stateGuard;
    const stateWatch = await StateWatch.start(camera);
    const listed = new Set(cgisOf(target).map((c) => c.path));
    // restore.cgi is destructive: a camera that acted on the first kilobyte of a cut-off
    // body would restore junk. The speaker (toSERVER.cgi) is cut off on every camera.
    const paths = ['/restore.cgi', '/toSERVER.cgi'].filter((p) => listed.has(p) && (p !== '/restore.cgi' || target.destructiveAllowed));
    if (listed.has('/restore.cgi') && !target.destructiveAllowed) console.log('robustness: restore.cgi cut-off upload left out: it is destructive; set HIL_DESTRUCTIVE=1 to include it');
    if (paths.length === 0) skipBecause('the camera lists neither restore.cgi nor toSERVER.cgi: no upload to cut off');
    const watch = watchInternalErrors();
    let logged: string[] = [];
    try {
      for (const path of paths) {
        await test.step(`${path}: 1000 of a declared 100000 bytes, then the client vanishes`, async () => {
          const type = path === '/restore.cgi' ? 'application/octet-stream' : 'audio/basic';
          const talker = await rawUpload(target, path, type, 100_000, Buffer.alloc(1000, 0xff), 300);
          talker.abort(); // the client vanishes mid-body
        });
      }
      await new Promise((r) => setTimeout(r, 300)); // let the camera notice
      expect((await camera.video.videoStatus())[0].camera).toBe(1);
    } finally {
      logged = watch.stop();
    }
    expect(logged, 'internal errors the camera logged (a 500 it could not deliver)').toEqual([]);
    expect(await stateWatch.changes(), 'what the cut-off uploads changed').toEqual([]);
    await stateWatch.finish('cut-off uploads');
  });

  test('an audio upload declaring 4 GiB is refused or paced, and the speaker is free once the talker leaves', spec('7.5', 'toSERVER.cgi'), async ({ camera, target, caps, observe }) => {
    if (!cgisOf(target).some((c) => c.path === '/toSERVER.cgi')) skipBecause('the camera lists no toSERVER.cgi');
    skipIf(caps.require('audio'));
    // The harness's client never sends a Content-Length it does not keep: a raw socket
    // declares 4 GiB (six days of audio), sends one second, and vanishes.
    const talker = await rawUpload(target, '/toSERVER.cgi', 'audio/basic', 4 * 1024 ** 3, Buffer.alloc(8000, 0xff));
    try {
      if (talker.status === 401) skipBecause('the camera refuses Basic authentication, which the raw upload uses');
      await test.step('the early answer, if any: no server error', async () => {
        if (talker.status !== undefined) expect(talker.status, `answer to a declared 4 GiB upload: ${talker.text}`).toBeLessThan(500);
        const paced = talker.status === undefined;
        const refused = talker.status !== undefined && talker.status >= 400;
        observe('robustness.audio.endless-upload', { expected: 'paced (no early answer) or a 4xx', observed: paced ? 'paced (no early answer)' : `HTTP ${talker.status} ${talker.text}`, holds: paced || refused });
      });
      await test.step('while the talker holds the speaker, the camera answers other requests', async () => {
        expect((await camera.video.videoStatus())[0].camera).toBe(1);
      });
    } finally {
      talker.abort();
    }
    await test.step('once the talker left, a short upload is played', async () => {
      const played = async () => (await send(camera, '/toSERVER.cgi', { method: 'POST', query: '', body: Buffer.alloc(160, 0xff), contentType: 'audio/basic' })).status;
      await expect.poll(async () => { const s = await played(); return s >= 200 && s < 300; }, { timeout: 10_000, intervals: [250], message: 'a 20 ms upload is accepted (2xx) once the talker left' }).toBe(true);
    });
  });

  test('every CGI the virtual camera lists is in the robustness catalog', { tag: '@virtual-only' }, async ({ target }) => {
    // The virtual camera's own route table against the catalogue: a physical camera lists
    // no routes (the spec's CGIs are used there).
    const missing = cgisOf(target).filter((c) => !c.entry).map((c) => c.path);
    expect(cgisOf(target).length, 'routes the virtual camera lists').toBeGreaterThan(20);
    expect(missing, 'routes without an entry in tests/robustness/cgi-catalog.ts').toEqual([]);
  });
});
