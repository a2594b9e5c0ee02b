// Throughput of lib/media/multipart.ts against just reading the bytes, over loopback HTTP.
//
// A child process (this file with --serve) streams N JPEG-like parts (SOI, a COM carrying
// the sequence number, 30-80 KB of seeded random bytes, EOI) as multipart/x-mixed-replace as
// fast as the socket takes them, the way an MJPEG camera would with no frame clock. The parent
// reads the stream with undici 7 request(): (a) baseline, counting body bytes; (b) copy
// floor, copying each chunk into a new Buffer and nothing else; (c) through parseMultipart
// with Content-Length parts; (d) through it with parts that have no Content-Length, so the
// boundary is searched for. A round runs all four back to back; each run is divided by the
// baseline of its own round (so load from other processes
// drifting between rounds cancels out) and the median over the rounds is reported, both for
// wall-clock MB/s and for MB per CPU-second of the reading process. Every received part is
// checked against the part that was sent (lost, duplicated, corrupted): byte for byte in two
// untimed warm-up runs per parser mode, cheaply in the timed ones.
//
//   npx tsx bench/multipart-parser.ts [--parts 2000] [--rounds 5]

import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { parseMultipart } from '../lib/media/multipart.ts';
import { jpegLikeBody, prng, randomInt, seqOfJpegLikeBody } from '../fixtures/synthetic-media.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1 || v > 100_000) throw new Error(`--${name} must be an integer 1..100000`);
  return v;
};
const PARTS = arg('parts', 2000);
const ROUNDS = arg('rounds', 5);
const SEED = 2024;
const OVERALL_TIMEOUT_MS = 180_000;
const CONTENT_TYPE = 'multipart/x-mixed-replace;boundary=myboundary';

/** The same bodies in both processes: one seeded PRNG. */
function buildBodies(): Buffer[] {
  const rand = prng(SEED);
  return Array.from({ length: PARTS }, (_, seq) => jpegLikeBody(rand, seq, randomInt(rand, 30_000, 80_000)));
}

async function serve(): Promise<void> {
  const bodies = buildBodies();
  const framed = (withLength: boolean) =>
    bodies.map((body) =>
      Buffer.concat([
        Buffer.from(`--myboundary\r\nContent-Type: image/jpeg\r\n${withLength ? `Content-Length: ${body.length}\r\n` : ''}\r\n`),
        body,
        Buffer.from('\r\n'),
      ]),
    );
  const streams = { cl: framed(true), scan: framed(false) };
  const closing = Buffer.from('--myboundary--\r\n');
  const server = http.createServer(async (req, res) => {
    const parts = req.url?.includes('scan') ? streams.scan : streams.cl;
    // Like a camera's HTTP/1.0 answer: no chunked framing, the body ends when the socket closes.
    res.useChunkedEncodingByDefault = false;
    res.writeHead(200, { 'Content-Type': CONTENT_TYPE, Connection: 'close' });
    for (const part of parts) {
      if (res.destroyed) return;
      if (!res.write(part)) await new Promise((resolve) => res.once('drain', resolve));
    }
    res.end(closing);
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (address && typeof address === 'object') process.send?.({ port: address.port });
  });
  process.on('disconnect', () => process.exit(0));
}

type Kind = 'baseline' | 'copy floor' | 'parser (Content-Length)' | 'parser (boundary scan)';
const PARSERS: Kind[] = ['parser (Content-Length)', 'parser (boundary scan)'];

/**
 * One read of the stream. Parts are checked as they come rather than kept (holding 100 MB
 * of bodies would time the garbage collector): in timed runs by sequence number, length and
 * the bytes at both ends, which any lost, repeated or misframed part fails; with `verifyAll`
 * (an untimed run) byte for byte against what was sent.
 */
async function runOnce(port: number, kind: Kind, expected: Buffer[], verifyAll = false) {
  const url = `http://127.0.0.1:${port}/video.mjpg${kind === 'parser (boundary scan)' ? '?scan' : ''}`;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const { statusCode, headers, body } = await request(url, { headersTimeout: 10_000, bodyTimeout: 10_000 });
  if (statusCode !== 200) throw new Error(`server answered ${statusCode}`);
  let bytes = 0;
  let parts = 0;
  let corrupted = 0;
  const seen = new Uint32Array(expected.length);
  if (kind === 'baseline') {
    for await (const chunk of body) bytes += chunk.length;
  } else if (kind === 'copy floor') {
    // What any parser that hands out buffers it owns must at least do: copy every byte once
    // into freshly allocated memory. Shows how much of the parser's cost is that copy.
    for await (const chunk of body) bytes += Buffer.from(chunk).length;
  } else {
    for await (const part of parseMultipart(body, String(headers['content-type']))) {
      const b = part.body;
      bytes += b.length;
      parts++;
      const seq = seqOfJpegLikeBody(b);
      const want = expected[seq];
      const ok = want !== undefined && (verifyAll ? b.equals(want) : b.length === want.length && sameEnds(b, want));
      if (ok) seen[seq]++;
      else corrupted++;
    }
  }
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const lost = PARSERS.includes(kind) ? seen.filter((n) => n === 0).length : 0;
  const duplicated = seen.reduce((s, n) => s + Math.max(0, n - 1), 0);
  return { ms, cpuMs, bytes, parts, lost, duplicated, corrupted };
}

