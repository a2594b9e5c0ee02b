import { Readable } from 'node:stream';
import { test, expect } from '@playwright/test';
import { MultipartParser, boundaryFromContentType, parseMultipart, type MultipartPart } from '../../../lib/media/multipart.ts';
import { jpegLikeBody, prng, randomInt, seqOfJpegLikeBody } from '../../../fixtures/synthetic-media.ts';

const VIDEO_CT = 'multipart/x-mixed-replace;boundary=myboundary';

/** The §2.3.6 MJPEG layout: delimiter, headers with Content-Length, body, CRLF. */
function mjpegStream(bodies: Buffer[], eol = '\r\n'): Buffer {
  const pieces: Buffer[] = [];
  for (const body of bodies) {
    pieces.push(Buffer.from(`--myboundary${eol}Content-Type: image/jpeg${eol}Content-Length: ${body.length}${eol}${eol}`), body, Buffer.from(eol));
  }
  return Buffer.concat(pieces);
}

function feed(ct: string, stream: Buffer, cuts: number[]): MultipartPart[] {
  const parser = new MultipartParser(ct);
  const parts: MultipartPart[] = [];
  let prev = 0;
  for (const cut of [...cuts, stream.length]) {
    parts.push(...parser.push(stream.subarray(prev, cut), 0));
    prev = cut;
  }
  parts.push(...parser.end());
  return parts;
}

const whole = (ct: string, s: Buffer) => feed(ct, s, []);
const byteByByte = (ct: string, s: Buffer) => feed(ct, s, Array.from({ length: s.length - 1 }, (_, i) => i + 1));
function randomSplits(ct: string, s: Buffer, seed: number): MultipartPart[] {
  const rand = prng(seed);
  const cuts: number[] = [];
  for (let at = randomInt(rand, 1, 300); at < s.length; at += randomInt(rand, 1, 300)) cuts.push(at);
  return feed(ct, s, cuts);
}
const simplify = (parts: MultipartPart[]) => parts.map((p) => ({ index: p.index, headers: p.headers, body: p.body.toString('latin1') }));

test.describe('boundaryFromContentType', () => {
  test('accepts the spellings cameras use', () => {
    expect(boundaryFromContentType(VIDEO_CT).token).toBe('myboundary');
    expect(boundaryFromContentType('multipart/x-mixed-replace; boundary="mdb"').token).toBe('mdb');
    expect(boundaryFromContentType('multipart/x-mixed-replace;\r\n boundary=--myboundary')).toEqual({ token: 'myboundary', declaredDashes: 2 });
    expect(boundaryFromContentType('Multipart/X-Mixed-Replace;charset=x;BOUNDARY=ioboundary').token).toBe('ioboundary');
  });

  test('rejects a content type without a usable boundary', () => {
    expect(() => boundaryFromContentType('multipart/x-mixed-replace')).toThrow(/no boundary parameter/);
    expect(() => boundaryFromContentType('image/jpeg; boundary=x')).toThrow(/not a multipart type/);
    expect(() => boundaryFromContentType('multipart/x-mixed-replace;boundary=--')).toThrow(/empty/);
    expect(() => new MultipartParser('text/plain')).toThrow(/not a multipart type/);
  });
});

