// The record of every request a test made and what the camera answered, attached to the
// test's report (the ONVIF test tool keeps the raw exchange; so do we). Credentials are
// redacted when an entry is recorded and again when the text is produced, so a secret
// registered late (a user created mid-test) is still hidden in earlier entries.

import { Redactor, type HeaderMap } from './redact.ts';

export interface TranscriptEntry {
  time: Date;
  method: string;
  /** Path + query, redacted. */
  target: string;
  requestHeaders: Record<string, string>;
  /** Preview of the request body: text up to the preview size, else `<N bytes type>`. */
  requestBody?: string;
  status?: number;
  responseHeaders?: Record<string, string>;
  responseBody?: string;
  durationMs?: number;
  /** Set when the request failed without an HTTP answer (network error, timeout). */
  error?: string;
  /** A free-text line (e.g. "waited 12.4 s for the camera to come back"). */
  note?: string;
}

export interface TranscriptOptions {
  secrets?: Iterable<string | undefined>;
  /** Characters of a text body kept in a preview (default 4096). */
  previewBytes?: number;
  /** Entries kept; the oldest are dropped beyond this (default 5000). */
  maxEntries?: number;
}

/** What the client hands over as a body: bytes, or a summary (`stream audio/basic`). */
export type BodyRecord = Buffer | { summary: string };

const TEXT_TYPE = /^(text\/|application\/(xml|json|x-www-form-urlencoded|javascript)|[^;]*\+(xml|json))/i;

function looksLikeText(buf: Buffer): boolean {
  const sample = buf.subarray(0, 1024);
  // A NUL or other control byte (besides tab/CR/LF) marks binary; so does invalid UTF-8.
  if (sample.some((b) => b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f)) return false;
  return !sample.toString('utf8').includes('\uFFFD');
}

/**
 * A body preview: text (cut to `max` characters) or `<N bytes type>` for binary content.
 * `redact` is applied to the whole text before cutting, so a secret straddling the cut
 * cannot leave a visible half.
 */
export function previewBody(
  body: Buffer | string | undefined,
  contentType: string | undefined,
  max = 4096,
  redact: (s: string) => string = (s) => s,
): string {
  if (body === undefined) return '';
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  if (buf.length === 0) return '';
  const type = contentType?.split(';')[0].trim();
  const isText = type ? TEXT_TYPE.test(type) : looksLikeText(buf);
  if (!isText) return `<${buf.length} bytes${type ? ` ${type}` : ''}>`;
  const text = redact(buf.toString('utf8'));
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

function headerValue(headers: HeaderMap, name: string): string | undefined {
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === name) return Array.isArray(v) ? v[0] : v === undefined ? undefined : String(v);
  }
  return undefined;
}

export class Transcript {
  readonly redactor: Redactor;
  private readonly list: TranscriptEntry[] = [];
  private dropped = 0;
  private readonly previewBytes: number;
  private readonly maxEntries: number;

  constructor(options: TranscriptOptions = {}) {
    this.redactor = new Redactor(options.secrets ?? []);
    this.previewBytes = options.previewBytes ?? 4096;
    this.maxEntries = options.maxEntries ?? 5000;
  }

  addSecret(secret: string | undefined): void {
    this.redactor.addSecret(secret);
  }

  get entries(): readonly TranscriptEntry[] {
    return this.list;
  }

  /** Starts an entry for a request about to be sent; complete it with response() or fail(). */
  request(method: string, target: string, headers: HeaderMap, body?: BodyRecord): TranscriptEntry {
    const entry: TranscriptEntry = {
      time: new Date(),
      method,
      target: this.redactor.target(target),
      requestHeaders: this.redactor.headers(headers),
    };
    const preview = this.preview(body, headerValue(headers, 'content-type'));
    if (preview) entry.requestBody = preview;
    this.push(entry);
    return entry;
  }

  response(entry: TranscriptEntry, status: number, headers: HeaderMap, body?: BodyRecord): void {
    entry.status = status;
    entry.responseHeaders = this.redactor.headers(headers);
    entry.durationMs = Date.now() - entry.time.getTime();
    const preview = this.preview(body, headerValue(headers, 'content-type'));
    if (preview) entry.responseBody = preview;
  }

  /** Replaces the response body preview with a summary (a stream's, once it is closed). */
  summarizeResponseBody(entry: TranscriptEntry, summary: string): void {
    entry.responseBody = `<${this.redactor.text(summary)}>`;
  }

  fail(entry: TranscriptEntry, error: string): void {
    entry.durationMs = Date.now() - entry.time.getTime();
    entry.error = this.redactor.text(error);
  }

  note(text: string): void {
    this.push({ time: new Date(), method: '', target: '', requestHeaders: {}, note: this.redactor.text(text) });
  }

  clear(): void {
    this.list.length = 0;
    this.dropped = 0;
  }

  /** Plain text for a report attachment; redacted again with every secret known now. */
  toText(): string {
    const r = this.redactor;
    const blocks: string[] = [];
    if (this.dropped > 0) blocks.push(`(${this.dropped} earlier entries dropped)`);
    for (const e of this.list) {
      const when = e.time.toISOString();
      if (e.note !== undefined) {
        blocks.push(`[${when}] NOTE ${r.text(e.note)}`);
        continue;
      }
      const lines: string[] = [];
      const outcome =
        e.error !== undefined ? `FAILED: ${r.text(e.error)}` : e.status !== undefined ? `${e.status}` : 'no answer yet';
      const took = e.durationMs !== undefined ? ` (${e.durationMs} ms)` : '';
      lines.push(`[${when}] ${e.method} ${r.target(e.target)} -> ${outcome}${took}`);
      for (const [k, v] of Object.entries(r.headers(e.requestHeaders))) lines.push(`> ${k}: ${v}`);
      if (e.requestBody) lines.push(...indent('> ', r.text(e.requestBody)));
      for (const [k, v] of Object.entries(r.headers(e.responseHeaders ?? {}))) lines.push(`< ${k}: ${v}`);
      if (e.responseBody) lines.push(...indent('< ', r.text(e.responseBody)));
      blocks.push(lines.join('\n'));
    }
    return blocks.join('\n\n') + (blocks.length ? '\n' : '');
  }

  private preview(body: BodyRecord | undefined, contentType: string | undefined): string {
    if (body === undefined) return '';
    if (Buffer.isBuffer(body)) return previewBody(body, contentType, this.previewBytes, (s) => this.redactor.text(s));
    return `<${this.redactor.text(body.summary)}>`;
  }

  private push(entry: TranscriptEntry): void {
    this.list.push(entry);
    if (this.list.length > this.maxEntries) {
      this.list.shift();
      this.dropped++;
    }
  }
}

function indent(prefix: string, text: string): string[] {
  return text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n').map((l) => `${prefix}${l}`);
}
