// The frame faults' decisions (rigs/virtual-camera/faults/frames.ts) on synthetic parts:
// which frames are dropped, repeated, delayed or stalled, what the part looks like, and
// that the log says exactly what was done to each seq.
import { test, expect } from '@playwright/test';
import { FrameFaults } from '../../../rigs/virtual-camera/faults/frames.ts';
import { parseFaultSpec } from '../../../rigs/virtual-camera/faults/spec.ts';

/** A part as the stream hub builds it, its "JPEG" carrying the frame stamp. */
function part(seq: number): Buffer {
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.from(`camera-hil seq=${seq} capture=1.000`, 'latin1'), Buffer.from([0xff, 0xd9])]);
  return Buffer.concat([Buffer.from(`--myboundary\r\nContent-Type: image/jpeg\r\nContent-Length: ${jpeg.length}\r\n\r\n`), jpeg, Buffer.from('\r\n')]);
}

function run(spec: string, frames: number, stream: object = {}) {
  const f = new FrameFaults(parseFaultSpec(spec));
  const sent: Buffer[] = [];
  for (let seq = 0; seq < frames; seq++) f.deliver(stream, part(seq), (p) => sent.push(p));
  return { f, sent };
}

const seqsIn = (b: Buffer) => [...b.toString('latin1').matchAll(/seq=(\d+)/g)].map((m) => Number(m[1]));

test('drop every 3rd and repeat every 4th: exactly those frames, logged by seq', () => {
  const { f, sent } = run('drop=every:3,dup=every:4', 12);
  expect(sent.flatMap(seqsIn)).toEqual([0, 1, 3, 4, 4, 6, 7, 9, 10, 10]);
  const log = f.events();
  expect(log.filter((e) => e.actions.includes('dropped')).map((e) => e.seq)).toEqual([2, 5, 8, 11]);
  expect(log.filter((e) => e.actions.includes('duplicated')).map((e) => e.seq)).toEqual([4, 10]);
  expect(f.counts).toMatchObject({ dropped: 4, duplicated: 2, sent: 6 });
});

test('stall: N frames per stream, then nothing; another stream counts on its own', () => {
  const f = new FrameFaults(parseFaultSpec('stall=3'));
  const a: number[] = [];
  const b: number[] = [];
  const s1 = {};
  const s2 = {};
  for (let seq = 0; seq < 6; seq++) f.deliver(s1, part(seq), (p) => a.push(...seqsIn(p)));
  for (let seq = 10; seq < 12; seq++) f.deliver(s2, part(seq), (p) => b.push(...seqsIn(p)));
  expect(a).toEqual([0, 1, 2]);
  expect(b).toEqual([10, 11]);
  expect(f.counts.stalled).toBe(3);
});

test('partlength: the part declares 16 bytes more than its JPEG', () => {
  const { sent } = run('partlength=every:2', 2);
  const declared = (b: Buffer) => Number(/Content-Length: (\d+)/.exec(b.toString('latin1'))![1]);
  const body = (b: Buffer) => b.length - b.indexOf('\r\n\r\n') - 4 - 2;
  expect(declared(sent[0])).toBe(body(sent[0]));
  expect(declared(sent[1])).toBe(body(sent[1]) + 16);
});

test('late: the frame comes late-ms after it was due, after the frames behind it', async () => {
  const f = new FrameFaults(parseFaultSpec('late=every:2,late-ms=80'));
  const got: { seq: number; at: number }[] = [];
  const t0 = performance.now();
  for (let seq = 0; seq < 4; seq++) f.deliver({}, part(seq), (p) => got.push({ seq: seqsIn(p)[0], at: performance.now() - t0 }));
  expect(got.map((g) => g.seq)).toEqual([0, 2]);
  await expect.poll(() => got.length, { timeout: 2000 }).toBe(4);
  expect(got.map((g) => g.seq)).toEqual([0, 2, 1, 3]);
  expect(got[2].at).toBeGreaterThanOrEqual(78);
  f.dispose();
});

test('dispose stops late frames still waiting', async () => {
  const f = new FrameFaults(parseFaultSpec('late=1,late-ms=50'));
  const got: Buffer[] = [];
  f.deliver({}, part(1), (p) => got.push(p));
  f.dispose();
  await new Promise((r) => setTimeout(r, 120));
  expect(got).toEqual([]);
});
