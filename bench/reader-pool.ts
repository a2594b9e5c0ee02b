// Reader processes for the stream benches: the streams a scenario watches are spread over
// up to `processes` children (stream-reader.ts), so no single event loop has to parse every
// stream in turn and make the frames it gets to last look late. The pool is started once
// and reused by every scenario (a tsx child takes ~1 s of CPU to start, which would
// otherwise land in the first frames of each scenario).
import { spawn, type ChildProcess } from 'node:child_process';
import { killOnExit, stopChild } from './child-cleanup.ts';
import type { Frame, FromReader, ReaderCost, ToReader } from './stream-reader.ts';

export type { Frame, ReaderCost } from './stream-reader.ts';

export interface ReadResult {
  /** Frames per URL, in the order of the URLs given. */
  streams: Frame[][];
  /** One entry per reader process that took part. */
  readers: (ReaderCost & { streams: number })[];
}

const START_TIMEOUT_MS = 30_000;
/** How long after the read window a reader may take to answer (closing streams, sending the frames). */
const ANSWER_GRACE_MS = 20_000;

class Reader {
  private readonly pending = new Map<number, { resolve: (m: FromReader) => void; reject: (e: Error) => void }>();
  private exited: string | undefined;

  constructor(readonly child: ChildProcess) {
    child.on('message', (m: FromReader) => {
      if (m.type === 'ready') return;
      this.pending.get(m.id)?.resolve(m);
      this.pending.delete(m.id);
    });
    child.once('exit', (code, signal) => {
      this.exited = `reader process ${child.pid} exited (${signal ?? `code ${code}`})`;
      for (const p of this.pending.values()) p.reject(new Error(this.exited));
      this.pending.clear();
    });
  }

  ask(msg: ToReader, timeoutMs: number): Promise<FromReader> {
    if (this.exited) return Promise.reject(new Error(this.exited));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(msg.id);
        reject(new Error(`reader process ${this.child.pid} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(msg.id, {
        resolve: (m) => (clearTimeout(timer), resolve(m)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.child.send(msg);
    });
  }
}

function startReader(): Promise<Reader> {
  const child = killOnExit(spawn(process.execPath, ['--import', 'tsx', 'bench/stream-reader.ts'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  const reader = new Reader(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`a reader process did not say ready within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    child.on('message', (m: FromReader) => m.type === 'ready' && (clearTimeout(timer), resolve(reader)));
    child.once('error', (e) => (clearTimeout(timer), reject(new Error(`a reader process could not be started: ${e.message}`))));
    child.once('exit', (code, signal) => (clearTimeout(timer), reject(new Error(`a reader process exited (${signal ?? `code ${code}`}) before it was ready`))));
  });
}

export class ReaderPool {
  private nextId = 0;

  private constructor(private readonly readers: Reader[]) {}

  /** Starts `processes` reader processes (in parallel) and waits until each is ready. */
  static async start(processes: number): Promise<ReaderPool> {
    if (!Number.isInteger(processes) || processes < 1 || processes > 64) throw new Error(`reader processes must be an integer 1..64, got ${processes}`);
    const started = await Promise.allSettled(Array.from({ length: processes }, () => startReader()));
    const readers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) {
      await Promise.all(readers.map((r) => stopChild(r.child)));
      throw failed.reason;
    }
    return new ReaderPool(readers);
  }

  get size(): number {
    return this.readers.length;
  }

  /**
   * Reads every URL for `ms` (one viewer each; a URL listed twice is two viewers), the URLs
   * dealt round-robin over min(urls, pool size) processes, all starting together.
   */
  async read(urls: string[], ms: number, authorization: string): Promise<ReadResult> {
    const used = this.readers.slice(0, Math.min(urls.length, this.readers.length));
    const shares = used.map((_, r) => urls.flatMap((u, i) => (i % used.length === r ? [{ u, i }] : [])));
    const answers = await Promise.all(
      used.map((reader, r) => reader.ask({ type: 'read', id: this.nextId++, urls: shares[r].map((s) => s.u), ms, authorization }, ms + ANSWER_GRACE_MS)),
    );
    const streams: Frame[][] = new Array(urls.length);
    const readers: ReadResult['readers'] = [];
    answers.forEach((a, r) => {
      if (a.type === 'failed') throw new Error(`reader process ${used[r].child.pid}: ${a.message}`);
      if (a.type !== 'frames') throw new Error(`reader process ${used[r].child.pid} answered ${a.type}`);
      shares[r].forEach((s, k) => (streams[s.i] = a.streams[k]));
      readers.push({ ...a.cost, streams: shares[r].length });
    });
    return { streams, readers };
  }

  async close(): Promise<void> {
    await Promise.all(this.readers.map((r) => stopChild(r.child)));
  }
}

/** A one-line account of what reading cost the reader processes: the most loaded one decides. */
export function describeReaders(readers: ReadResult['readers']): string {
  const busiest = readers.reduce((a, b) => (b.cpuMs / b.wallMs > a.cpuMs / a.wallMs ? b : a));
  const worstLoop = readers.reduce((a, b) => (b.loopDelayP99 > a.loopDelayP99 ? b : a));
  const cpu = readers.reduce((n, r) => n + r.cpuMs / r.wallMs, 0);
  return (
    `${readers.length} reader process${readers.length > 1 ? 'es' : ''} (${readers.map((r) => r.streams).join('+')} streams): ` +
    `CPU ${(cpu * 100).toFixed(0)} % of a core in all, busiest ${((busiest.cpuMs / busiest.wallMs) * 100).toFixed(0)} %; ` +
    `event loop delay p99 ${worstLoop.loopDelayP99.toFixed(1)} ms, max ${Math.max(...readers.map((r) => r.loopDelayMax)).toFixed(1)} ms`
  );
}
