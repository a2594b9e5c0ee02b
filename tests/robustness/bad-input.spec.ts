// Bad input to every CGI the camera lists: missing, unknown, duplicated, over-long and
// non-UTF-8 parameters, out-of-range and wrongly typed values, path traversal in paths and
// values, uploads beyond the camera's limit.
//   Required (the data-safety and HTTP floor, whatever the spec leaves open): an answer
//   below 500 in time, no file outside the camera's data revealed, the camera up
//   afterwards, and a refused request changes nothing (configuration, users, SD card).
//   Observed (house rules robustness.*): whether each kind is refused, with a 4xx, with a
//   `# Error:` line. The spec defines no error answer, so a `# Error:` line under 200 is a
//   refusal too.
// Destructive CGIs (destructive-cgis.ts) get none of this, on any camera, with any
// permission: a camera that ignores what it does not know, or takes junk for a backup or an
// image, would act on it. So no oversized or cut-off upload goes to restore.cgi or
// firmwareupgrade.cgi either (their limits are the emulator's unit tests' business); the
// speaker (toSERVER.cgi) takes the upload abuse.
import { beyondSpec, expect, spec, test } from '../../fixtures/index.ts';
import { skipBecause, skipIf } from '../../fixtures/skip.ts';
import type { Observe } from '../../fixtures/observe.ts';
import type { Camera } from '../../lib/camera/index.ts';
import { watchInternalErrors } from './internal-errors.ts';
import { badValueProbes, junkProbes, TRAVERSAL_PATHS, type Probe } from './probes.ts';
import { RefusalBook } from './refusals.ts';
import { rawUpload } from './raw-upload.ts';
import { send } from './send.ts';
import { cgisOf, probeableCgis } from './target-cgis.ts';
import { StateWatch } from './unchanged.ts';

function noteLeftOut(target: Parameters<typeof probeableCgis>[0]): void {
  const { leftOut } = probeableCgis(target);
  for (const why of leftOut) console.log(`robustness: ${why}`);
  if (leftOut.length) test.info().annotations.push({ type: 'not probed', description: leftOut.join('\n') });
}

/**
 * Sends each group of probes as a step, with the camera's internal errors watched, then
 * requires: the camera is up, it logged no internal error, and no probe was a defect (a
 * server error, a hang, a leak, or a refused request that changed the camera).
 */
async function probeEvery(camera: Camera, observe: Observe, groups: { title: string; probes: Probe[] }[]): Promise<void> {
  const book = new RefusalBook(camera, await StateWatch.start(camera));
  const watch = watchInternalErrors();
  let logged: string[] = [];
  try {
    for (const g of groups) await test.step(g.title, () => book.probeAll(g.probes));
  } finally {
    logged = watch.stop();
  }
  await test.info().attach('refusals.txt', { body: book.report(observe), contentType: 'text/plain' });
  await test.step('the camera is up', async () => {
    expect((await camera.video.videoStatus())[0].camera).toBe(1);
  });
  expect(logged, 'internal errors the camera logged').toEqual([]);
  expect(book.defects, 'server errors, hangs, leaks, and refused requests that changed the camera').toEqual([]);
}

test.describe('bad input', () => {
  test('every CGI the camera lists refuses junk parameters', spec('1.1', 'every CGI', { severity: 'critical', tags: ['@changes-config'] }), async ({ camera, target, observe }) => {
    // @changes-config: the state guard restores what a CGI wrongly accepts
    noteLeftOut(target);
    await probeEvery(camera, observe, junkProbes(target).map(({ path, probes }) => ({ title: `${path}: unknown, duplicated, over-long, non-UTF-8 parameters, a wrong method`, probes })));
  });

  test('missing, out-of-range and wrongly typed parameters are refused, naming the problem', spec('1.1', 'every CGI', { severity: 'critical', tags: ['@changes-config'] }), async ({ camera, target, observe }) => {
    noteLeftOut(target);
    await probeEvery(camera, observe, badValueProbes(target).map(({ entry, probes }) => ({ title: `${entry.path} (spec ${entry.section}): ${probes.map((b) => b.what).join('; ')}`, probes })));
  });

  test('path traversal in the request path reveals no file and is refused', spec('1.1', 'every CGI'), async ({ camera, observe }) => {
    const book = new RefusalBook(camera, await StateWatch.start(camera));
    const probes: Probe[] = TRAVERSAL_PATHS.map((path) => ({ path, method: 'GET', query: '', what: 'no query', kind: 'path' }));
    await test.step(`GET ${TRAVERSAL_PATHS.length} paths with .., %2e%2e, backslashes, a NUL, odd case`, () => book.probeAll(probes));
    await test.info().attach('refusals.txt', { body: book.report(observe), contentType: 'text/plain' });
    expect(book.defects, 'server errors, hangs, files revealed').toEqual([]);
    expect((await camera.video.videoStatus())[0].camera).toBe(1);
  });

  test('an upload cut off mid-body leaves the camera up, unchanged and without an internal error', spec('7.5', 'toSERVER.cgi', { tags: ['@changes-config'] }), async ({ camera, target }) => {
    const stateWatch = await StateWatch.start(camera);
    // Never restore.cgi: a camera that acted on the first kilobyte of a cut-off body would
    // restore junk. The speaker takes the abuse.
    const paths = ['/toSERVER.cgi'].filter((p) => cgisOf(target).some((c) => c.path === p));
    if (paths.length === 0) skipBecause('the camera lists no toSERVER.cgi: no upload to cut off');
    const watch = watchInternalErrors();
    let logged: string[] = [];
    try {
      for (const path of paths) {
        await test.step(`${path}: 1000 of a declared 100000 bytes, then the client vanishes`, async () => {
          const talker = await rawUpload(target, path, 'audio/basic', 100_000, Buffer.alloc(1000, 0xff), 300);
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

  test('every CGI the virtual camera lists is in the robustness catalog', beyondSpec('robustness catalogue of the CGIs', { tags: ['@virtual-only'] }), async ({ target }) => {
    // The virtual camera's own route table against the catalogue: a physical camera lists
    // no routes (the spec's CGIs are used there).
    const missing = cgisOf(target).filter((c) => !c.entry).map((c) => c.path);
    expect(cgisOf(target).length, 'routes the virtual camera lists').toBeGreaterThan(20);
    expect(missing, 'routes without an entry in tests/robustness/cgi-catalog.ts').toEqual([]);
  });
});
