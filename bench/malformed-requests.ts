// How the virtual camera takes abuse: 10,000 malformed requests (raw TCP garbage, broken
// HTTP, bad queries, huge headers, bad credentials) against a camera in a child process,
// compared with 10,000 valid requests in the same run, sent the same way (one request per
// connection, raw sockets, 32 at a time). Prints requests/s of both, the answers by class,
// the count of 5xx (goal 0) and whether the process survived and still answers (goal: yes).
// Exit 1 when a 5xx was seen or the camera died (a correctness failure, not slowness).
//   npx tsx bench/malformed-requests.ts [--count 10000] [--seconds 60] [--seed 1]
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { parseArgs } from 'node:util';
import { mulberry32 as prng } from '../rigs/virtual-camera/random.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '10000' }, seconds: { type: 'string', default: '60' }, seed: { type: 'string', default: '1' } } });
const COUNT = Number(values.count);
const SECONDS = Number(values.seconds);
const SEED = Number(values.seed);
if (!(Number.isInteger(COUNT) && COUNT >= 100 && COUNT <= 1_000_000)) throw new Error(`--count must be an integer 100..1000000, got ${values.count}`);
if (!(SECONDS >= 5 && SECONDS <= 600)) throw new Error(`--seconds must be 5..600, got ${values.seconds}`);
if (!Number.isInteger(SEED)) throw new Error(`--seed must be an integer, got ${values.seed}`);
const CONCURRENCY = 32;
const ANSWER_TIMEOUT_MS = 3000;
const AUTH = `Basic ${Buffer.from('root:pass').toString('base64')}`;

const rnd = prng(SEED);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(rnd() * 256)));

// ---- the camera -------------------------------------------------------------------------

const child = spawn(process.execPath, ['--import', 'tsx', 'rigs/virtual-camera/cli.ts', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
let internalErrors = 0;
const errorSamples: string[] = [];
child.stderr!.on('data', (d: Buffer) => {
  const text = d.toString();
  internalErrors += (text.match(/internal error/g) ?? []).length;
  if (errorSamples.length < 3 && /internal error/.test(text)) errorSamples.push(text.trim().split('\n').slice(0, 3).join(' | ').slice(0, 300));
});
const base = await new Promise<URL>((resolve, reject) => {
  let out = '';
  const timer = setTimeout(() => reject(new Error('the virtual camera did not print "listening on" within 30 s')), 30_000);
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    const m = /listening on (http:\/\/\S+)/.exec(out);
    if (m) {
      clearTimeout(timer);
      resolve(new URL(m[1]));
    }
  });
  child.once('exit', (code) => reject(new Error(`the virtual camera exited with ${code} before listening`)));
});
const HOST = base.hostname;
const PORT = Number(base.port);
const stopChild = () => void (child.exitCode === null && child.kill('SIGTERM'));
process.on('exit', stopChild);

// ---- one request on its own connection --------------------------------------------------

type Outcome = '2xx' | '3xx' | '4xx' | '5xx' | 'closed' | 'timeout' | 'refused' | 'abandoned';

/** What to send; `abandonAfterMs`: hang up that long after writing, without waiting for an answer. */
type Payload = Buffer | Buffer[] | { parts: Buffer[]; abandonAfterMs: number };

/** Writes the bytes, reads the status line of the answer (or how the connection ended). */
function exchange(payload: Payload): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port: PORT });
    let head = '';
    let settled = false;
    const done = (o: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(o);
    };
    const timer = setTimeout(() => done('timeout'), ANSWER_TIMEOUT_MS);
    socket.on('connect', () => {
      const parts = Buffer.isBuffer(payload) ? [payload] : Array.isArray(payload) ? payload : payload.parts;
      for (const p of parts) socket.write(p);
      if (!Buffer.isBuffer(payload) && !Array.isArray(payload)) setTimeout(() => done('abandoned'), payload.abandonAfterMs);
    });
    socket.on('data', (d: Buffer) => {
      head += d.toString('latin1');
      const m = /^HTTP\/1\.[01] (\d)\d\d/.exec(head);
      if (m) done(`${m[1]}xx` as Outcome);
      else if (head.length > 64) done('closed'); // not HTTP: counted as no answer
    });
    socket.on('error', (e: NodeJS.ErrnoException) => done(e.code === 'ECONNREFUSED' ? 'refused' : 'closed'));
    socket.on('close', () => done('closed'));
  });
}

const req = (line: string, headers: string[] = [], body = '') => Buffer.from(`${line}\r\n${[`Host: ${HOST}:${PORT}`, 'Connection: close', ...headers].join('\r\n')}\r\n\r\n${body}`, 'latin1');

// ---- what is sent -----------------------------------------------------------------------

