// lib/media/part-reader.ts against in-memory streams: parts handed over as they complete, the
// camera's end told apart from ours, and each way a camera can fail a stream read — silence,
// broken framing, no end in time — thrown as its own CameraDefect, never a harness timeout.
import { Readable } from 'node:stream';
import { test, expect } from '@playwright/test';
import { CameraDefect, categoryOf } from '../../../lib/errors.ts';
import type { MultipartPart } from '../../../lib/media/multipart.ts';
import { readParts, readToEnd, StreamMalformed, StreamOverdue, StreamSilent, type OpenStream } from '../../../lib/media/part-reader.ts';

const CT = 'multipart/x-mixed-replace;boundary=myboundary';

function part(text: string): Buffer {
  const body = Buffer.from(text);
  return Buffer.concat([Buffer.from(`--myboundary\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n`), body, Buffer.from('\r\n')]);
}

/** A stream we push into by hand (null ends it), and whether the reader closed it. */
function manualStream(contentType = CT): OpenStream & { readable: Readable; closed: () => boolean } {
  const readable = new Readable({ read() {} });
  let closed = false;
  return {
    contentType,
    body: readable,
    readable,
    close() {
      closed = true;
      readable.destroy();
    },
    closed: () => closed,
  };
}

/** A stream of these chunks, then the end. */
function finiteStream(chunks: (Buffer | string)[], contentType = CT) {
  const s = manualStream(contentType);
  for (const c of chunks) s.readable.push(c);
  s.readable.push(null);
  return s;
}

const OPTS = { what: 'video.cgi?test', silenceMs: 2000, deadlineMs: 5000, waitingFor: 'the parts the test reads' };

/** The error a read threw, with the time it took. */
async function failure(p: Promise<unknown>): Promise<{ err: Error; ms: number }> {
  const t0 = performance.now();
  try {
    await p;
  } catch (err) {
    return { err: err as Error, ms: performance.now() - t0 };
  }
  throw new Error('the read was expected to fail and did not');
}

function expectCameraDefect(err: Error, type: new (...a: never[]) => CameraDefect): void {
  expect(err).toBeInstanceOf(type);
  expect(err).toBeInstanceOf(CameraDefect);
  expect(categoryOf(err)).toBe('camera defect');
}