function sameEnds(a: Buffer, b: Buffer): boolean {
  const n = Math.min(64, a.length);
  return a.compare(b, 0, n, 0, n) === 0 && a.compare(b, b.length - n, b.length, a.length - n, a.length) === 0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error(`bench did not finish within ${OVERALL_TIMEOUT_MS / 1000} s`);
    process.exit(2);
  }, OVERALL_TIMEOUT_MS);
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--serve', '--parts', String(PARTS)], { stdio: 'inherit' });
  const stop = () => { if (child.connected) child.disconnect(); child.kill(); };
  process.on('exit', stop);
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('server child did not report its port within 60 s')), 60_000);
      child.once('message', (m: { port: number }) => { clearTimeout(timer); resolve(m.port); });
      child.once('exit', (code) => reject(new Error(`server child exited early (${code})`)));
    });
    const expected = buildBodies();
    const mb = expected.reduce((s, b) => s + b.length, 0) / 1e6;
    const kinds: Kind[] = ['baseline', 'copy floor', ...PARSERS];
    await runOnce(port, 'baseline', expected); // warm-up: JIT and socket buffers
    await runOnce(port, 'copy floor', expected);
    // Wall-clock MB/s is what a consumer sees; MB per CPU-second of this (reading) process
    // is what the parser costs, and moves less when other processes share the cores.
    const rates = new Map<Kind, number[]>(kinds.map((k) => [k, []]));
    const ratios = new Map<Kind, number[]>(kinds.map((k) => [k, []]));
    const cpuRates = new Map<Kind, number[]>(kinds.map((k) => [k, []]));
    const cpuRatios = new Map<Kind, number[]>(kinds.map((k) => [k, []]));
    let lost = 0, duplicated = 0, corrupted = 0, short = 0;
    // Untimed runs first: they check every byte of every part and warm the parser up (V8
    // needs a couple of hundred MB before its code is fully optimised).
    for (const kind of [...PARSERS, ...PARSERS]) {
      const r = await runOnce(port, kind, expected, true);
      lost += r.lost; duplicated += r.duplicated; corrupted += r.corrupted;
      if (r.parts !== PARTS) short++;
    }
    for (let round = 0; round < ROUNDS; round++) {
      let baseline = 0, cpuBaseline = 0;
      for (const kind of kinds) {
        const r = await runOnce(port, kind, expected);
        const rate = r.bytes / 1e6 / (r.ms / 1000);
        const cpuRate = r.bytes / 1e6 / (r.cpuMs / 1000);
        if (kind === 'baseline') { baseline = rate; cpuBaseline = cpuRate; }
        rates.get(kind)!.push(rate);
        ratios.get(kind)!.push(rate / baseline);
        cpuRates.get(kind)!.push(cpuRate);
        cpuRatios.get(kind)!.push(cpuRate / cpuBaseline);
        if (PARSERS.includes(kind)) {
          lost += r.lost; duplicated += r.duplicated; corrupted += r.corrupted;
          if (r.parts !== PARTS) short++;
        }
      }
    }
    console.log(`multipart parser bench: ${PARTS} parts of 30-80 KB (${mb.toFixed(1)} MB of bodies) per run, loopback HTTP, ${ROUNDS} rounds`);
    const spread = (xs: number[]) => `${median(xs).toFixed(2)} [${Math.min(...xs).toFixed(2)}..${Math.max(...xs).toFixed(2)}]`;
    console.log(`  ${''.padEnd(24)} ${'MB/s'.padStart(6)}  ${'ratio (goal >= 0.75)'.padEnd(22)} ${'MB/CPU-s'.padStart(8)}  ratio`);
    for (const kind of kinds) {
      const wall = kind === 'baseline' ? '1.00' : spread(ratios.get(kind)!);
      const cpu = kind === 'baseline' ? '1.00' : spread(cpuRatios.get(kind)!);
      console.log(`  ${kind.padEnd(24)} ${median(rates.get(kind)!).toFixed(0).padStart(6)}  ${wall.padEnd(22)} ${median(cpuRates.get(kind)!).toFixed(0).padStart(8)}  ${cpu}`);
    }
    console.log('  (medians over the rounds; ratios are to the baseline of the same round, [min..max])');
    console.log(`  parts over ${ROUNDS * 2 + 4} parsed runs (4 untimed ones verified byte for byte): lost ${lost}, duplicated ${duplicated}, corrupted ${corrupted}, runs with a wrong count ${short} (goal 0/0)`);
    process.exitCode = lost + duplicated + corrupted + short > 0 ? 1 : 0;
  } finally {
    clearTimeout(watchdog);
    stop();
  }
}

if (process.argv.includes('--serve')) await serve();
else await main();
