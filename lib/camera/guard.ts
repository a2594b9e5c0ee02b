// Never rely on a refusal for safety. A lenient camera may ignore a parameter it does not
// know and act on the rest: a reboot.cgi "probe" with junk reboots it, a format.cgi with
// a misspelt parameter formats the card. So the client refuses to send any request to
// the CGIs that restart, erase or flash the camera unless every parameter it carries (in
// the query, or in a form body) is one that CGI knows, and the method is GET, POST or
// HEAD. The check runs before anything is sent, auth priming included.
//
// Known parameters (spec 1.3, 1.4, 1.6, 1.7, 1.8, 8.2, 8.5): none for reboot,
// factorydefault, hardfactorydefault, firmwareupgrade and restore; diskid for format;
// diskid and recordingid for remove. Names are compared exactly, after percent-decoding:
// a camera that ignores case would read `DiskID` as diskid, one that does not would
// ignore it, so only the exact spelling is safe.

import { Readable } from 'node:stream';
import { HarnessDefect } from '../errors.ts';

const GUARDED: Record<string, { params: readonly string[]; upload: boolean }> = {
  'reboot.cgi': { params: [], upload: false },
  'factorydefault.cgi': { params: [], upload: false },
  'hardfactorydefault.cgi': { params: [], upload: false },
  'firmwareupgrade.cgi': { params: [], upload: true },
  'restore.cgi': { params: [], upload: true },
  'format.cgi': { params: ['diskid'], upload: false },
  'remove.cgi': { params: ['diskid', 'recordingid'], upload: false },
};

const METHODS = new Set(['GET', 'POST', 'HEAD']);

/** The guarded CGIs as paths (`/reboot.cgi`, ...): the ones no probe may send junk to. */
export const GUARDED_CGIS: readonly string[] = Object.keys(GUARDED).map((name) => `/${name}`);

/** The parameters a guarded CGI knows (`format.cgi` -> ['diskid']), or undefined for any other path. */
export function knownParameters(path: string): readonly string[] | undefined {
  return GUARDED[cgiName(splitTarget(path)[0])]?.params;
}

export interface OutgoingRequest {
  method: string;
  /** Path and query as they go on the wire. */
  target: string;
  body: Buffer | Uint8Array | string | Readable | undefined;
  contentType: string | undefined;
  /** The target with credentials redacted, for the message. */
  shown: string;
}

/**
 * The last path segment, as a lenient server might resolve it: percent-decoded, without
 * `;params` or trailing slashes, lower-case. Undecodable -> the raw text, lower-case.
 */
function cgiName(path: string): string {
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  // A C server may stop at a NUL or read `;params` as part of the path: cut at both.
  const last = (segments.at(-1) ?? '').split(/;|%00/i)[0];
  try {
    return decodeURIComponent(last).toLowerCase();
  } catch {
    return last.toLowerCase();
  }
}

/**
 * Parameter names of an `a=1&b&c=` text (query or urlencoded form); undecodable names are
 * kept raw. `;` separates too: old CGI libraries split on it, and `diskid=SD_DISK;x=1`
 * must not pass as one known parameter.
 */
function paramNames(text: string, plusIsSpace: boolean): string[] {
  return text
    .split(/[&;]/)
    .filter((pair) => pair !== '')
    .map((pair) => {
      const raw = pair.split('=')[0];
      try {
        return decodeURIComponent(plusIsSpace ? raw.replace(/\+/g, ' ') : raw);
      } catch {
        return raw;
      }
    });
}

/** Form field names of a multipart body, split into plain fields and file fields. */
function multipartFields(body: Buffer, contentType: string): { fields: string[]; files: number } | undefined {
  const m = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!m) return undefined;
  const delimiter = `--${m[1] ?? m[2]}`;
  const text = body.toString('latin1');
  const fields: string[] = [];
  let files = 0;
  for (const part of text.split(delimiter).slice(1)) {
    if (part.startsWith('--')) break;
    const head = part.slice(0, Math.max(0, part.indexOf('\r\n\r\n')));
    const disposition = /^content-disposition:(.*)$/im.exec(head)?.[1] ?? '';
    const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1] ?? /;\s*name=([^;\s]+)/i.exec(disposition)?.[1];
    if (/;\s*filename\*?=/i.test(disposition)) files++;
    else fields.push(name ?? '<a part without a name>');
  }
  return { fields, files };
}

function bodyBytes(body: Buffer | Uint8Array | string): Buffer {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/** Why the request must not be sent, or undefined when it may go. */
export function unsafeBecause(req: OutgoingRequest): string | undefined {
  const [path, query = ''] = splitTarget(req.target);
  const cgi = cgiName(path);
  const rule = GUARDED[cgi];
  if (!rule) return undefined;
  const known = rule.params.length ? `${cgi} knows only ${rule.params.join(', ')}` : `${cgi} takes no parameters`;
  if (!METHODS.has(req.method)) return `${cgi} is only sent with GET, POST or HEAD, not ${JSON.stringify(req.method)}`;
  const unknown = (names: string[]) => names.filter((n) => !rule.params.includes(n));
  const inQuery = unknown(paramNames(query, false));
  if (inQuery.length) return `${known}; the query carries ${inQuery.map((n) => JSON.stringify(n)).join(', ')}`;
  const { body } = req;
  if (body === undefined) return undefined;
  const type = (req.contentType ?? '').split(';')[0].trim().toLowerCase();
  if (body instanceof Readable) {
    if (rule.upload && type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data') return undefined;
    return `${cgi}: a streamed body cannot be checked for parameters`;
  }
  const bytes = bodyBytes(body);
  if (bytes.length === 0) return undefined;
  if (type === 'application/x-www-form-urlencoded') {
    const inForm = unknown(paramNames(bytes.toString('latin1'), true));
    return inForm.length ? `${known}; the form body carries ${inForm.map((n) => JSON.stringify(n)).join(', ')}` : undefined;
  }
  if (type === 'multipart/form-data') {
    const parts = multipartFields(bytes, req.contentType ?? '');
    if (!parts) return `${cgi}: a multipart body without a boundary cannot be checked for parameters`;
    const inForm = unknown(parts.fields);
    if (inForm.length) return `${known}; the multipart body carries the field(s) ${inForm.map((n) => JSON.stringify(n)).join(', ')}`;
    if (parts.files > 0 && !rule.upload) return `${cgi} takes no file upload`;
    return undefined;
  }
  // Any other body is the upload itself (restore, firmware); elsewhere a lenient CGI
  // might read it as parameters, so it does not go.
  return rule.upload ? undefined : `${cgi} takes no body other than a urlencoded form of its parameters`;
}

function splitTarget(target: string): [string, string | undefined] {
  const at = target.indexOf('?');
  return at < 0 ? [target, undefined] : [target.slice(0, at), target.slice(at + 1)];
}

/** Throws HarnessDefect when the request could make a lenient camera restart, erase or flash itself. */
export function refuseUnsafe(req: OutgoingRequest): void {
  const why = unsafeBecause(req);
  if (why) {
    throw new HarnessDefect(
      `refused to send ${req.method} ${req.shown}: ${why}; a lenient camera might ignore what it does not know and act on the rest (never rely on a refusal for safety)`,
    );
  }
}
