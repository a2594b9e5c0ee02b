// The harness against a camera whose MJPEG stream misbehaves: it stalls, loses, repeats
// or delays frames, sends damaged JPEGs, or lies in a part's Content-Length. The harness
// code the video suites run (readMjpeg, timedFrames, inspectJpeg, frameTiming, picture
// comparison) must name each problem exactly: which frame, how many, what is wrong,
// checked against the camera's own log of what it did to every frame.
import { expect, test } from '@playwright/test';
import type { FrameEvent } from '../../rigs/virtual-camera/faults/index.ts';
import { frameTiming } from '../../lib/media/frame-timing.ts';
import { meanAbsDiff, toGray } from '../../lib/media/image.ts';
import { decodeJpeg, inspectJpeg, parseFrameStamp } from '../../lib/media/jpeg.ts';
import { MultipartParser, type MultipartPart } from '../../lib/media/multipart.ts';
import { readMjpeg, timedFrames } from '../video/support.ts';
import { categoryOf, failureOf, faultyCamera, type FaultyCamera } from './support.ts';

/** A small, static picture (no clock or text overlay) at a rate the test host keeps easily. */
const STREAM = { fps: 10, resolution: '320x240', compression: 40, clock: false, date: false, text: false } as const;

let cam: FaultyCamera | undefined;
test.afterEach(async () => {
  await cam?.close();
  cam = undefined;
});

function seqOf(p: MultipartPart): number {
  const stamp = parseFrameStamp(inspectJpeg(p.body).comments);
  if (!stamp) throw new Error(`part ${p.index} carries no frame stamp`);
  return stamp.seq;
}

/** Seqs the camera did `action` to, from its frame log. */
function seqsWith(events: readonly FrameEvent[], action: FrameEvent['actions'][number]): Set<number> {
  return new Set(events.filter((e) => e.actions.includes(action)).map((e) => e.seq));
}

