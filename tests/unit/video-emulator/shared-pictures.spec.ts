// Cameras in one process that show the same picture encode it once (video/shared-pictures.ts),
// and a camera whose picture differs in anything gets its own.
import { test, expect } from '@playwright/test';
import { startVirtualCamera, type VirtualCamera } from '../../../rigs/virtual-camera/index.ts';
import { lampOf } from '../../../rigs/virtual-camera/video/lamp.ts';
import { sharedPictureCounts } from '../../../rigs/virtual-camera/video/shared-pictures.ts';
import { get, readStream } from './http.ts';

// No OSD: its clock would make pictures a second apart differ.
const SNAPSHOT = '/image.cgi?resolution=320x240&compression=40&clock=0&date=0&text=0';

/** The JPEG without its COM stamp (seq and capture time are each camera's own). */
function unstamped(jpeg: Buffer): Buffer {
  expect(jpeg.subarray(0, 4)).toEqual(Buffer.from([0xff, 0xd8, 0xff, 0xfe]));
  return Buffer.concat([jpeg.subarray(0, 2), jpeg.subarray(4 + jpeg.readUInt16BE(4))]);
}

let cams: VirtualCamera[] = [];
test.beforeEach(async () => {
  cams = await Promise.all([startVirtualCamera(), startVirtualCamera()]);
});
test.afterEach(async () => {
  await Promise.all(cams.map((c) => c.stop()));
});

test('two cameras at the same view share one encode; a difference in either makes its own', async () => {
  const [a, b] = cams;
  const before = sharedPictureCounts();
  const fromA = await get(a, SNAPSHOT);
  const fromB = await get(b, SNAPSHOT);
  expect([fromA.status, fromB.status]).toEqual([200, 200]);
  const mid = sharedPictureCounts();
  // The first may reuse an equal picture an earlier test left; the second certainly reuses the first's.
  expect(mid.encoded - before.encoded + (mid.shared - before.shared)).toBe(2);
  expect(mid.shared - before.shared).toBeGreaterThanOrEqual(1);
  expect(unstamped(fromB.body)).toEqual(unstamped(fromA.body));
  // Each camera still stamps its own frame.
  expect(fromA.body.equals(fromB.body)).toBe(false);

  // Camera b's lamp goes on: its picture is another one, camera a's stays as it was.
  lampOf(b.state).set(true);
  const lit = await get(b, SNAPSHOT);
  expect(unstamped(lit.body)).not.toEqual(unstamped(fromA.body));
  expect(unstamped((await get(a, SNAPSHOT)).body)).toEqual(unstamped(fromA.body));

  // A parameter of one camera (mirror) is part of its picture too.
  expect((await get(a, '/config.cgi?action=update&Image.I0.Appearance.MirrorEnabled=yes')).status).toBe(200);
  const mirrored = await get(a, SNAPSHOT);
  expect(unstamped(mirrored.body)).not.toEqual(unstamped(fromA.body));
});

test('streams of two cameras showing the same picture deliver their own seq, from shared encodes', async () => {
  const [a, b] = cams;
  const before = sharedPictureCounts();
  const path = '/video.cgi?resolution=320x240&compression=40&clock=0&date=0&text=0&fps=10&nbrofframes=5';
  const [sa, sb] = await Promise.all([readStream(a, path), readStream(b, path)]);
  expect(sa.parts.length).toBe(5);
  expect(sb.parts.length).toBe(5);
  const after = sharedPictureCounts();
  // Ten frames of one still picture: encoded at most once per camera (both may miss at once), the rest shared.
  expect(after.encoded - before.encoded).toBeLessThanOrEqual(2);
  expect(after.shared - before.shared).toBeGreaterThanOrEqual(8);
  // Each camera numbers its own frames: increasing, none twice.
  for (const { parts } of [sa, sb]) {
    const seqs = parts.map((p) => Number(/camera-hil seq=(\d+)/.exec(p.body.toString('latin1'))?.[1]));
    expect(seqs.every((n, i) => Number.isInteger(n) && (i === 0 || n > seqs[i - 1])), `seqs ${seqs}`).toBe(true);
  }
});
