// One streaming parser for every multipart/x-mixed-replace stream the spec defines: MJPEG
// video (§2.3.6, boundary "myboundary"), motion levels (§4.5, "mdb"), the input monitor
// (§5.2, "ioboundary") and multipart audio (§7.4). Bytes may arrive split anywhere; the
// parser keeps a list of chunks and searches across their edges, so the parts it yields do
// not depend on how the transport cut the stream, and it never concatenates the whole
// buffer again on every push (that would be O(n^2) on a 16 MiB part arriving in 1 KiB reads).
//
// Every part body is a fresh copy: no buffer is ever reused or handed out twice, which is
// how some MJPEG consumers end up re-emitting the previous frame under load.

import { ChunkList } from './chunk-list.ts';

export interface MultipartPart {
  /** Part headers, names lower-cased, values trimmed; repeated names joined with ", ". */
  headers: Record<string, string>;
  /** The part body, a copy owned by the caller. */
  body: Buffer;
  /** 0 for the first part of the stream. */
  index: number;
  /** performance.now() (or the time given to push) when the body's last byte arrived. */
  arrivedAt: number;
}

export interface MultipartOptions {
  /** Largest body accepted, in bytes (default 16 MiB); a larger part is an error. */
  maxPartBytes?: number;
  /** Largest header block accepted, in bytes (default 16 KiB). */
  maxHeaderBytes?: number;
}

const DEFAULT_MAX_PART = 16 * 1024 * 1024;
const DEFAULT_MAX_HEADER = 16 * 1024;
const CR = 0x0d;
const LF = 0x0a;
const DASH = 0x2d;
const LF_BYTE = Buffer.of(LF);

/**
 * The boundary token of a multipart Content-Type value. §7.4 declares it as
 * `boundary=--myboundary` while the stream uses `--myboundary`, so leading dashes are
 * stripped and remembered; quotes and line folding are accepted.
 */
export function boundaryFromContentType(contentType: string): { token: string; declaredDashes: number } {
  if (typeof contentType !== 'string' || !/^\s*multipart\//i.test(contentType)) {
    throw new Error(`multipart: Content-Type ${JSON.stringify(contentType)} is not a multipart type`);
  }
  const m = /;\s*boundary\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(contentType);
  if (!m) throw new Error(`multipart: no boundary parameter in Content-Type ${JSON.stringify(contentType)}`);
  const declared = m[1] ?? m[2];
  const token = declared.replace(/^-+/, '');
  if (token.length === 0 || token.length > 200) {
    throw new Error(`multipart: boundary ${JSON.stringify(declared)} in Content-Type is empty or too long`);
  }
  return { token, declaredDashes: declared.length - token.length };
}


type State = 'preamble' | 'headers' | 'body-length' | 'after-body' | 'body-scan' | 'done';
type LineEnd = { kind: 'open' | 'close'; end: number } | { kind: 'not' } | { kind: 'more' };

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const isTokenByte = (b: number) => b > 0x20 && b < 0x7f && b !== 0x3a && !'()<>@,;\\"/[]?={}'.includes(String.fromCharCode(b));
const isBlankByte = (b: number) => b === CR || b === LF || b === 0x20 || b === 0x09;

/**
 * Push-style parser: feed chunks with push(), get the parts they complete back; end() when
 * the stream closes. After an error every further call throws the same error.
 */
export class MultipartParser {
  private readonly token: string;
  private readonly declaredDashes: number;
  private readonly needle: Buffer; // "--" + token
  private readonly maxPart: number;
  private readonly maxHeader: number;
  private readonly buf = new ChunkList();
  private state: State = 'preamble';
  private scanFrom = 0; // no delimiter starts before this position (body-scan / preamble)
  private headerScanFrom = 0;
  private headers: Record<string, string> = {};
  private contentLength = 0;
  private lengthBody: Buffer | null = null; // the Content-Length body being filled
  private lengthFilled = 0;
  private lastByteTime = 0;
  private headerEndTime = 0;
  private nextIndex = 0;
  private failure: Error | null = null;
  private ended = false;
  private sawBytes = false;
  private tailDiscarded = 0;
  private preambleBytes = 0;