test.describe('the harness under frame faults', () => {
  test.describe.configure({ timeout: 25_000 });

  test('a stalled stream: the frames before it, then an idle-timeout error naming the request', async () => {
    cam = await faultyCamera('stall=5');
    // The open's deadline is not what is tested: a cold virtual camera's first stream can
    // take seconds to start on a loaded host. The stall is timed from the first part.
    const stream = await cam.camera.video.mjpeg({ ...STREAM, idleTimeoutMs: 1200, timeoutMs: 15_000 });
    const parser = new MultipartParser(stream.contentType);
    const parts: MultipartPart[] = [];
    const t0 = Date.now();
    const err = await failureOf((async () => {
      try {
        for await (const chunk of stream.body) parts.push(...parser.push(chunk as Buffer));
      } finally {
        stream.close();
      }
    })());
    expect(parts).toHaveLength(5);
    expect(err.message).toMatch(/^camera did not answer in time: GET \/video\.cgi\?resolution=320x240&[^:]*: body stalled: no data for 1200 ms$/);
    expect(categoryOf(err)).toBe('camera defect');
    expect(Date.now() - t0).toBeLessThan(8000);
    expect(cam.faults.counts().stalled).toBeGreaterThan(0);
  });

  test('truncated JPEGs: the structural check fails on exactly those parts, naming each', async () => {
    cam = await faultyCamera('truncate=every:4');
    const read = await readMjpeg(cam.camera, { ...STREAM, count: 13, timeoutMs: 15_000 });
    const truncated = seqsWith(cam.faults.frameEvents(), 'truncated');
    const failures: string[] = [];
    read.parts.forEach((p, i) => {
      try {
        expect(inspectJpeg(p.body).errors, `part ${i} (seq ${seqOf(p)}) structure`).toEqual([]);
      } catch (e) {
        failures.push((e as Error).message);
        expect(categoryOf(e as Error)).toBe('camera defect');
      }
    });
    const expected = read.parts.map((p, i) => ({ i, seq: seqOf(p) })).filter((x) => truncated.has(x.seq));
    expect(expected.length, 'the camera truncated some of the frames read').toBeGreaterThanOrEqual(3);
    expect(failures).toHaveLength(expected.length);
    expected.forEach((x, k) => {
      expect(failures[k]).toContain(`part ${x.i} (seq ${x.seq}) structure`);
      expect(failures[k]).toContain('truncated: entropy data of scan 1 runs to the end of the buffer without EOI');
    });
  });

  test('bit flips that still decode: structure and decoding pass, the picture comparison finds exactly those frames', async () => {
    cam = await faultyCamera('bitflip=every:3');
    const read = await readMjpeg(cam.camera, { ...STREAM, count: 14, timeoutMs: 15_000 });
    const flipped = seqsWith(cam.faults.frameEvents(), 'bitflip');
    const gray = read.parts.map((p) => {
      expect(inspectJpeg(p.body).errors).toEqual([]);
      return toGray(decodeJpeg(p.body));
    });
    // The scene is static: a frame that differs from both neighbours, which agree, is damaged.
    const damaged: number[] = [];
    for (let i = 1; i + 1 < gray.length; i++) {
      const odd = meanAbsDiff(gray[i], gray[i - 1]) > 0.5 && meanAbsDiff(gray[i], gray[i + 1]) > 0.5 && meanAbsDiff(gray[i - 1], gray[i + 1]) < 0.5;
      if (odd) damaged.push(seqOf(read.parts[i]));
    }
    const inner = read.parts.slice(1, -1).map(seqOf).filter((s) => flipped.has(s));
    expect(inner.length, 'the camera flipped bits in some of the frames read').toBeGreaterThanOrEqual(3);
    expect(damaged).toEqual(inner);
    const unchanged = await failureOf((async () => expect(damaged, 'frames that differ from a static scene').toEqual([]))());
    expect(categoryOf(unchanged)).toBe('camera defect');
  });

  test('a part whose Content-Length is wrong: the multipart parser stops there, naming the part', async () => {
    cam = await faultyCamera('partlength=every:3');
    const stream = await cam.camera.video.mjpeg({ ...STREAM, idleTimeoutMs: 3000, timeoutMs: 5000 });
    const parser = new MultipartParser(stream.contentType);
    const parts: MultipartPart[] = [];
    const err = await failureOf((async () => {
      try {
        for await (const chunk of stream.body) parts.push(...parser.push(chunk as Buffer));
      } finally {
        stream.close();
      }
    })());
    expect(err.message).toMatch(/^multipart: part #2 declared Content-Length \d+ but the bytes after it are ".*", not the boundary "--myboundary"$/);
    expect(parts.length, 'the parts before the bad one were delivered whole').toBe(2);
    for (const p of parts) expect(inspectJpeg(p.body).errors).toEqual([]);
  });

  test('a malformed stream is filed as a camera defect, not a harness defect', async () => {
    cam = await faultyCamera('partlength=every:2');
    const err = await failureOf(readMjpeg(cam.camera, { ...STREAM, count: 5, timeoutMs: 10_000 }));
    expect(err.message).toMatch(/^multipart: part #1 declared Content-Length/);
    expect(categoryOf(err), `${err.name}: ${err.message}`).toBe('camera defect');
  });

  test('dropped and repeated frames are counted exactly from the frames\' sequence numbers', async () => {
    cam = await faultyCamera('drop=every:4,dup=every:5');
    const read = await readMjpeg(cam.camera, { ...STREAM, count: 24, timeoutMs: 15_000 });
    const t = frameTiming(timedFrames(read.parts), { nominalIntervalMs: 100 });
    const events = cam.faults.frameEvents();
    const seqs = read.parts.map(seqOf);
    const lo = Math.min(...seqs);
    const hi = Math.max(...seqs);
    const sent = new Set(events.filter((e) => !e.actions.includes('dropped') && !e.actions.includes('stalled')).map((e) => e.seq));
    // Missing: every seq in the window the camera did not send (its drops, and any tick
    // its encoder skipped, which never reached the fault at all).
    const missing: number[] = [];
    for (let s = lo + 1; s < hi; s++) if (!sent.has(s)) missing.push(s);
    const dropped = [...seqsWith(events, 'dropped')].filter((s) => s > lo && s < hi);
    const duplicated = [...seqsWith(events, 'duplicated')].filter((s) => seqs.includes(s));
    expect(dropped.length, 'the camera dropped frames inside the window read').toBeGreaterThanOrEqual(3);
    expect(duplicated.length, 'the camera repeated frames inside the window read').toBeGreaterThanOrEqual(2);
    expect(t.sequence, 'frames carry seq numbers').toBeDefined();
    expect(t.sequence!.dropped).toBe(missing.length);
    expect(t.sequence!.droppedRanges.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, k) => a + k))).toEqual(missing);
    expect(t.sequence!.duplicated).toBe(duplicated.filter((s) => seqs.filter((x) => x === s).length === 2).length);
    expect(t.sequence!.outOfOrder).toBe(0);
    // A suite that requires a lossless stream fails this camera as a camera defect.
    const lossless = await failureOf((async () => expect(t.sequence!.dropped + t.sequence!.duplicated, 'frames lost or repeated').toBe(0))());
    expect(categoryOf(lossless)).toBe('camera defect');
  });

  test('late frames arrive after newer ones: counted as out of order, not as dropped', async () => {
    cam = await faultyCamera('late=every:6,late-ms=250');
    const read = await readMjpeg(cam.camera, { ...STREAM, count: 20, timeoutMs: 15_000 });
    const t = frameTiming(timedFrames(read.parts), { nominalIntervalMs: 100 });
    const late = seqsWith(cam.faults.frameEvents(), 'late');
    const seqs = read.parts.map(seqOf);
    const arrivedLate = seqs.filter((s, i) => late.has(s) && seqs.slice(0, i).some((x) => x > s));
    expect(arrivedLate.length, 'late frames arrived inside the window read').toBeGreaterThanOrEqual(2);
    expect(t.sequence!.outOfOrder).toBe(arrivedLate.length);
    // A late frame still waiting when reading stopped is missing, not out of order. Under
    // load the camera may also skip a tick (a real gap): every seq absent from the window
    // read counts as dropped, whatever the reason, and nothing else does.
    const lo = Math.min(...seqs);
    const hi = Math.max(...seqs);
    const missing = Array.from({ length: hi - lo + 1 }, (_, k) => lo + k).filter((s) => !seqs.includes(s));
    const stillMissing = [...late].filter((s) => !seqs.includes(s) && s > lo && s < hi);
    expect(stillMissing.every((s) => missing.includes(s))).toBe(true);
    expect(t.sequence!.dropped).toBe(missing.length);
    const inOrder = await failureOf((async () => expect(t.sequence!.outOfOrder, 'frames out of order').toBe(0))());
    expect(categoryOf(inOrder)).toBe('camera defect');
  });
});
