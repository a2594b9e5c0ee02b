// The robustness probes never rely on a refusal for safety. A virtual camera in the
// `lenient` dialect ignores query parameters it does not know — reboot.cgi?hilbogus=1
// reboots it, as a real camera of that kind would. Every request the robustness suites
// send (junk, bad values, traversal paths, a fuzz run) and the role matrix's admin requests
// go to one such camera; it must never restart, reset, flash, restore, format or remove:
// no shutdown or factory event, the same boot time, no such line in its system log, a
// changed parameter and a marker user still there, every recording still on the card.
// The same junk aimed at the destructive CGIs themselves never leaves the harness: the
// lib/camera client refuses it (HarnessDefect) before sending. A positive control shows
// that the watch does see a reboot.
import { expect, test } from '@playwright/test';
import { Camera, Transcript } from '../../../lib/camera/index.ts';
import { HarnessDefect } from '../../../lib/errors.ts';
import { startVirtualCamera, type VirtualCamera } from '../../../rigs/virtual-camera/index.ts';
import { DESTRUCTIVE_CGIS, isDestructiveCgi } from '../../robustness/destructive-cgis.ts';
import { assertNoDestructive, badValueProbes, fuzzList, fuzzSeeds, junkFor, junkProbes, TRAVERSAL_PATHS } from '../../robustness/probes.ts';
import { send } from '../../robustness/send.ts';
import { cgisOf } from '../../robustness/target-cgis.ts';
import { ROLE_MATRIX } from '../../security/role-matrix.data.ts';

const FUZZ_SEED = 20240611;
const FUZZ_COUNT = 300;
const MARKER = { name: 'Time.POSIXTimeZone', value: 'CET-1CEST,M3.5.0,M10.5.0/3' };
const MARKER_USER = { name: 'hilmark', password: 'Hil-Marker-9d2e' };
/** System log lines of the actions a destructive CGI performs. */
const DESTRUCTIVE_LOG = /reboot|factory default|firmware upgrade|restore:|formatted|recordings? .*removed/i;

interface Request {
  path: string;
  method: string;
  query: string;
  body?: Buffer;
  contentType?: string;
}

/** Every request the robustness suites would send to this camera, and the role matrix's admin ones. */
function requestList(cam: VirtualCamera): Request[] {
  const target = { virtual: cam };
  const probes: Request[] = [
    ...junkProbes(target).flatMap((g) => g.probes),
    ...badValueProbes(target).flatMap((g) => g.probes),
    ...TRAVERSAL_PATHS.map((path) => ({ path, method: 'GET', query: '' })),
    ...fuzzList(fuzzSeeds(target), FUZZ_SEED, FUZZ_COUNT),
  ];
  assertNoDestructive(probes, 'robustness probes');
  const matrix = ROLE_MATRIX.filter((r) => !isDestructiveCgi(r.path)).map((r) => ({ ...r, body: r.body === undefined ? undefined : Buffer.from(r.body) }));
  return [...probes, ...matrix];
}

test('the robustness probes never restart, reset or erase a camera that ignores unknown parameters', async () => {
  test.setTimeout(120_000);
  const cam = await startVirtualCamera({ dialects: ['lenient'] });
  const camera = new Camera({ url: cam.url, user: cam.user, password: cam.password, timeoutMs: 10_000 });
  const events: string[] = [];
  cam.state.events.on('shutdown', (ms) => events.push(`shutdown for ${ms} ms`));
  cam.state.events.on('factory', (hard) => events.push(hard ? 'hard factory default' : 'factory default'));
  try {
    await test.step('the camera is lenient: an unknown parameter is ignored, not refused', async () => {
      const r = await camera.client.get('/config.cgi', 'action=list&group=Brand.ProdNbr&hilbogus=1', { expectStatus: 'any' });
      expect(r.status, r.text).toBe(200);
      expect(r.text).toMatch(/^Brand\.ProdNbr=/m);
    });
    await camera.config.update({ [MARKER.name]: MARKER.value });
    await camera.users.add(MARKER_USER.name, MARKER_USER.password, { role: 'viewer' });
    const recordings = await camera.storage.recordings();
    expect(recordings.length, 'recordings on the virtual SD card to watch').toBeGreaterThan(0);
    const bootedAt = cam.state.bootedAt.ms;
    const firmware = cam.state.firmware;
    const logBefore = (await camera.system.systemLog()).length;

    const list = requestList(cam);
    expect(list.filter((r) => isDestructiveCgi(r.path)), 'requests to destructive CGIs').toEqual([]);
    const statuses = new Map<number, number>();
    await test.step(`send all ${list.length} requests`, async () => {
      for (const r of list) {
        const a = await send(camera, r.path, r).catch(() => undefined); // a closed connection is no concern here
        if (a) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
      }
    });
    test.info().annotations.push({ type: 'statuses', description: [...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}x${n}`).join(' ') });
    expect(statuses.get(200) ?? 0, 'requests the lenient camera accepted (it ignored what it did not know)').toBeGreaterThan(50);

    await test.step('the client refuses, before sending, the same junk aimed at the destructive CGIs', async () => {
      const destructive = cgisOf({ virtual: cam }).filter((c) => isDestructiveCgi(c.path));
      expect(destructive.map((c) => c.path).sort(), 'destructive CGIs the lenient camera lists').toEqual([...DESTRUCTIVE_CGIS].sort());
      const transcript = new Transcript({ secrets: [cam.password] });
      const guarded = new Camera({ url: cam.url, user: cam.user, password: cam.password, transcript, timeoutMs: 10_000 });
      try {
        for (const p of destructive.flatMap((c) => junkFor(c))) {
          const err = await send(guarded, p.path, p).then(() => undefined, (e: unknown) => e);
          expect(err, `${p.method} ${p.path} with ${p.what}`).toBeInstanceOf(HarnessDefect);
        }
      } finally {
        await guarded.close();
      }
      expect(transcript.toText(), 'requests that left the harness').toBe('');
    });

    await test.step('it never restarted, reset, flashed, restored, formatted or removed', async () => {
      expect(events, 'shutdown and factory events').toEqual([]);
      expect(cam.state.bootedAt.ms, 'boot time (a restart sets it anew)').toBe(bootedAt);
      expect(cam.state.firmware).toBe(firmware);
      const added = (await camera.system.systemLog()).slice(logBefore);
      expect(added.filter((l) => DESTRUCTIVE_LOG.test(l)), 'system log lines of destructive actions').toEqual([]);
      expect(await camera.config.require(MARKER.name), 'a changed parameter survives').toBe(MARKER.value);
      expect((await camera.users.get()).map((u) => u.name), 'the marker user survives').toContain(MARKER_USER.name);
      expect((await camera.storage.recordings()).map((r) => r.recordingId).sort(), 'every recording is still on the card').toEqual(recordings.map((r) => r.recordingId).sort());
    });

    await test.step('control: the same watch sees reboot.cgi?hilbogus=1 reboot it (sent raw, past the harness client)', async () => {
      const res = await fetch(`${cam.url}/reboot.cgi?hilbogus=1`, { headers: { authorization: `Basic ${Buffer.from(`${cam.user}:${cam.password}`).toString('base64')}` } });
      expect(res.status).toBe(200);
      await expect.poll(() => events.length, { timeout: 5000 }).toBeGreaterThan(0);
      expect(events[0]).toMatch(/^shutdown/);
    });
  } finally {
    await camera.close();
    await cam.stop();
  }
});