test.describe('MultipartParser', () => {
  test('parses the §2.3.6 MJPEG layout with exact bodies', () => {
    const rand = prng(1);
    const bodies = [0, 1, 2].map((i) => jpegLikeBody(rand, i, 500 + i * 100));
    const parts = whole(VIDEO_CT, mjpegStream(bodies));
    expect(parts.map((p) => p.index)).toEqual([0, 1, 2]);
    parts.forEach((p, i) => {
      expect(p.headers).toEqual({ 'content-type': 'image/jpeg', 'content-length': String(bodies[i].length) });
      expect(p.body.equals(bodies[i])).toBe(true);
    });
  });

  const flavours: Record<string, { ct: string; stream: () => Buffer; count: number }> = {
    'MJPEG with Content-Length': {
      ct: VIDEO_CT,
      stream: () => { const r = prng(7); return mjpegStream(Array.from({ length: 12 }, (_, i) => jpegLikeBody(r, i, randomInt(r, 20, 3000)))); },
      count: 12,
    },
    'MJPEG, LF-only line endings': {
      ct: VIDEO_CT,
      stream: () => { const r = prng(8); return mjpegStream(Array.from({ length: 6 }, (_, i) => jpegLikeBody(r, i, 900)), '\n'); },
      count: 6,
    },
    'MJPEG without Content-Length, no CRLF after some bodies': {
      ct: 'multipart/x-mixed-replace; boundary="myboundary"',
      stream: () => {
        const r = prng(9);
        return Buffer.concat(Array.from({ length: 8 }, (_, i) => Buffer.concat([
          Buffer.from('--myboundary\r\nContent-Type: image/jpeg\r\n\r\n'), jpegLikeBody(r, i, 700), Buffer.from(i % 2 ? '\r\n' : ''),
        ])).concat(Buffer.from('--myboundary\r\n'))); // without a length, the next delimiter ends a part
      },
      count: 8,
    },
    '§4.5 motion levels, extra blank lines': {
      ct: 'multipart/x-mixed-replace;boundary=mdb',
      stream: () => Buffer.from(Array.from({ length: 10 }, (_, i) =>
        `${i === 0 ? '--mdb\r\n' : ''}Content-Type: text/plain\r\n\r\ngroup=0;level=${i};threshold=50;\r\ngroup=1;level=${i * 2};threshold=60;\r\n--mdb\r\n${i % 3 ? '\r\n\r\n' : ''}`).join('')),
      count: 10,
    },
    '§7.4 audio, boundary declared with dashes, RFC-style delimiter': {
      ct: 'multipart/x-mixed-replace;\r\n boundary=--myboundary',
      stream: () => { const r = prng(10); return Buffer.concat(Array.from({ length: 5 }, (_, i) => Buffer.concat([
        Buffer.from(`${i % 2 ? '----' : '--'}myboundary\r\nContent-Type: audio/basic\r\n\r\n`), jpegLikeBody(r, i, 800), Buffer.from('\r\n'),
      ])).concat(Buffer.from('--myboundary--\r\n'))); },
      count: 5,
    },
  };

  for (const [name, { ct, stream, count }] of Object.entries(flavours)) {
    test(`same parts whole, byte by byte and at random splits: ${name}`, () => {
      const s = stream();
      const reference = simplify(whole(ct, s));
      expect(reference).toHaveLength(count);
      expect(simplify(byteByByte(ct, s))).toEqual(reference);
      for (const seed of [1, 2, 3, 4, 5]) expect(simplify(randomSplits(ct, s, seed))).toEqual(reference);
    });
  }

  test('delimiters split across large chunks and across the parser\'s 64 KiB tail buffers are found', () => {
    const rand = prng(12);
    const bodies = Array.from({ length: 24 }, (_, i) => jpegLikeBody(rand, i, randomInt(rand, 4000, 12000)));
    const pieces = bodies.map((b) => Buffer.concat([Buffer.from('--myboundary\r\nContent-Type: image/jpeg\r\n\r\n'), b, Buffer.from('\r\n')]));
    const s = Buffer.concat([...pieces, Buffer.from('--myboundary--')]);
    // Cut every delimiter at a different offset (0..15) so each edge case of the cross-chunk
    // search is hit with chunks too large for the parser to coalesce.
    const cuts: number[] = [];
    let at = 0;
    pieces.forEach((p, i) => { at += p.length; cuts.push(at - 2 + (i % 16)); });
    const ct = 'multipart/x-mixed-replace;boundary=myboundary';
    const expected = bodies.map((b) => b.toString('latin1'));
    expect(feed(ct, s, cuts).map((p) => p.body.toString('latin1'))).toEqual(expected);
    expect(byteByByte(ct, s).map((p) => p.body.toString('latin1'))).toEqual(expected);
  });

  test('motion and audio bodies exclude the line break that precedes the delimiter', () => {
    const motion = whole('multipart/x-mixed-replace;boundary=mdb', Buffer.from(flavours['§4.5 motion levels, extra blank lines'].stream()));
    expect(motion[3].body.toString()).toBe('group=0;level=3;threshold=50;\r\ngroup=1;level=6;threshold=60;');
    const audio = whole(flavours['§7.4 audio, boundary declared with dashes, RFC-style delimiter'].ct, flavours['§7.4 audio, boundary declared with dashes, RFC-style delimiter'].stream());
    audio.forEach((p, i) => expect(seqOfJpegLikeBody(p.body)).toBe(i));
    expect(audio.every((p) => p.body.at(-1) === 0xd9)).toBe(true); // no stray dashes or CRLF kept
  });

  test('§5.2 input monitor with blank lines inside sections and a missing CRLF after a Content-Length body', () => {
    const s = Buffer.from(
      '\r\n--ioboundary\r\n\r\nContent-Type: text/plain\r\n\r\nIO0:/\r\n\r\n--ioboundary\r\nContent-Type: text/plain\r\n\r\nIO0:\\\r\n' +
        '--ioboundary\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nIO1:H--ioboundary\r\nContent-Type: text/plain\r\n\r\nIO1:L\r\n--ioboundary--\r\nepilogue',
    );
    const parts = whole('multipart/x-mixed-replace;boundary=ioboundary', s);
    expect(parts.map((p) => p.body.toString())).toEqual(['IO0:/\r\n', 'IO0:\\', 'IO1:H', 'IO1:L']);
  });

  test('a part without headers starts its body at the first line', () => {
    const parts = whole('multipart/mixed; boundary=b', Buffer.from('--b\r\n\r\n\xff\xd8 data\r\n--b--', 'latin1'));
    expect(parts).toHaveLength(1);
    expect(parts[0].headers).toEqual({});
    expect(parts[0].body.toString('latin1')).toBe('\xff\xd8 data');
  });

  test('a Content-Length the bytes contradict is an error naming it, and the parser stays failed', () => {
    const body = Buffer.alloc(100, 0x41);
    const s = Buffer.concat([Buffer.from('--myboundary\r\nContent-Length: 90\r\n\r\n'), body, Buffer.from('\r\n--myboundary\r\n')]);
    const parser = new MultipartParser(VIDEO_CT);
    expect(() => parser.push(s)).toThrow(/part #0 declared Content-Length 90 but the bytes after it are "AAAA/);
    expect(() => parser.push(Buffer.from('x'))).toThrow(/Content-Length 90/);
    expect(() => parser.end()).toThrow(/Content-Length 90/);
    expect(() => whole(VIDEO_CT, Buffer.from('--myboundary\r\nContent-Length: 12x\r\n\r\n'))).toThrow(/invalid Content-Length "12x"/);
  });

  test('limits: part size (declared and scanned), header size, missing boundary', () => {
    const small = { maxPartBytes: 1000 };
    expect(() => new MultipartParser(VIDEO_CT, small).push(Buffer.from('--myboundary\r\nContent-Length: 1001\r\n\r\n'))).toThrow(/Content-Length 1001 exceeds maxPartBytes \(1000\)/);
    const scanning = new MultipartParser(VIDEO_CT, small);
    scanning.push(Buffer.from('--myboundary\r\nContent-Type: image/jpeg\r\n\r\n'));
    expect(() => { for (let i = 0; i < 20; i++) scanning.push(Buffer.alloc(100, 0x41)); }).toThrow(/part #0 is larger than maxPartBytes \(1000\)/);
    const headers = new MultipartParser(VIDEO_CT, { maxHeaderBytes: 64 });
    expect(() => headers.push(Buffer.from(`--myboundary\r\nX-Long: ${'a'.repeat(100)}\r\n`))).toThrow(/headers exceed 64 bytes/);
    expect(() => new MultipartParser(VIDEO_CT, small).push(Buffer.alloc(5000, 0x41))).toThrow(/no boundary "--myboundary" in the first/);
    const never = new MultipartParser(VIDEO_CT);
    never.push(Buffer.from('HTTP/1.0 garbage'));
    expect(() => never.end()).toThrow(/stream ended without any boundary "--myboundary"/);
    expect(() => whole(VIDEO_CT, Buffer.from('--myboundary\r\nContent-Type: image/jpeg\r\nBad header line\r\n\r\n'))).toThrow(/part #0 has a malformed header line "Bad header line"/);
    expect(() => new MultipartParser(VIDEO_CT, { maxPartBytes: 0 })).toThrow(/maxPartBytes must be a positive integer/);
  });

  test('a stream cut mid-part yields no partial part and reports the discarded bytes', () => {
    const rand = prng(3);
    const s = mjpegStream([jpegLikeBody(rand, 0, 400), jpegLikeBody(rand, 1, 400)]);
    const parser = new MultipartParser(VIDEO_CT);
    const parts = [...parser.push(s.subarray(0, s.length - 100)), ...parser.end()];
    expect(parts).toHaveLength(1);
    expect(parser.discardedTailBytes).toBe(400 - 98);
    expect(() => parser.push(Buffer.from('x'))).toThrow(/after end/);
  });

  test('bodies are fresh copies: changing one never changes another or a later part', () => {
    const rand = prng(4);
    const bodies = Array.from({ length: 4 }, (_, i) => jpegLikeBody(rand, i, 300));
    const s = mjpegStream(bodies);
    const parser = new MultipartParser(VIDEO_CT);
    const chunk = Buffer.from(s.subarray(0, 700)); // small chunk: the parser must copy what it keeps
    const first = parser.push(chunk);
    chunk.fill(0); // a source reusing its read buffer must not corrupt the pending part
    first[0].body.fill(0);
    const rest = [...parser.push(Buffer.from(s.subarray(700))), ...parser.end()];
    expect(rest.map((p) => seqOfJpegLikeBody(p.body))).toEqual([1, 2, 3]);
    rest.forEach((p, i) => expect(p.body.equals(bodies[i + 1])).toBe(true));
  });

  test('arrivedAt is the arrival of the body\'s last byte, even when the delimiter comes later', () => {
    const parser = new MultipartParser('multipart/x-mixed-replace;boundary=mdb');
    expect(parser.push(Buffer.from('--mdb\r\nContent-Type: text/plain\r\n\r\nlevel=1'), 10)).toEqual([]);
    expect(parser.push(Buffer.from(';\r\n'), 20)).toEqual([]);
    const [part] = parser.push(Buffer.from('--mdb\r\n'), 30);
    expect(part.body.toString()).toBe('level=1;');
    expect(part.arrivedAt).toBe(20);
    const video = new MultipartParser(VIDEO_CT);
    video.push(Buffer.from('--myboundary\r\nContent-Length: 4\r\n\r\nab'), 5);
    expect(video.push(Buffer.from('cd'), 6)[0].arrivedAt).toBe(6); // emitted before the next delimiter
  });
});

test.describe('parseMultipart (async iterator)', () => {
  test('reads a Node Readable split at random points', async () => {
    const rand = prng(11);
    const bodies = Array.from({ length: 20 }, (_, i) => jpegLikeBody(rand, i, randomInt(rand, 5000, 20000)));
    const s = mjpegStream(bodies);
    const chunks: Buffer[] = [];
    for (let at = 0; at < s.length;) { const n = randomInt(rand, 1, 9000); chunks.push(s.subarray(at, at + n)); at += n; }
    const seen: number[] = [];
    for await (const part of parseMultipart(Readable.from(chunks), VIDEO_CT)) seen.push(seqOfJpegLikeBody(part.body));
    expect(seen).toEqual(bodies.map((_, i) => i));
  });

  test('reads any AsyncIterable of plain Uint8Array chunks (e.g. a fetch body)', async () => {
    const s = mjpegStream([Buffer.from('first'), Buffer.from('second')]);
    async function* source() { for (let i = 0; i < s.length; i += 7) yield new Uint8Array(s.subarray(i, i + 7)); }
    const bodies: string[] = [];
    for await (const part of parseMultipart(source(), VIDEO_CT)) bodies.push(part.body.toString());
    expect(bodies).toEqual(['first', 'second']);
  });

  test('breaking out of the loop destroys the source stream', async () => {
    const s = mjpegStream([Buffer.from('one'), Buffer.from('two'), Buffer.from('three')]);
    const source = Readable.from([s.subarray(0, 60), s.subarray(60)]);
    for await (const part of parseMultipart(source, VIDEO_CT)) {
      expect(part.body.toString()).toBe('one');
      break;
    }
    expect(source.destroyed).toBe(true);
  });

  test('errors surface from the loop with their message', async () => {
    async function* source() { yield Buffer.from('--myboundary\r\nContent-Length: 2\r\n\r\nabcdef\r\n'); }
    const run = async () => { for await (const _ of parseMultipart(source(), VIDEO_CT)) { /* drain */ } };
    await expect(run()).rejects.toThrow(/Content-Length 2/);
    const text = Readable.from(['--myboundary\r\n'], { objectMode: true });
    await expect((async () => { for await (const _ of parseMultipart(text, VIDEO_CT)) { /* drain */ } })()).rejects.toThrow(/yields strings/);
  });
});
