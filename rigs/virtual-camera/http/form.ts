// Parameters of a CGI the spec lists as "Method: GET/POST" (the storage chapter): the
// query string, followed by an application/x-www-form-urlencoded body when POSTed, as an
// HTML form or `curl -d` sends them. A key in both is a repeated parameter, which
// single() refuses like any other repeat. A POST body of another type is refused by name
// rather than ignored: ignoring it would run the CGI without the parameters the client sent.
import { parseQuery, withParams } from './query.ts';
import { CgiError, type CgiRequest } from './route.ts';

const FORM_MIME = 'application/x-www-form-urlencoded';
/** A storage form holds a few short fields; anything near this is not one. */
const FORM_LIMIT_BYTES = 16 * 1024;

export async function formParams(req: CgiRequest): Promise<URLSearchParams> {
  if (req.method !== 'POST') return req.query;
  const body = await req.body(FORM_LIMIT_BYTES);
  if (body.length === 0) return req.query; // a POST with everything in the query string
  const type = String(req.headers['content-type'] ?? '');
  const mime = type.split(';')[0].trim().toLowerCase();
  if (mime !== FORM_MIME)
    throw new CgiError(`send the parameters as ${FORM_MIME} (or in the query string), not ${mime === '' ? 'a body without Content-Type' : mime.slice(0, 60)}`, 415);
  // Some clients end the body with a line break; it is not part of the last value.
  const text = body.toString('utf8').replace(/\r?\n$/, '');
  return withParams(req.query, parseQuery(text));
}
