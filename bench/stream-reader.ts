// One reader process of the stream benches, started by reader-pool.ts with an IPC channel
// (`node --import tsx bench/stream-reader.ts`). It says `ready`, then for every `read`
// message opens the given MJPEG streams at once, reads them for `ms`, and answers with
// every frame's arrival time, COM seq and capture stamp per stream, plus what the reading
// cost this process: its CPU time and its event loop's delay (a reader whose loop is late
// makes frames look late: that is how a bench tells a slow reader from a slow camera).
// It exits when the bench closes the channel (also when the bench dies) or on SIGTERM.
//
// Why it does not read with undici + the harness's MultipartParser, as the suites do: that
// costs ~0.25 ms of CPU per VGA frame here (a fresh 64 KiB buffer per socket read, and a copy
// of every body, which the parser makes on purpose), mostly as garbage collection that
// stalls the loop for 10-15 ms while 32 frames come in at once; at 32 viewers that alone
// moved the interval p99 from ~37 to ~44 ms (bench/README.md "Figures"). So each stream is a
// plain HTTP/1.0 socket (the camera then sends the raw multipart bytes, no chunked framing)
// read into one reused buffer (net's `onread`), and parts are framed by their Content-Length
// without copying (mjpeg-framer.ts, which checks the framing of every part): ~0.05 ms per
// frame, 5 % of a core for 32 VGA streams.
import { connect } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { MjpegFramer } from './mjpeg-framer.ts';

export interface Frame {
  /** When the read holding the part's last byte came in: performance.timeOrigin + performance.now(), ms (comparable across processes). */
  at: number;
  seq: number;
  /** The camera's capture stamp, Unix ms. */
  capture: number;
}

export type ToReader = { type: 'read'; id: number; urls: string[]; ms: number; authorization: string };

export interface ReaderCost {
  /** CPU time of this process while reading, ms. */
  cpuMs: number;
  wallMs: number;
  /** How late the event loop was while reading, ms (beyond the 2 ms sampling period): p99 and max. */
  loopDelayP99: number;
  loopDelayMax: number;
}

export type FromReader =
  | { type: 'ready' }
  | { type: 'frames'; id: number; streams: Frame[][]; cost: ReaderCost }
  | { type: 'failed'; id: number; message: string };

const LOOP_SAMPLING_MS = 2;
/**
 * Every socket of this process reads into this one buffer: `onread` callbacks run one at a
 * time on this thread and each consumes the bytes before returning, so none can overwrite
 * another's unread data.
 */
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);

/** One viewer for `ms`: every frame's arrival, seq and capture stamp. Loopback only. */
function view(url: string, ms: number, authorization: string): Promise<Frame[]> {
  const u = new URL(url);
  if (u.protocol !== 'http:' || !/^127\.\d+\.\d+\.\d+$/.test(u.hostname)) return Promise.reject(new Error(`${url}: the stream benches read from http://127.x.x.x only`));
  return new Promise((resolve, reject) => {
    const frames: Frame[] = [];
    const origin = performance.timeOrigin;
    let readAt = 0;
    const framer = new MjpegFramer((seq, capture) => frames.push({ at: origin + readAt, seq, capture }));
    let failed: Error | undefined;
    const socket = connect({
      host: u.hostname,
      port: Number(u.port),
      onread: {
        buffer: READ_BUFFER,
        callback: (n: number, buf: Uint8Array) => {
          readAt = performance.now();
          try {
            framer.push(buf as Buffer, n);
          } catch (e) {
            failed ??= new Error(`${url}: ${(e as Error).message}`);
            socket.destroy();
            return false;
          }
          return true;
        },
      },
    });
    socket.setNoDelay(true);
    const stop = setTimeout(() => socket.destroy(), ms);
    // HTTP/1.0: the camera sends the multipart bytes as they are and closes at the end.
    socket.on('connect', () => socket.write(`GET ${u.pathname}${u.search} HTTP/1.0\r\nHost: ${u.host}\r\nAuthorization: ${authorization}\r\n\r\n`));
    socket.on('error', (e) => (failed ??= new Error(`${url}: ${e.message}`)));
    socket.on('close', () => {
      clearTimeout(stop);
      if (failed) reject(failed);
      else resolve(frames);
    });
  });
}

async function read(msg: ToReader): Promise<FromReader> {
  const delay = monitorEventLoopDelay({ resolution: LOOP_SAMPLING_MS });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  delay.enable();
  try {
    const streams = await Promise.all(msg.urls.map((u) => view(u, msg.ms, msg.authorization)));
    delay.disable();
    const cpu = process.cpuUsage(cpu0);
    // The histogram holds ns and counts the sampling period in every value: take it out.
    const late = (ns: number) => Math.max(0, ns / 1e6 - LOOP_SAMPLING_MS);
    const cost = { cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now() - t0, loopDelayP99: late(delay.percentile(99)), loopDelayMax: late(delay.max) };
    return { type: 'frames', id: msg.id, streams, cost };
  } catch (e) {
    return { type: 'failed', id: msg.id, message: (e as Error).message };
  } finally {
    delay.disable();
  }
}

if (!process.send) throw new Error('bench/stream-reader.ts is a child of reader-pool.ts and needs its IPC channel; run a bench instead');
const send = (m: FromReader) => process.send!(m);
process.on('message', (msg: ToReader) => {
  if (msg?.type !== 'read') return send({ type: 'failed', id: -1, message: `unknown message ${JSON.stringify(msg).slice(0, 100)}` });
  void read(msg).then(send);
});
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
send({ type: 'ready' });