  constructor(contentType: string, options: MultipartOptions = {}) {
    ({ token: this.token, declaredDashes: this.declaredDashes } = boundaryFromContentType(contentType));
    this.needle = Buffer.from(`--${this.token}`, 'latin1');
    this.maxPart = checkLimit(options.maxPartBytes, DEFAULT_MAX_PART, 'maxPartBytes');
    this.maxHeader = checkLimit(options.maxHeaderBytes, DEFAULT_MAX_HEADER, 'maxHeaderBytes');
  }

  /** Parts emitted so far. */
  get partCount(): number { return this.nextIndex; }

  /** Bytes left at end() that did not make a complete part (a stream cut mid-part). */
  get discardedTailBytes(): number { return this.tailDiscarded; }

  /**
   * Adds a chunk and returns the parts it completes. The parser keeps a reference to large
   * chunks until their bytes are consumed, so do not reuse a chunk's memory after pushing it
   * (Node streams, undici and fetch bodies never do); small chunks are copied.
   */
  push(chunk: Uint8Array, at: number = performance.now()): MultipartPart[] {
    if (this.failure) throw this.failure;
    if (this.ended) throw new Error('multipart: push() after end()');
    if (!(chunk instanceof Uint8Array)) throw new Error('multipart: push() takes a Buffer or Uint8Array');
    if (chunk.length > 0) this.sawBytes = true;
    this.buf.append(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength), at);
    return this.run(false);
  }

  /** Signals the end of the stream; returns any part the last bytes complete. */
  end(): MultipartPart[] {
    if (this.failure) throw this.failure;
    if (this.ended) return [];
    this.ended = true;
    const parts = this.run(true);
    if (this.state === 'preamble' && this.sawBytes) {
      this.fail(`stream ended without any boundary "--${this.token}"`);
    }
    if (this.state !== 'done' && this.state !== 'after-body') {
      this.tailDiscarded = this.buf.length + (this.state === 'body-length' ? this.lengthFilled : 0);
      this.lengthBody = null;
    }
    return parts;
  }

  private run(final: boolean): MultipartPart[] {
    const parts: MultipartPart[] = [];
    try {
      while (this.step(final, parts));
    } catch (err) {
      this.failure = err instanceof Error ? err : new Error(String(err));
      throw this.failure;
    }
    return parts;
  }

  private fail(message: string): never {
    this.failure = new Error(`multipart: ${message}`);
    throw this.failure;
  }

  /** Advances one state; false when more bytes are needed. */
  private step(final: boolean, out: MultipartPart[]): boolean {
    const b = this.buf;
    switch (this.state) {
      case 'done':
        b.consume(b.length); // epilogue after the close delimiter
        return false;
      case 'preamble':
      case 'body-scan':
        return this.scanForDelimiter(final, out);
      case 'headers':
        return this.readHeaders();
      case 'body-length': {
        // With a declared length the body is filled as bytes arrive, while they are still
        // in cache, and the chunks are released at once instead of being held to the end.
        const body = this.lengthBody as Buffer;
        const take = Math.min(body.length - this.lengthFilled, b.length);
        if (take > 0) {
          b.copyTo(body, this.lengthFilled, 0, take);
          this.lengthFilled += take;
          this.lastByteTime = b.timeAt(take - 1);
          b.consume(take);
        }
        if (this.lengthFilled < body.length) return false;
        this.lengthBody = null;
        out.push(this.emit(body, this.lastByteTime));
        this.state = 'after-body';
        return true;
      }
      case 'after-body':
        return this.checkDelimiterAfterBody(final);
    }
  }

  private emit(body: Buffer, arrivedAt: number): MultipartPart {
    return { headers: this.headers, body, index: this.nextIndex++, arrivedAt };
  }

  /** Preamble or a body without Content-Length: the next delimiter line ends it. */
  private scanForDelimiter(final: boolean, out: MultipartPart[]): boolean {
    const b = this.buf;
    const L = this.needle.length;
    for (;;) {
      const p = b.indexOf(this.needle, this.scanFrom);
      if (p < 0) {
        this.scanFrom = Math.max(this.scanFrom, b.length - L + 1);
        if (this.state === 'preamble') {
          // Preamble bytes are never needed: drop all but what could begin a delimiter.
          const drop = this.scanFrom - this.declaredDashes;
          if (drop > 0) { b.consume(drop); this.scanFrom -= drop; this.preambleBytes += drop; }
          if (this.preambleBytes > this.maxPart) this.fail(`no boundary "--${this.token}" in the first ${this.preambleBytes} bytes`);
        } else if (this.scanFrom - 2 - this.declaredDashes > this.maxPart) {
          this.fail(`part #${this.nextIndex} is larger than maxPartBytes (${this.maxPart}) and has no boundary yet`);
        }
        return false;
      }
      const line = this.delimiterLineEnd(p + L, final);
      if (line.kind === 'more') { this.scanFrom = p; return false; }
      if (line.kind === 'not') { this.scanFrom = p + 1; continue; }
      // §7.4 declares "--myboundary"; a sender following RFC 2046 then writes "----myboundary".
      let start = p;
      while (start > 0 && p - start < this.declaredDashes && b.byteAt(start - 1) === DASH) start--;
      if (this.state === 'body-scan') {
        let end = start; // the line break before a delimiter belongs to the delimiter
        if (end > 0 && b.byteAt(end - 1) === LF) end--;
        if (end > 0 && b.byteAt(end - 1) === CR) end--;
        if (end > this.maxPart) this.fail(`part #${this.nextIndex} is larger than maxPartBytes (${this.maxPart})`);
        out.push(this.emit(b.copy(0, end), end > 0 ? b.timeAt(end - 1) : this.headerEndTime));
      }
      b.consume(line.end);
      this.scanFrom = 0;
      this.enterHeadersOrDone(line.kind);
      return true;
    }
  }

  private enterHeadersOrDone(kind: 'open' | 'close'): void {
    this.state = kind === 'close' ? 'done' : 'headers';
    this.headerScanFrom = 0;
  }

  /**
   * What follows "--token" at pos: "--" (close delimiter), or optional spaces and a line
   * break. Anything else means the bytes were body content, not a delimiter.
   */
  private delimiterLineEnd(pos: number, final: boolean): LineEnd {
    const b = this.buf;
    if (pos >= b.length) return final ? { kind: 'open', end: pos } : { kind: 'more' };
    if (b.byteAt(pos) === DASH) {
      if (pos + 1 >= b.length) return final ? { kind: 'not' } : { kind: 'more' };
      return b.byteAt(pos + 1) === DASH ? { kind: 'close', end: pos + 2 } : { kind: 'not' };
    }
    let i = pos;
    while (i < b.length && (b.byteAt(i) === 0x20 || b.byteAt(i) === 0x09)) i++;
    if (i >= b.length) return final ? { kind: 'open', end: i } : { kind: 'more' };
    const c = b.byteAt(i);
    if (c === LF) return { kind: 'open', end: i + 1 };
    if (c !== CR) return { kind: 'not' };
    if (i + 1 >= b.length) return final ? { kind: 'open', end: i + 1 } : { kind: 'more' };
    return { kind: 'open', end: b.byteAt(i + 1) === LF ? i + 2 : i + 1 };
  }

  /** After a Content-Length body: blank lines, then the delimiter, or the length was wrong. */
  private checkDelimiterAfterBody(final: boolean): boolean {
    const b = this.buf;
    let i = 0;
    while (i < b.length && isBlankByte(b.byteAt(i))) i++;
    b.consume(i); // tolerated CRLF / blank lines between parts
    if (b.length === 0) return false;
    let dashes = 0;
    while (dashes < b.length && b.byteAt(dashes) === DASH) dashes++;
    const tokenBytes = this.needle.subarray(2);
    let matched = 0;
    while (matched < tokenBytes.length && dashes + matched < b.length && b.byteAt(dashes + matched) === tokenBytes[matched]) matched++;
    const complete = matched === tokenBytes.length;
    const wrong =
      (dashes < b.length && dashes < 2) ||
      dashes > 2 + this.declaredDashes ||
      (!complete && dashes + matched < b.length);
    if (!wrong && !complete) {
      if (final) { b.consume(b.length); return false; } // stream cut inside the delimiter
      return false;
    }
    const line = wrong ? ({ kind: 'not' } as const) : this.delimiterLineEnd(dashes + matched, final);
    if (line.kind === 'more') return false;
    if (line.kind === 'not') {
      const seen = b.copy(0, Math.min(b.length, 24)).toString('latin1');
      this.fail(
        `part #${this.nextIndex - 1} declared Content-Length ${this.contentLength} but the bytes after it are ` +
          `${JSON.stringify(seen)}, not the boundary "--${this.token}"`,
      );
    }
    b.consume(line.end);
    this.enterHeadersOrDone(line.kind);
    return true;
  }

  /** Header block: extra blank lines before it are skipped (§5.2 note); ends at a blank line. */
  private readHeaders(): boolean {
    const b = this.buf;
    let start = 0;
    while (start < b.length && (b.byteAt(start) === CR || b.byteAt(start) === LF)) start++;
    if (start > 0) { b.consume(start); this.headerScanFrom = 0; }
    if (b.length === 0) return false;
    // A part without headers: its first line is not "Name:", so the body starts here.
    let i = 0;
    while (i < b.length && i < 256 && isTokenByte(b.byteAt(i))) i++;
    if (i < b.length && (i === 0 || b.byteAt(i) !== 0x3a)) {
      this.beginBody({}, b.timeAt(0));
      return true;
    }
    const end = this.headerBlockEnd();
    if (end < 0) return false;
    const headers = parseHeaderBlock(b.copy(0, end).toString('latin1'), this.nextIndex);
    const endTime = b.timeAt(end - 1);
    b.consume(end);
    this.beginBody(headers, endTime);
    return true;
  }

  /**
   * End of the header block (just past its blank line: LF LF or LF CR LF), or -1 when more
   * bytes are needed. Walks line ends only, so it never scans into the body that follows.
   */
  private headerBlockEnd(): number {
    const b = this.buf;
    for (let i = b.indexOf(LF_BYTE, this.headerScanFrom); i >= 0; i = b.indexOf(LF_BYTE, i + 1)) {
      if (i >= this.maxHeader) break;
      this.headerScanFrom = i; // resume here: what follows this LF is not known yet
      if (i + 1 >= b.length) return -1;
      const next = b.byteAt(i + 1);
      if (next === LF) return i + 2;
      if (next === CR) {
        if (i + 2 >= b.length) return -1;
        if (b.byteAt(i + 2) === LF) return i + 3;
      }
    }
    if (b.length > this.maxHeader) this.fail(`part #${this.nextIndex} headers exceed ${this.maxHeader} bytes without a blank line`);
    this.headerScanFrom = Math.max(this.headerScanFrom, b.length - 1);
    return -1;
  }

  private beginBody(headers: Record<string, string>, headerEndTime: number): void {
    this.headers = headers;
    this.headerEndTime = headerEndTime;
    this.scanFrom = 0;
    const declared = headers['content-length'];
    if (declared === undefined) {
      this.state = 'body-scan';
      return;
    }
    if (!/^\d+$/.test(declared)) this.fail(`part #${this.nextIndex} has an invalid Content-Length ${JSON.stringify(declared)}`);
    const n = Number(declared);
    if (n > this.maxPart) this.fail(`part #${this.nextIndex} Content-Length ${n} exceeds maxPartBytes (${this.maxPart})`);
    this.contentLength = n;
    this.lengthBody = Buffer.allocUnsafe(n);
    this.lengthFilled = 0;
    this.lastByteTime = headerEndTime;
    this.state = 'body-length';
  }
}

