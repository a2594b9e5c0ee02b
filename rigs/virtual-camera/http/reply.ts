// Response writers in the spec's formats. HTTP/1.1 on the wire (Node), with the
// spec's headers; every text body ends lines with CRLF as the spec shows.
import type { ServerResponse } from 'node:http';

export function sendText(res: ServerResponse, body: string, status = 200, contentType = 'text/plain'): void {
  const buf = Buffer.from(body, 'utf8');
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': buf.length, 'Cache-Control': 'no-cache' });
  res.end(buf);
}

/** `OK\r\n`, the spec's answer to a successful set/update/remove. */
export function sendOk(res: ServerResponse): void {
  sendText(res, 'OK\r\n');
}

/** `# Error: <message>\r\n` — the family's error line (VAPIX style). */
export function sendError(res: ServerResponse, message: string, status = 400): void {
  sendText(res, `# Error: ${message}\r\n`, status);
}

export function sendXml(res: ServerResponse, xml: string): void {
  sendText(res, xml, 200, 'text/xml');
}
