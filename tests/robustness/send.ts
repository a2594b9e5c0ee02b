// Sending one request of the robustness suites and judging the answer. Every request
// goes out as a stream (headers first): a request the camera wrongly accepts on a
// streaming CGI must not hold the test for the client's whole deadline. At most
// MAX_BODY bytes of the answer are read, then the connection is closed.
import type { Readable } from 'node:stream';
import type { Camera, ResponseHeaders } from '../../lib/camera/index.ts';
import type { CgiRequestSpec } from './cgi-catalog.ts';

export interface Answer {
  status: number;
  contentType: string;
  /** The first MAX_BODY bytes of the body, as UTF-8. */
  text: string;
  headers: ResponseHeaders;
}

const MAX_BODY = 8192;
const BODY_WAIT_MS = 1500;
const REQUEST_TIMEOUT_MS = 8000;

export async function send(camera: Camera, path: string, r: CgiRequestSpec | (Omit<CgiRequestSpec, 'method'> & { method: string }), timeoutMs = REQUEST_TIMEOUT_MS): Promise<Answer> {
  const target = r.query === '' ? path : `${path}?${r.query}`;
  if (r.method !== 'GET') {
    const body = r.method === 'POST' ? (r.body ?? Buffer.alloc(0)) : r.body;
    const res = await camera.client.request(r.method, target, { body, contentType: body ? (r.contentType ?? 'application/octet-stream') : undefined, expectStatus: 'any', timeoutMs });
    return { status: res.status, contentType: res.contentType, text: res.text.slice(0, MAX_BODY), headers: res.headers };
  }
  const stream = await camera.client.stream(target, undefined, { expectStatus: 'any', timeoutMs, idleTimeoutMs: BODY_WAIT_MS });
  try {
    // An accepted request's body may be an endless stream: its first bytes are enough.
    const body = await readSome(stream.body, stream.status < 300 ? 1 : MAX_BODY, BODY_WAIT_MS);
    return { status: stream.status, contentType: stream.contentType, text: body.toString('utf8'), headers: stream.headers };
  } finally {
    stream.close();
  }
}

/** What came until `enough` bytes, ms passed, or the end (at most MAX_BODY kept): never waits longer. */
function readSome(body: Readable, enough: number, ms: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      clearTimeout(timer);
      body.off('data', onData);
      resolve(Buffer.concat(chunks).subarray(0, MAX_BODY));
    };
    const onData = (c: Buffer) => {
      chunks.push(c);
      size += c.length;
      if (size >= enough) done();
    };
    const timer = setTimeout(done, ms);
    body.on('data', onData);
    body.once('end', done);
    body.once('error', done); // a stream the camera cuts is judged by what arrived
  });
}

/** How a camera answered a request it should refuse (see judgeRefusal). */
export interface RefusalJudgement {
  /** A 4xx status, or a `# Error:` line under any status below 500 (refusal-200 cameras). */
  refused: boolean;
  /** The status was 4xx (a house expectation: a refusal is not a 200). */
  status4xx: boolean;
  /** Why the refusal does not say what is wrong (a house expectation), or undefined. */
  unexplained?: string;
  /** `HTTP 400 "# Error: ..."`, for reports. */
  shown: string;
}

/**
 * The spec defines no error answer at all, so "refused" is read widely: a 4xx status, or a
 * `# Error:` line whatever the status (a camera answering 200 with `# Error:` refused too).
 * A 5xx is judged by the caller (a server error, required of no camera). `serverLevel`: a
 * request too big for the HTTP server never reaches the CGI, a bare 4xx is all there is.
 */
export function judgeRefusal(a: Answer, opts: { serverLevel?: boolean } = {}): RefusalJudgement {
  const errorLine = /^\s*#\s*Error:\s*\S/m.test(a.text);
  const status4xx = a.status >= 400 && a.status < 500;
  const shown = `HTTP ${a.status} ${firstLine(a.text)}`;
  const refused = status4xx || (a.status < 500 && errorLine);
  let unexplained: string | undefined;
  if (refused && !opts.serverLevel && !errorLine) {
    if (/^text\/plain/i.test(a.contentType) && a.text.trim() !== '') unexplained = `no "# Error:" line: ${shown}`;
    else if (a.text.trim() === '' && a.status !== 401 && a.status !== 404) unexplained = `an empty body: ${shown}`;
  }
  return { refused, status4xx, unexplained, shown };
}

/** Whether the text says something it should not (the content of a file outside the camera's data). */
export function leaksFile(text: string): boolean {
  return /root:[^:\n]*:0:0:/.test(text);
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return JSON.stringify(line.length > 100 ? `${line.slice(0, 100)}...` : line);
}