test.describe('readParts', () => {
  test('hands over every part in order; the camera ending the stream is endedByCamera', async () => {
    const s = finiteStream([part('one'), Buffer.concat([part('two'), part('three')]), '--myboundary--\r\n']);
    const seen: MultipartPart[] = [];
    const r = await readParts(s, (p) => (seen.push(p), false), OPTS);
    expect(seen.map((p) => p.body.toString())).toEqual(['one', 'two', 'three']);
    expect(seen.map((p) => p.index)).toEqual([0, 1, 2]);
    expect(r.count).toBe(3);
    expect(r.endedByCamera).toBe(true);
    expect(s.closed()).toBe(true);
  });

  test('a part split across chunks arrives whole', async () => {
    const bytes = Buffer.concat([part('split across three chunks'), part('next')]);
    const s = finiteStream([bytes.subarray(0, 20), bytes.subarray(20, 55), bytes.subarray(55)]);
    const seen: string[] = [];
    await readParts(s, (p) => (seen.push(p.body.toString()), false), OPTS);
    expect(seen).toEqual(['split across three chunks', 'next']);
  });

  test('onPart saying enough stops the read and closes a stream that goes on', async () => {
    const s = manualStream();
    s.readable.push(Buffer.concat([part('a'), part('b'), part('c')]));
    const r = await readParts(s, (p) => p.index === 1, OPTS);
    expect(r.count).toBe(2);
    expect(r.endedByCamera).toBe(false);
    expect(s.closed()).toBe(true);
  });

  test('an error thrown by onPart (an assertion) passes through unchanged', async () => {
    const s = manualStream();
    s.readable.push(part('a'));
    const { err } = await failure(readParts(s, () => (expect(1, 'the test says no').toBe(2), true), OPTS));
    expect(err).not.toBeInstanceOf(StreamMalformed);
    expect(err.message).toContain('the test says no');
    expect(s.closed()).toBe(true);
  });

  test('a stream that goes silent without ending: StreamSilent after the silence clock, not the deadline', async () => {
    const s = manualStream();
    s.readable.push(part('only one'));
    const { err, ms } = await failure(readParts(s, () => false, { ...OPTS, silenceMs: 300, deadlineMs: 10_000 }));
    expectCameraDefect(err, StreamSilent);
    expect(err.message).toContain('sent nothing for 300 ms');
    expect(err.message).toContain('1 parts so far');
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(3000);
    expect(s.closed()).toBe(true);
  });

  test('silent from the first byte: StreamSilent names zero parts', async () => {
    const s = manualStream();
    const { err } = await failure(readParts(s, () => false, { ...OPTS, silenceMs: 200 }));
    expectCameraDefect(err, StreamSilent);
    expect(err.message).toContain('0 parts so far');
  });

  test('silence that outlasts a shorter deadline is overdue, not silent', async () => {
    const s = manualStream();
    const { err, ms } = await failure(readParts(s, () => false, { ...OPTS, silenceMs: 5000, deadlineMs: 250 }));
    expectCameraDefect(err, StreamOverdue);
    expect(ms).toBeLessThan(3000);
  });

  test('bytes that keep coming without ever being enough: StreamOverdue at the deadline', async () => {
    const s = manualStream();
    let n = 0;
    const drip = setInterval(() => s.readable.push(part(`frame ${n++}`)), 40);
    try {
      const { err, ms } = await failure(readParts(s, () => false, { ...OPTS, silenceMs: 1000, deadlineMs: 500, waitingFor: 'the camera to end the stream' }));
      expectCameraDefect(err, StreamOverdue);
      expect(err.message).toContain('still waiting for the camera to end the stream after 500 ms');
      expect(ms).toBeGreaterThanOrEqual(490);
      expect(ms).toBeLessThan(3000);
      expect(n, 'parts kept arriving all along').toBeGreaterThan(5);
    } finally {
      clearInterval(drip);
    }
    expect(s.closed()).toBe(true);
  });

  test('garbage instead of multipart: StreamMalformed', async () => {
    const s = finiteStream([Buffer.from('<html><body>Not a stream</body></html>\r\n')]);
    const { err } = await failure(readParts(s, () => false, OPTS));
    expectCameraDefect(err, StreamMalformed);
    expect(err.message).toContain('without any boundary');
    expect(s.closed()).toBe(true);
  });

  test('a part longer than its Content-Length after a good part: StreamMalformed, the good part delivered first', async () => {
    const s = manualStream();
    // Two chunks: a chunk that breaks the framing yields nothing, the good part must come before it.
    s.readable.push(part('good'));
    setTimeout(() => s.readable.push('--myboundary\r\nContent-Length: 4\r\n\r\nfour and then some more bytes\r\n'), 20);
    const seen: string[] = [];
    const { err } = await failure(readParts(s, (p) => (seen.push(p.body.toString()), false), OPTS));
    expectCameraDefect(err, StreamMalformed);
    expect(err.message).toContain('declared Content-Length 4');
    expect(seen).toEqual(['good']);
  });

  test('a Content-Type that is not multipart: StreamMalformed before reading', async () => {
    const s = finiteStream([part('x')], 'image/jpeg');
    const { err } = await failure(readParts(s, () => false, OPTS));
    expectCameraDefect(err, StreamMalformed);
    expect(err.message).toContain('video.cgi?test');
    expect(s.closed()).toBe(true);
  });

  test('a body that yields text instead of bytes: StreamMalformed', async () => {
    const s: OpenStream = { contentType: CT, body: Readable.from(['--myboundary\r\n'], { objectMode: true }), close() {} };
    const { err } = await failure(readParts(s, () => false, OPTS));
    expectCameraDefect(err, StreamMalformed);
    expect(err.message).toContain('not bytes');
  });
});

test.describe('readToEnd', () => {
  test('reads a text answer whole, and at most maxBytes', async () => {
    expect((await readToEnd(finiteStream([Buffer.from('# Error: '), Buffer.from('no such size\n')]), { what: 'x', deadlineMs: 2000 })).toString()).toBe('# Error: no such size\n');
    const big = finiteStream([Buffer.alloc(100, 0x41), Buffer.alloc(100, 0x42)]);
    expect((await readToEnd(big, { what: 'x', deadlineMs: 2000, maxBytes: 150 })).length).toBe(150);
    expect(big.closed()).toBe(true);
  });

  test('an answer that never ends: StreamOverdue at the deadline', async () => {
    const s = manualStream('text/plain');
    s.readable.push('# Error: ');
    const { err, ms } = await failure(readToEnd(s, { what: 'video.cgi?fps=31', deadlineMs: 300 }));
    expectCameraDefect(err, StreamOverdue);
    expect(err.message).toContain('video.cgi?fps=31');
    expect(ms).toBeLessThan(3000);
    expect(s.closed()).toBe(true);
  });
});
