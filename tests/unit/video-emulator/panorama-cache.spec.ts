// The panorama is built once and read back by later processes: what they read must be the
// very picture a build gives, and a missing, damaged or unwritable cache only costs a build.
import { test, expect } from '@playwright/test';
import { mkdtempSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrBuild, panoramaCacheFile, type PixelPlanes } from '../../../rigs/virtual-camera/video/panorama-cache.ts';
import { buildPanorama, panorama, PANORAMA_HEIGHT, PANORAMA_SEED, PANORAMA_WIDTH } from '../../../rigs/virtual-camera/video/panorama.ts';

const W = 64;
const H = 32;

function planes(seed: number): PixelPlanes {
  const pixels = new Uint32Array(W * H).map((_, i) => (i * 2654435761 + seed) >>> 0);
  return { pixels, gray: new Uint8Array(W * H).map((_, i) => (i + seed) & 0xff) };
}

function counting(seed: number) {
  const calls = { n: 0 };
  return { calls, build: () => (calls.n++, planes(seed)) };
}

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'panorama-cache-'));
});
test.afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

test('the first call builds and leaves a copy; the next reads exactly what was built', () => {
  const first = counting(1);
  const built = loadOrBuild(W, H, 1, first.build, { dir, code: 'v1' });
  expect(first.calls.n).toBe(1);
  expect(statSync(panoramaCacheFile(W, H, 1, 'v1', dir)).size).toBe(W * H * 5);
  const second = counting(1);
  const read = loadOrBuild(W, H, 1, second.build, { dir, code: 'v1' });
  expect(second.calls.n, 'read from the cache, not built').toBe(0);
  expect(Buffer.from(read.pixels.buffer).equals(Buffer.from(built.pixels.buffer))).toBe(true);
  expect(Buffer.from(read.gray).equals(Buffer.from(built.gray))).toBe(true);
  expect(readdirSync(dir).filter((f) => f.endsWith('.tmp')), 'no half file left').toEqual([]);
});

test('other drawing code, size or seed never reads an old picture, and the old file is removed', () => {
  loadOrBuild(W, H, 1, counting(1).build, { dir, code: 'v1' });
  for (const [w, h, seed, code] of [[W, H, 1, 'v2'], [W, H, 2, 'v1'], [W * 2, H, 1, 'v1']] as const) {
    expect(panoramaCacheFile(w, h, seed, code, dir)).not.toBe(panoramaCacheFile(W, H, 1, 'v1', dir));
  }
  const changed = counting(1);
  loadOrBuild(W, H, 1, changed.build, { dir, code: 'v2' });
  expect(changed.calls.n).toBe(1);
  expect(readdirSync(dir)).toEqual([panoramaCacheFile(W, H, 1, 'v2', dir).split('/').at(-1)]);
});

test('a cut-short or foreign file is rebuilt, and an unwritable folder only costs the build', () => {
  const file = panoramaCacheFile(W, H, 1, 'v1', dir);
  writeFileSync(file, Buffer.alloc(W * H * 5, 7));
  truncateSync(file, W * H * 5 - 1);
  const again = counting(1);
  const result = loadOrBuild(W, H, 1, again.build, { dir, code: 'v1' });
  expect(again.calls.n).toBe(1);
  expect(result.gray[1]).toBe(planes(1).gray[1]);
  expect(statSync(file).size, 'replaced by a whole copy').toBe(W * H * 5);

  // Not a folder at all (permissions would not stop root, who runs CI).
  const notAFolder = join(dir, 'plain-file');
  writeFileSync(notAFolder, '');
  const locked = counting(1);
  expect(loadOrBuild(W, H, 1, locked.build, { dir: notAFolder, code: 'v1' }).pixels.length).toBe(W * H);
  expect(locked.calls.n).toBe(1);
});

test("the virtual camera's panorama, read from the cache, is the one a fresh build draws", () => {
  test.setTimeout(30_000);
  panorama(); // built (and cached) or read, as the first camera of a process does
  const read = loadOrBuild(PANORAMA_WIDTH, PANORAMA_HEIGHT, PANORAMA_SEED, () => {
    throw new Error('the panorama was not in the cache after panorama() put it there');
  });
  const fresh = buildPanorama(PANORAMA_WIDTH, PANORAMA_HEIGHT, PANORAMA_SEED);
  expect(Buffer.from(read.pixels.buffer).equals(Buffer.from(fresh.pixels.buffer))).toBe(true);
  expect(Buffer.from(read.gray).equals(Buffer.from(fresh.gray))).toBe(true);
});
