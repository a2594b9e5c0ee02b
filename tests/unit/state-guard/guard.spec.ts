// The state guard (fixtures/state-guard.ts) on a camera whose status values change by
// themselves: what a user configured must come back (a CameraDefect otherwise, naming only
// configuration), while ticking clocks, counters, event stamps and the unit's read-only
// groups are reported as moved, never as lost data.
import { test as base, expect } from '@playwright/test';
import { changedNames, compareConfiguration, differences, readOnlyByConvention, saveState } from '../../../fixtures/state-guard.ts';
import { Camera } from '../../../lib/camera/index.ts';
import { CameraDefect } from '../../../lib/errors.ts';
import { startFakeCamera, type FakeCamera } from './fake-camera.ts';

const SETTLE_MS = 250; // the fake's uptime ticks every 100 ms

const test = base.extend<{ fake: FakeCamera; camera: Camera }>({
  fake: async ({}, use) => {
    const fake = await startFakeCamera({ tickMs: 100 });
    await use(fake);
    await fake.close();
  },
  camera: async ({ fake }, use) => {
    const camera = new Camera({ url: fake.url, timeoutMs: 5000 });
    await use(camera);
    await camera.close();
  },
});

const observations = (annotations: { type: string; description?: string }[]) => annotations.filter((a) => a.type === 'observation').map((a) => a.description ?? '');

test.describe('pure parts', () => {
  test('Brand.* and Properties.* are read-only by convention, nothing else', () => {
    expect(readOnlyByConvention('Brand.ProdNbr')).toBe(true);
    expect(readOnlyByConvention('Properties.Firmware.Version')).toBe(true);
    expect(readOnlyByConvention('Status.Uptime')).toBe(false);
    expect(readOnlyByConvention('BrandNew.X')).toBe(false);
    expect(readOnlyByConvention('Image.I0.Text.String')).toBe(false);
  });

  test('changedNames and differences: changed, missing and new parameters, in list order', () => {
    const a = new Map([['A', '1'], ['B', '2'], ['C', '3']]);
    const b = new Map([['A', '1'], ['B', 'x'], ['D', '4']]);
    expect(changedNames(a, b)).toEqual(['B', 'C', 'D']);
    expect(differences(a, b)).toEqual(['  B: was "2", now "x"', '  C: was "3", now missing', '  D: new, "4"']);
    expect(changedNames(a, new Map(a))).toEqual([]);
  });
});

test.describe('on a camera whose status values tick', () => {
  test('a working restore passes; every status value that moved is reported with its rule, none is written', async ({ fake, camera }, testInfo) => {
    const { guard, finish } = await saveState(camera, { settleMs: SETTLE_MS, testInfo });
    expect(guard.before.get('Image.I0.Text.String')).toBe('factory text');
    await camera.config.update({ 'Image.I0.Text.String': 'changed by the test' });
    await new Promise((r) => setTimeout(r, 150)); // the uptime moves on during the test
    await finish();
    expect(fake.config.get('Image.I0.Text.String')).toBe('factory text');
    const [seen, ...more] = observations(testInfo.annotations);
    expect(more).toEqual([]);
    expect(seen).toContain('Properties.System.RestoreCount: was "0", now "1" (status: read-only group)');
    expect(seen).toMatch(/Status\.Requests: .* \(status: changed on its own before the test\)/);
    expect(seen).toMatch(/Status\.Uptime: .* \(status: (changed on its own before the test|changes on its own)\)/);
    expect(seen).toMatch(/Status\.LastChange: .* \(status: the camera refuses to set it\)/);
    expect(testInfo.attachments.map((a) => a.name)).toContain('state-guard-status-moved.txt');
    // ... and as an observation the sign-off lists under "Where the spec is silent", never promoted.
    const record = testInfo.attachments.find((a) => a.name === 'observation: general.status.still');
    expect(JSON.parse(record!.body!.toString())).toMatchObject({ name: 'general.status.still', chapter: '1.1.2', holds: false, promoted: false });
    // The guard tried to write only the event stamp (refused): the camera took no write but the test's.
    expect(fake.updates).toEqual(['Image.I0.Text.String=changed by the test']);
  });

  test('a restore that forgets one configured parameter: a CameraDefect naming it alone; the guard writes it back', async ({ fake, camera }, testInfo) => {
    const { finish } = await saveState(camera, { settleMs: SETTLE_MS, testInfo });
    await camera.config.update({ 'Network.HostName': 'hil-left', 'Image.I0.Text.String': 'restored anyway' });
    fake.restoreMode = { kind: 'forgets', name: 'Network.HostName' };
    const err = await finish().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(CameraDefect);
    expect((err as Error).message).toBe('state guard: the camera was not restored to its state before the test; differing parameters:\n  Network.HostName: was "cam-1", now "hil-left"');
    expect(fake.config.get('Network.HostName'), 'written back to the value before the test').toBe('cam-1');
    expect(fake.config.get('Image.I0.Text.String')).toBe('factory text');
    expect(observations(testInfo.annotations).join('\n')).not.toContain('HostName');
  });

  test('a restore that answers OK and does nothing: every changed configured parameter is named', async ({ fake, camera }, testInfo) => {
    const { finish } = await saveState(camera, { settleMs: SETTLE_MS, testInfo });
    await camera.config.update({ 'Time.POSIXTimeZone': 'CET-1', 'Image.I0.Text.String': 'left behind' });
    fake.restoreMode = { kind: 'noop' };
    const err = await finish().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(CameraDefect);
    const lines = (err as Error).message.split('\n').slice(1);
    expect(lines).toEqual(['  Image.I0.Text.String: was "factory text", now "left behind"', '  Time.POSIXTimeZone: was "UTC0", now "CET-1"']);
  });

  test('compareConfiguration without writing back: a value that stays put is configuration, one that ticks is status', async ({ fake, camera }) => {
    const before = await camera.config.list();
    fake.config.set('Network.HostName', 'changed behind our back');
    await new Promise((r) => setTimeout(r, 150));
    const after = await camera.config.list();
    const c = await compareConfiguration(camera, before, after, { settleMs: SETTLE_MS, writeBack: false });
    expect(c.lost).toEqual(['  Network.HostName: was "cam-1", now "changed behind our back"']);
    expect(c.moved.map((l) => l.split(':')[0].trim()).sort()).toEqual(['Status.Requests', 'Status.Uptime']);
    expect(c.repaired).toEqual([]);
    expect(fake.config.get('Network.HostName')).toBe('changed behind our back');
  });
});

// The guard runs in fixture teardown: its report must reach the test there too.
const teardownTest = test.extend<{ guarded: Camera }>({
  guarded: async ({ camera }, use) => {
    const { finish } = await saveState(camera, { settleMs: SETTLE_MS });
    await use(camera);
    await finish();
    expect(observations(base.info().annotations).join('\n')).toContain('Status.LastChange');
  },
});

teardownTest('in fixture teardown the moved status values become an observation on the running test', async ({ guarded }) => {
  await guarded.config.update({ 'Image.I0.Text.String': 'changed in the test body' });
});
