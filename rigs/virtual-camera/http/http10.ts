// The `http10` dialect's responses: HTTP/1.0 as the spec's own examples show it. The
// status line says HTTP/1.0, every answer is the last on its connection (Node adds
// `Connection: close` and closes the socket once the answer is written), and a body is
// delimited by that close: no Content-Length, no chunked encoding, whatever the CGI set.
// Multipart parts keep their own headers: they are body bytes, untouched here.
//
// Node's ServerResponse always writes `HTTP/1.1` into the status line it builds in
// writeHead() and hands to OutgoingMessage#_storeHeader (every Node since 0.x). This class
// rewrites that one line there; nothing else of Node's framing is replaced. The camera
// checks the hook exists before it listens (assertHttp10Supported), and the dialect's
// unit test reads the status line off a raw socket, so a Node that changed this fails
// loudly instead of quietly speaking HTTP/1.1.
import { ServerResponse, type OutgoingHttpHeader, type OutgoingHttpHeaders } from 'node:http';

type StoreHeader = (this: ServerResponse, firstLine: string, headers: unknown) => void;
const storeHeader = (ServerResponse.prototype as unknown as { _storeHeader?: StoreHeader })._storeHeader;

/** Framing headers the dialect decides itself; a CGI's own values are dropped. */
const FRAMING = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);

type HeaderArg = OutgoingHttpHeaders | OutgoingHttpHeader[];

export function assertHttp10Supported(): void {
  if (typeof storeHeader !== 'function')
    throw new Error(`the http10 dialect needs ServerResponse#_storeHeader, which Node ${process.version} does not have`);
}

export class Http10Response extends ServerResponse {
  /** The status line's protocol, for the raw answers written beside Node (clientError). */
  static readonly PROTOCOL = 'HTTP/1.0';

  override writeHead(statusCode: number, a?: string | HeaderArg, b?: HeaderArg): this {
    // Read by _storeHeader: no keep-alive (adds `Connection: close`, ends the socket after
    // this answer) and no chunked encoding (the body runs until the close).
    this.shouldKeepAlive = false;
    this.useChunkedEncodingByDefault = false;
    if (typeof a === 'string') return super.writeHead(statusCode, a, withoutFraming(b));
    return super.writeHead(statusCode, withoutFraming(a));
  }

  override setHeader(name: string, value: number | string | readonly string[]): this {
    if (FRAMING.has(name.toLowerCase())) return this;
    return super.setHeader(name, value);
  }

  /** Node's header assembly, with the status line's protocol rewritten. */
  _storeHeader(firstLine: string, headers: unknown): void {
    storeHeader!.call(this, firstLine.replace(/^HTTP\/1\.1 /, `${Http10Response.PROTOCOL} `), headers);
  }
}

/** A copy of the headers without the framing ones (the caller's object is left alone). */
function withoutFraming(headers: HeaderArg | undefined): HeaderArg | undefined {
  if (headers === undefined) return undefined;
  if (!Array.isArray(headers)) return Object.fromEntries(Object.entries(headers).filter(([k]) => !FRAMING.has(k.toLowerCase())));
  // [[name, value], ...] or the flat [name, value, name, value, ...] form.
  if (headers.every((h) => Array.isArray(h))) return (headers as unknown as [string, string][]).filter(([k]) => !FRAMING.has(String(k).toLowerCase())) as unknown as HeaderArg;
  const out: OutgoingHttpHeader[] = [];
  for (let i = 0; i + 1 < headers.length; i += 2) if (!FRAMING.has(String(headers[i]).toLowerCase())) out.push(headers[i], headers[i + 1]);
  return out;
}
