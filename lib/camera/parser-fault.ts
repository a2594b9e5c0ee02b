// What undici's HTTP parser (llhttp) rejected, in words. undici 7 raises an
// HTTPParserError whose message quotes llhttp's reason ("Response does not match the
// HTTP/1.1 protocol (Missing expected CR after header value)"); its `code` should be the
// llhttp error name (HPE_*) but is always undefined in undici 7 (it looks the number up
// in a name-to-number table), so the fault is named from the reason text.
//
// What undici 7 (llhttp, strict mode) rejects, as seen from a raw socket
// (tests/unit/camera/malformed-http.spec.ts): a bare LF ending the status line or a
// header line, a CR without LF, obs-fold (a header line starting with SP/HTAB), a space
// before the colon or any non-token character in a header name, control characters in
// a header value, an invalid status code, Transfer-Encoding together
// with Content-Length, a repeated Content-Length, an invalid chunk size, and anything
// that does not start with `HTTP/`.
// What it tolerates (and we do not second-guess, since that would mean parsing the raw
// bytes ourselves): a status line without the SP before an empty reason phrase
// (`HTTP/1.1 200`), any HTTP/x.y version (`HTTP/2.0 200` over HTTP/1.1 framing), a
// Transfer-Encoding whose last coding is not chunked (read to the close, as RFC 9112
// §6.3 says), and bytes after a Content-Length body (ignored, on a kept-alive connection
// too). undici 7 asserts (ERR_ASSERTION) on a status code below 100 instead of raising a
// parser error; net-error.ts types that one as a protocol defect too.

const PREFIX = /^Response does not match the HTTP\/1\.1 protocol \((.*)\)$/s;

/** llhttp reason (exact) -> the fault in words. */
const FAULTS: Record<string, string> = {
  'Missing expected CR after header value': 'a header line ends in a bare LF',
  'Missing expected CR after response line': 'the status line ends in a bare LF',
  'Missing expected CR after chunk size': 'a chunk-size line ends in a bare LF',
  'Missing expected CR after chunk extension value': 'a chunk-size line ends in a bare LF',
  'Missing expected LF after header value': 'a CR without LF after a header value',
  'Expected LF after CR': 'a CR without LF',
  'Expected LF after headers': 'a CR without LF after the header block',
  'Expected LF after chunk size': 'a CR without LF after a chunk size',
  'Expected CRLF after version': 'nothing but a line break after the HTTP version',
  'Unexpected whitespace after header value': 'a folded header (obs-fold: a line starting with whitespace continues the previous header)',
  'Unexpected space after start line': 'a header line starting with whitespace right after the status line (obs-fold)',
  "Content-Length can't be present with Transfer-Encoding": 'Content-Length together with Transfer-Encoding',
  "Transfer-Encoding can't be present with Content-Length": 'Content-Length together with Transfer-Encoding',
  'Duplicate Content-Length': 'a repeated Content-Length header',
  'Invalid character in Content-Length': 'an invalid Content-Length value',
  'Empty Content-Length': 'an empty Content-Length value',
  'Content-Length overflow': 'a Content-Length too large to be a length',
  'Invalid response status': 'an invalid status code in the status line',
  'Invalid status code': 'an invalid status code in the status line',
  'Expected HTTP/, RTSP/ or ICE/': 'the answer does not start with a status line (HTTP/x.y)',
  'Invalid HTTP version': 'an invalid HTTP version in the status line',
  'Invalid major version': 'an invalid HTTP version in the status line',
  'Invalid minor version': 'an invalid HTTP version in the status line',
  'Expected dot': 'an invalid HTTP version in the status line',
  'Expected space after version': 'no space after the HTTP version in the status line',
  'Invalid header token': 'a header name with a character not allowed in it (a space before the colon?)',
  'Invalid header field char': 'a header name with a character not allowed in it',
  'Invalid header value char': 'a control character in a header value',
  'Invalid character in chunk size': 'an invalid chunk size in a chunked body',
  'Chunk size overflow': 'a chunk size too large to be a length',
  'Invalid `Transfer-Encoding` header value': 'an invalid Transfer-Encoding value',
  'Invalid EOF state': 'the connection closed in the middle of the message framing',
};

/** True for undici's HTTPParserError (by name: it is not exported as a stable type). */
export function isParserError(err: unknown): err is Error {
  return err instanceof Error && err.name === 'HTTPParserError';
}

/** `fault in words (llhttp: "reason")`, or the parser's whole message when it is not one we know. */
export function describeParserFault(err: Error): string {
  const m = PREFIX.exec(err.message);
  if (!m) return `the HTTP parser rejected the answer (${JSON.stringify(err.message)})`;
  const reason = m[1];
  const fault = FAULTS[reason];
  return fault ? `${fault} (llhttp: ${JSON.stringify(reason)})` : `the answer is not HTTP/1.1 (llhttp: ${JSON.stringify(reason)})`;
}