const SAFE_GETS = ['/videostatus.cgi?status=1', '/config.cgi?action=list&group=Brand', '/ptz.cgi?query=position', '/input.cgi?check=1', '/list.cgi?diskid=SD_DISK', '/resolution.cgi?action=get', '/time.cgi?action=get', '/usrgrp.cgi?action=get', '/ipfilter.cgi?action=list'];
const HOSTILE = ['%ff%fe', '%00', '%zz', '%', '..%2F..%2Fetc%2Fpasswd', 'A'.repeat(3000), '-1', '2147483648', '1e999', '%0d%0aX:%201', '%E2%80%AE', ',,,', '<script>', "'", '"'];

function validRequest(): Buffer {
  return req(`GET ${pick(SAFE_GETS)} HTTP/1.1`, [`Authorization: ${AUTH}`]);
}

const MALFORMED: Record<string, () => Payload> = {
  'raw TCP garbage': () => bytes(1 + Math.floor(rnd() * 512)),
  'garbage after a request line': () => Buffer.concat([Buffer.from('GET /config.cgi HTTP/1.1\r\n'), bytes(64)]),
  'bad request line': () => Buffer.from(pick(['GET\r\n\r\n', 'GET /\r\n\r\n', 'GET / HTTP/9.9\r\n\r\n', ' / HTTP/1.1\r\n\r\n', 'GET  HTTP/1.1\r\n\r\n', 'G\x00T / HTTP/1.1\r\n\r\n', 'GET / HTTP/1.1 extra\r\n\r\n', '\r\n\r\n\r\n', 'HTTP/1.1 200 OK\r\n\r\n'])),
  'unknown method': () => req(`${pick(['FOO', 'PROPFIND', 'TRACE', 'CONNECT', 'BREW'])} /config.cgi HTTP/1.1`, [`Authorization: ${AUTH}`]),
  'bad header line': () => req('GET /videostatus.cgi?status=1 HTTP/1.1', [pick(['NoColonHere', 'X-\x01: y', ': empty-name', 'X: a\rb', 'X : spaced-name', ` folded`])]),
  'conflicting lengths': () => req('POST /restore.cgi HTTP/1.1', [`Authorization: ${AUTH}`, 'Content-Length: 5', 'Content-Length: 7', 'Content-Type: application/octet-stream'], 'abcdefg'),
  'length and chunked': () => req('POST /restore.cgi HTTP/1.1', [`Authorization: ${AUTH}`, 'Content-Length: 4', 'Transfer-Encoding: chunked'], '0\r\n\r\n'),
  'negative length': () => req('POST /restore.cgi HTTP/1.1', [`Authorization: ${AUTH}`, 'Content-Length: -1'], 'x'),
  'bad chunk size': () => req('POST /restore.cgi HTTP/1.1', [`Authorization: ${AUTH}`, 'Transfer-Encoding: chunked', 'Content-Type: application/octet-stream'], 'zz\r\nabc\r\n0\r\n\r\n'),
  'bad query': () => req(`GET ${pick(SAFE_GETS)}&${pick(['action', 'group', 'hil', 'status', ''])}=${pick(HOSTILE)} HTTP/1.1`, [`Authorization: ${AUTH}`]),
  'bad path': () => req(`GET ${pick(['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '//', '/config.cgi%00', '/\\..\\..\\', `/${'x'.repeat(4000)}`, '*', 'http://evil/config.cgi'])} HTTP/1.1`, [`Authorization: ${AUTH}`]),
  'huge header': () => req('GET /videostatus.cgi?status=1 HTTP/1.1', [`X-Big: ${'b'.repeat(20_000)}`]),
  'many headers': () => req('GET /videostatus.cgi?status=1 HTTP/1.1', Array.from({ length: 300 }, (_, i) => `X-H${i}: ${i}`)),
  'huge URL': () => req(`GET /config.cgi?action=list&group=${'A'.repeat(64 * 1024)} HTTP/1.1`),
  'bad Basic': () => req('GET /config.cgi?action=list HTTP/1.1', [`Authorization: ${pick(['Basic', 'Basic !!!!', 'Basic Og==', `Basic ${Buffer.from('root').toString('base64')}`, `Basic ${Buffer.from(`root:${'p'.repeat(5000)}`).toString('base64')}`, `Basic ${bytes(30).toString('base64')}`])}`]),
  'bad Digest': () => req('GET /config.cgi?action=list HTTP/1.1', [`Authorization: ${pick(['Digest', 'Digest username="root"', 'Digest username="root", realm="x", nonce="1.2.3", uri="/", response="00"', `Digest username="${'u'.repeat(6000)}", nonce="a", uri="/", response="b"`, 'Digest username="root", qop=auth, nc=zzzzzzzz, cnonce="c", nonce="n", uri="/", response="r"', 'Digest "unterminated'])}`]),
  'other auth scheme': () => req('GET /config.cgi?action=list HTTP/1.1', [`Authorization: ${pick(['Bearer abc', 'NTLM TlRMTVNTUAAB', 'Negotiate x', '\u00e9\u00e9'])}`]),
  'headers cut off': () => ({ parts: [Buffer.from('GET /videostatus.cgi?sta'), Buffer.from('tus=1 HTTP/1.1\r\nHost: x\r\n')], abandonAfterMs: 50 }),
  'body cut off': () => ({ parts: [req('POST /restore.cgi HTTP/1.1', [`Authorization: ${AUTH}`, 'Content-Length: 1000', 'Content-Type: application/octet-stream'], 'only ten b')], abandonAfterMs: 50 }),
};
const KINDS = Object.keys(MALFORMED);