function parseHeaderBlock(text: string, index: number): Record<string, string> {
  const headers: Record<string, string> = {};
  let last: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    if (/^[ \t]/.test(line) && last !== undefined) {
      headers[last] = `${headers[last]} ${line.trim()}`.trim(); // obsolete line folding
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!HEADER_NAME.test(name)) throw new Error(`multipart: part #${index} has a malformed header line ${JSON.stringify(line.slice(0, 80))}`);
    const key = name.toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
    last = key;
  }
  return headers;
}

function checkLimit(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`multipart: ${name} must be a positive integer (got ${value})`);
  return value;
}

/**
 * Parts of a multipart stream read from a Node Readable (e.g. an undici response body) or
 * any AsyncIterable of bytes. Breaking out of the loop ends (destroys) the source. Timeouts
 * belong to the source: give undici a bodyTimeout.
 */
export async function* parseMultipart(
  source: AsyncIterable<Uint8Array | string>,
  contentType: string,
  options: MultipartOptions = {},
): AsyncGenerator<MultipartPart, void, undefined> {
  const parser = new MultipartParser(contentType, options);
  for await (const chunk of source) {
    if (typeof chunk === 'string') throw new Error('multipart: the source yields strings; read it without an encoding');
    yield* parser.push(chunk, performance.now());
  }
  yield* parser.end();
}
