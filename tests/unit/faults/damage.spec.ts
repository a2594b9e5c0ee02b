// The damaged JPEGs of the frame faults (rigs/virtual-camera/faults/jpeg-damage.ts), checked
// with the harness's own JPEG code: a truncated frame fails the structural check, a bit
// flip passes it and decodes, and only the picture shows the damage.
import { test, expect } from '@playwright/test';
import { flipEntropyBit, truncateJpeg } from '../../../rigs/virtual-camera/faults/jpeg-damage.ts';
import { mulberry32 } from '../../../rigs/virtual-camera/random.ts';
import { startVirtualCamera } from '../../../rigs/virtual-camera/index.ts';
import { decodeJpeg, inspectJpeg } from '../../../lib/media/jpeg.ts';
import { meanAbsDiff, toGray } from '../../../lib/media/image.ts';

let frame: Buffer;

test.beforeAll(async () => {
  const cam = await startVirtualCamera();
  try {
    const res = await fetch(`${cam.url}/image.cgi?resolution=320x240`, { headers: { authorization: `Basic ${Buffer.from('root:pass').toString('base64')}` }, signal: AbortSignal.timeout(10_000) });
    expect(res.status).toBe(200);
    frame = Buffer.from(await res.arrayBuffer());
  } finally {
    await cam.stop();
  }
  expect(inspectJpeg(frame).errors).toEqual([]);
});

test('a truncated frame is cut inside its entropy data: the structural check names it', () => {
  const random = mulberry32(3);
  for (let i = 0; i < 10; i++) {
    const cut = truncateJpeg(frame, random);
    expect(cut.length).toBeLessThan(frame.length * 0.8);
    expect(cut.length).toBeGreaterThan(frame.length * 0.2);
    expect(inspectJpeg(cut).errors.join('; ')).toMatch(/truncated: entropy data of scan 1 runs to the end of the buffer without EOI/);
    expect(() => decodeJpeg(cut)).toThrow(/JPEG decode failed/);
  }
});

test('a bit flip keeps the file well-formed and decodable, and changes the picture', () => {
  const random = mulberry32(11);
  const original = toGray(decodeJpeg(frame));
  let flipped = 0;
  for (let i = 0; i < 8; i++) {
    const f = flipEntropyBit(frame, random);
    if (!f) continue;
    flipped++;
    expect(f.length).toBe(frame.length);
    expect(Buffer.compare(f, frame)).not.toBe(0);
    expect(inspectJpeg(f).errors).toEqual([]);
    const pixels = toGray(decodeJpeg(f));
    expect(meanAbsDiff(original, pixels)).toBeGreaterThan(0.5);
  }
  expect(flipped, 'most attempts find a visible, decodable flip').toBeGreaterThanOrEqual(6);
  expect(flipEntropyBit(Buffer.from('not a jpeg'), random)).toBeUndefined();
});
