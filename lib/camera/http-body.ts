// Small helpers of the HTTP client: status expectations, header access, reading a body
// whole, and what a request body looks like in the transcript.

import { Readable } from 'node:stream';
import type { ExpectStatus, RequestBody, ResponseHeaders } from './http-types.ts';
import type { BodyRecord } from './transcript.ts';

export function statusExpected(status: number, expect: ExpectStatus | undefined): boolean {
  if (expect === undefined) return status >= 200 && status < 300;
  if (expect === 'any') return true;
  return typeof expect === 'number' ? status === expect : expect.includes(status);
}

/** First value of a response header, '' when absent. */
export function headerText(h: ResponseHeaders, name: string): string {
  const v = h[name];
  return (Array.isArray(v) ? v[0] : v) ?? '';
}

/** How the answer says its body ends: a Content-Length, chunked, or (neither) the close. */
export function framingOf(h: ResponseHeaders): { contentLength?: number; chunked: boolean } {
  const length = headerText(h, 'content-length');
  return {
    contentLength: /^\d+$/.test(length) ? Number(length) : undefined,
    chunked: /chunked\s*$/i.test(headerText(h, 'transfer-encoding')),
  };
}

/** What a body read received so far (kept when the read fails). */
export interface BodySink {
  bytes: number;
  chunks: Buffer[];
}

/**
 * Reads a body to its end, or stops (and destroys it) once `limit` bytes arrived. `sink`
 * follows what arrived, so a failure can say how far the body got and what it held.
 */
export async function readBody(body: Readable, limit = Infinity, sink: BodySink = { bytes: 0, chunks: [] }): Promise<Buffer> {
  const { chunks } = sink;
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    sink.bytes = size;
    if (size >= limit) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks);
}

/** Bytes (for a preview) or a summary of a request body, for the transcript. */
export function bodyRecord(body: RequestBody | undefined, contentType: string | undefined): BodyRecord | undefined {
  if (body === undefined) return undefined;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Readable) return { summary: `stream ${contentType ?? ''}`.trim() };
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return { summary: 'form-data' }; // not reached: request() turns FormData into a Buffer first
}

export function defaultContentType(body: RequestBody | undefined): string | undefined {
  if (body === undefined || (typeof body === 'object' && !(body instanceof Uint8Array) && !(body instanceof Readable))) {
    return undefined; // no body (FormData never gets here: it is a Buffer by now)
  }
  return typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/octet-stream';
}