// ---- phases -----------------------------------------------------------------------------

interface Phase {
  name: string;
  sent: number;
  ms: number;
  outcomes: Record<Outcome, number>;
  fiveXx: string[];
  /** Kinds of request that got no HTTP answer (closed or timed out) or were accepted (2xx), with counts. */
  unanswered: Map<string, number>;
}

async function run(name: string, make: () => { kind: string; payload: Payload }, deadline: number): Promise<Phase> {
  const phase: Phase = { name, sent: 0, ms: 0, outcomes: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, closed: 0, timeout: 0, refused: 0, abandoned: 0 }, fiveXx: [], unanswered: new Map() };
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < COUNT && Date.now() < deadline) {
      next++;
      const { kind, payload } = make();
      const o = await exchange(payload);
      phase.sent++;
      phase.outcomes[o]++;
      if (o === '5xx' && phase.fiveXx.length < 20) phase.fiveXx.push(kind);
      if (o === 'closed' || o === 'timeout' || o === '2xx') phase.unanswered.set(`${kind} (${o})`, (phase.unanswered.get(`${kind} (${o})`) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  phase.ms = performance.now() - started;
  return phase;
}

const stopAt = Date.now() + SECONDS * 1000;
const valid = await run('valid (baseline)', () => ({ kind: 'valid', payload: validRequest() }), Date.now() + (SECONDS * 1000) / 2);
const malformed = await run('malformed', () => {
  const kind = pick(KINDS);
  return { kind, payload: MALFORMED[kind]() };
}, stopAt);

const alive = child.exitCode === null && child.signalCode === null;
const after = alive ? await exchange(validRequest()) : 'refused';

// ---- report -----------------------------------------------------------------------------

const rate = (p: Phase) => (p.sent / (p.ms / 1000));
const row = (p: Phase) =>
  `${p.name.padEnd(18)} ${String(p.sent).padStart(7)} ${(p.ms / 1000).toFixed(1).padStart(7)} ${rate(p).toFixed(0).padStart(8)}` +
  ` ${String(p.outcomes['2xx']).padStart(6)} ${String(p.outcomes['4xx']).padStart(6)} ${String(p.outcomes['5xx']).padStart(5)} ${String(p.outcomes.closed).padStart(7)} ${String(p.outcomes.timeout).padStart(8)} ${String(p.outcomes.abandoned).padStart(9)}`;
console.log(`virtual camera at ${base.origin} (child process ${child.pid}); ${CONCURRENCY} connections at a time, one request each; seed ${SEED}`);
console.log('');
console.log(`${'phase'.padEnd(18)} ${'sent'.padStart(7)} ${'s'.padStart(7)} ${'req/s'.padStart(8)} ${'2xx'.padStart(6)} ${'4xx'.padStart(6)} ${'5xx'.padStart(5)} ${'closed'.padStart(7)} ${'timeouts'.padStart(8)} ${'abandoned'.padStart(9)}`);
console.log(row(valid));
console.log(row(malformed));
console.log('');
console.log(`accepted or no HTTP answer: ${[...malformed.unanswered].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`);
console.log(`malformed / valid throughput: ${(rate(malformed) / rate(valid)).toFixed(2)}`);
console.log(`5xx answers: ${malformed.outcomes['5xx'] + valid.outcomes['5xx']} (goal 0)${malformed.fiveXx.length ? ` — after: ${[...new Set(malformed.fiveXx)].join(', ')}` : ''}`);
console.log(`"internal error" lines on the camera's stderr: ${internalErrors} (goal 0)`);
for (const e of errorSamples) console.log(`  e.g. ${e}`);
console.log(`crashes: ${alive ? 0 : 1} (goal 0); a valid request afterwards: ${after} (goal 2xx)`);
console.log(`("closed": the camera hung up without an answer; "timeouts": no answer within ${ANSWER_TIMEOUT_MS} ms, e.g. an unfinished request line; "abandoned": we hung up mid-request on purpose)`);
if (malformed.sent < COUNT || valid.sent < COUNT) console.log(`note: stopped by the --seconds ${SECONDS} limit before --count ${COUNT}`);
stopChild();
const failed = malformed.outcomes['5xx'] + valid.outcomes['5xx'] > 0 || !alive || after !== '2xx' || internalErrors > 0;
process.exit(failed ? 1 : 0);
