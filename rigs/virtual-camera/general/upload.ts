// The uploaded file of restore.cgi and firmwareupgrade.cgi. Browsers and the camera's
// own web page send multipart/form-data with a file field named `file`; scripts (curl
// --data-binary) send the file itself as application/octet-stream. Both are accepted;
// anything else is refused by name, so a client learns what went wrong.
import type { CgiRequest } from '../http/route.ts';
import { CgiError } from '../http/route.ts';

/** The bytes of the uploaded file, from either body shape. */
export async function uploadedFile(req: CgiRequest, limitBytes: number): Promise<Buffer> {
  const type = String(req.headers['content-type'] ?? '');
  const mime = type.split(';')[0].trim().toLowerCase();
  if (mime === 'multipart/form-data') {
    const boundary = boundaryOf(type);
    // The form adds a few hundred bytes of headers around the file.
    return fileField(await req.body(limitBytes + 4096), boundary);
  }
  if (mime === 'application/octet-stream') {
    const body = await req.body(limitBytes);
    if (body.length === 0) throw new CgiError('the request body is empty: send the file');
    return body;
  }
  throw new CgiError(
    `send the file as multipart/form-data (field "file") or application/octet-stream, not ${mime === '' ? 'a body without Content-Type' : mime.slice(0, 60)}`,
    415,
  );
}

export function boundaryOf(contentType: string): string {
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  if (!m) throw new CgiError('multipart/form-data without a boundary parameter');
  return m[1] ?? m[2];
}

/**
 * The body of the part named `file` (RFC 7578). Strict: a form whose closing delimiter is
 * missing was cut short in transit, and a truncated file must not reach the validator as
 * if it were whole (its checksum would catch it, but the error should name the cause).
 */
export function fileField(body: Buffer, boundary: string): Buffer {
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  if (at < 0) throw new CgiError('multipart body does not contain its boundary');
  let found: Buffer | undefined;
  for (;;) {
    const after = at + delimiter.length;
    if (body.subarray(after, after + 2).toString() === '--') break; // closing delimiter
    if (body.subarray(after, after + 2).toString() !== '\r\n') throw new CgiError('malformed multipart body: a delimiter is not followed by CRLF');
    const headEnd = body.indexOf('\r\n\r\n', after + 2);
    if (headEnd < 0) throw new CgiError('malformed multipart body: a part has no end of headers');
    const headers = body.subarray(after + 2, headEnd).toString('latin1');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headEnd + 4);
    if (next < 0) throw new CgiError('multipart body is truncated: the closing boundary is missing');
    if (fieldName(headers) === 'file') {
      if (found) throw new CgiError('multipart body has two fields named "file"');
      found = body.subarray(headEnd + 4, next);
    }
    at = next + 2;
  }
  if (!found) throw new CgiError('multipart body has no field named "file"');
  if (found.length === 0) throw new CgiError('the uploaded file is empty');
  return found;
}

function fieldName(headers: string): string | undefined {
  for (const line of headers.split('\r\n')) {
    const m = /^content-disposition:\s*form-data\s*;(.*)$/i.exec(line);
    if (!m) continue;
    const name = /(?:^|;)\s*name="([^"]*)"/i.exec(m[1]) ?? /(?:^|;)\s*name=([^;\s]+)/i.exec(m[1]);
    return name?.[1];
  }
  return undefined;
}
