// multipart/form-data bodies (RFC 7578) for restore.cgi and firmwareupgrade.cgi, built
// as one Buffer: it can be re-sent after a 401 (a stream could not), and the transcript
// can say how big it was. And application/x-www-form-urlencoded bodies for the CGIs the
// spec allows by POST (storage, 8.1: "Method: GET/POST").

import { randomBytes } from 'node:crypto';

export interface FormField {
  name: string;
  data: Buffer | string;
  /** Set for file parts: the filename in Content-Disposition. */
  filename?: string;
  /** Content-Type of the part; file parts default to application/octet-stream. */
  contentType?: string;
}

export interface FormBody {
  body: Buffer;
  contentType: string;
}

function checkHeaderText(what: string, value: string): void {
  if (/["\r\n]/.test(value)) throw new Error(`form ${what} cannot contain quotes or line breaks: ${JSON.stringify(value)}`);
}

export function buildMultipartForm(fields: readonly FormField[]): FormBody {
  if (fields.length === 0) throw new Error('a multipart form needs at least one field');
  const boundary = `----camera-hil-${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const f of fields) {
    checkHeaderText('field name', f.name);
    if (f.filename !== undefined) checkHeaderText('filename', f.filename);
    const data = typeof f.data === 'string' ? Buffer.from(f.data, 'utf8') : f.data;
    // A boundary inside the data would cut the part short; 96 random bits make that
    // practically impossible, but a check is cheap and turns "practically" into "never".
    if (data.includes(boundary)) throw new Error('form data contains the multipart boundary');
    const disposition = `form-data; name="${f.name}"${f.filename !== undefined ? `; filename="${f.filename}"` : ''}`;
    const type = f.contentType ?? (f.filename !== undefined ? 'application/octet-stream' : undefined);
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n`;
    chunks.push(Buffer.from(head, 'utf8'), data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** True for a WHATWG FormData from any implementation (Node's global, undici's). */
export function isFormData(value: unknown): value is FormData {
  return typeof value === 'object' && value !== null && (value as { [Symbol.toStringTag]?: string })[Symbol.toStringTag] === 'FormData';
}

/**
 * A FormData as our own multipart Buffer. Node's global FormData and the undici 7 we
 * send with are different implementations that do not mix, and a Buffer is replayable
 * after a 401 anyway.
 */
export async function formDataToMultipart(form: FormData): Promise<FormBody> {
  const fields: FormField[] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') {
      fields.push({ name, data: value });
    } else {
      const file = value as Blob & { name?: string };
      fields.push({
        name,
        data: Buffer.from(await file.arrayBuffer()),
        filename: file.name ?? 'blob',
        contentType: file.type || undefined,
      });
    }
  }
  return buildMultipartForm(fields);
}

export const URLENCODED = 'application/x-www-form-urlencoded';

/** The application/x-www-form-urlencoded serialization (WHATWG URL) of name/value pairs, in order. */
export function urlencodedForm(pairs: Record<string, string> | ReadonlyArray<readonly [string, string]>): string {
  const list = Array.isArray(pairs) ? (pairs as ReadonlyArray<readonly [string, string]>) : Object.entries(pairs);
  return new URLSearchParams(list.map(([n, v]) => [n, v])).toString();
}
