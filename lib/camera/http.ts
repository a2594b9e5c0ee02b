// The HTTP client every chapter module goes through (undici 7). It owns what all
// requests share: the base URL, credentials and the auth state (Digest nonce reuse),
// the per-request timeout, the source address (127.0.0.2 for IP filter tests), the
// transcript, and the error conventions:
//   no answer          -> CameraUnreachableError ("camera unreachable: GET /x: reason")
//   unexpected status  -> CameraHttpError (status, the camera's `# Error:` line)
// Credentials never appear in an error message or the transcript.

import { Readable } from 'node:stream';
import { Agent, request as undiciRequest } from 'undici';
import { AuthSession, type AuthMode, type Credentials, type SentAuth } from './auth/session.ts';
import { CameraHttpError, CameraUnreachableError, cameraErrorOf, firstLineOf, type RequestRef } from './errors.ts';
import { isUsageError, networkReason } from './net-error.ts';
import { joinTarget, type Query } from './query.ts';
import { waitUntil, type PollOptions } from './reachability.ts';
import { Redactor } from './redact.ts';
import { formDataToMultipart, isFormData } from './form.ts';
import { bodyRecord, defaultContentType, headerText, readBody, statusExpected } from './http-body.ts';
import { wrapStream } from './stream.ts';
import type { Transcript, TranscriptEntry } from './transcript.ts';

export type { AuthMode, Credentials } from './auth/session.ts';

export interface CameraClientOptions {
  /** http://host[:port] — credentials in the URL are accepted and taken out of it. */
  url: string;
  user?: string;
  password?: string;
  /** Per-request deadline (connect + headers + body) in ms. Default 10 000. */
  timeoutMs?: number;
  /** Source address to send from, e.g. 127.0.0.2 for IP filter tests. */
  localAddress?: string;
  transcript?: Transcript;
  /** Harmless GET that learns the auth challenge before a streamed (non-replayable) POST. */
  authPrimePath?: string;
  /** Cheap GET polled by waitUntilReachable / waitUntilUnreachable. */
  probePath?: string;
}

/** 2xx when absent; a status, a list of statuses, or 'any' to accept everything. */
export type ExpectStatus = number | readonly number[] | 'any';

export interface RequestOptions {
  expectStatus?: ExpectStatus;
  timeoutMs?: number;
  auth?: AuthMode;
  /** Act as another user for this request. */
  as?: Credentials;
  headers?: Record<string, string>;
  /** false leaves the request out of the transcript (reachability probes). Default true. */
  record?: boolean;
}

export interface PostOptions extends RequestOptions {
  query?: Query;
  /** Defaults: text/plain for strings, application/octet-stream for bytes and streams. */
  contentType?: string;
}

export interface StreamOptions extends RequestOptions {
  /** Longest silence between body chunks before the stream fails (0 = none). Default: timeoutMs. */
  idleTimeoutMs?: number;
}

export type ResponseHeaders = Record<string, string | string[] | undefined>;
/** A FormData is turned into a multipart/form-data Buffer before sending. */
export type RequestBody = Buffer | Uint8Array | string | Readable | FormData;

export interface CameraResponse {
  request: RequestRef;
  status: number;
  headers: ResponseHeaders;
  /** Content-Type header, '' when absent. */
  contentType: string;
  body: Buffer;
  text: string;
  durationMs: number;
  /** Hides the client's secrets in a text: use it before quoting the body in a message. */
  redact: (text: string) => string;
}

export interface CameraStream {
  request: RequestRef;
  status: number;
  headers: ResponseHeaders;
  contentType: string;
  body: Readable;
  /** Ends the stream and releases the connection. Safe to call more than once. */
  close(): void;
}

interface Open {
  status: number;
  headers: ResponseHeaders;
  body: Readable;
  entry: TranscriptEntry | undefined;
  started: number;
  timedOut: () => boolean;
  done: () => void;
}

interface Call {
  method: string;
  target: string;
  ref: RequestRef;
  body: RequestBody | undefined;
  contentType: string | undefined;
  opts: RequestOptions;
  timeoutMs: number;
  idleTimeoutMs?: number;
  record: boolean;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export class CameraClient {
  /** Base URL without credentials, e.g. http://127.0.0.1:8080 */
  readonly url: string;
  readonly transcript: Transcript | undefined;
  readonly timeoutMs: number;
  readonly localAddress: string | undefined;
  private readonly credentials: Credentials | undefined;
  private readonly redactor: Redactor;
  private readonly auth = new AuthSession();
  private readonly agent: Agent;
  private readonly options: CameraClientOptions;

  /** `shared` is for derive(): a derived client hides every secret its parent knows. */
  constructor(options: CameraClientOptions, shared?: { redactor: Redactor }) {
    this.redactor = shared?.redactor ?? new Redactor();
    let parsed: URL;
    try {
      parsed = new URL(options.url);
    } catch {
      throw new Error(`camera url is not a URL: ${JSON.stringify(options.url.replace(/\/\/[^@/]*@/, '//<redacted>@'))}`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`camera url must be http(s): ${parsed.protocol}`);
    if ((parsed.pathname !== '/' && parsed.pathname !== '') || parsed.search || parsed.hash) {
      throw new Error(`camera url must be just scheme://host[:port], got a path or query: ${parsed.host}${parsed.pathname}`);
    }
    const user = options.user ?? (parsed.username ? decodeURIComponent(parsed.username) : undefined);
    const password = options.password ?? (parsed.password ? decodeURIComponent(parsed.password) : undefined);
    this.credentials = user !== undefined ? { user, password: password ?? '' } : undefined;
    this.url = `${parsed.protocol}//${parsed.host}`;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!(this.timeoutMs > 0)) throw new Error(`timeoutMs must be positive, got ${options.timeoutMs}`);
    this.localAddress = options.localAddress;
    this.transcript = options.transcript;
    this.options = { ...options, url: this.url, user, password };
    this.addSecret(password);
    this.agent = new Agent({ localAddress: options.localAddress, connectTimeout: this.timeoutMs });
  }

  /** Hides a string (a password the test sets) in transcripts and error messages. */
  addSecret(secret: string | undefined): void {
    this.redactor.addSecret(secret);
    this.transcript?.addSecret(secret);
  }

  /** Redacts a text with every secret this client knows (for callers building messages). */
  redact(text: string): string {
    return this.redactor.text(text);
  }

  /**
   * A new client to the same camera with some options changed (other user, source
   * address). It shares the transcript and the known secrets, not the connection pool or
   * auth state. A new `user` does not inherit this client's password. close() it too.
   */
  derive(overrides: Partial<Omit<CameraClientOptions, 'url'>>): CameraClient {
    const base = overrides.user !== undefined ? { ...this.options, password: undefined } : this.options;
    return new CameraClient({ ...base, transcript: this.transcript, ...overrides }, { redactor: this.redactor });
  }

  /** Forgets the learnt auth scheme and nonce (after a reboot or factory default). */
  resetAuth(): void {
    this.auth.reset();
  }

  async close(): Promise<void> {
    await this.agent.destroy();
  }

  get(path: string, query?: Query, opts: RequestOptions = {}): Promise<CameraResponse> {
    return this.request('GET', path, { ...opts, query });
  }

  post(path: string, body: RequestBody, opts: PostOptions = {}): Promise<CameraResponse> {
    return this.request('POST', path, { ...opts, body });
  }

  /** Any method; the body is read completely (use stream() for endless bodies). */
  async request(method: string, path: string, init: PostOptions & { body?: RequestBody } = {}): Promise<CameraResponse> {
    let { body, contentType } = init;
    if (isFormData(body)) ({ body, contentType } = await formDataToMultipart(body));
    const call = this.call(method, path, init, body, contentType);
    const open = await this.open(call);
    try {
      const body = await this.read(call, open, readBody(open.body));
      return {
        request: call.ref,
        status: open.status,
        headers: open.headers,
        contentType: headerText(open.headers, 'content-type'),
        body,
        text: body.toString('utf8'),
        durationMs: Date.now() - open.started,
        redact: (t) => this.redactor.text(t),
      };
    } finally {
      open.done();
    }
  }

  /** GET whose body stays open (multipart streams); the caller must close() it. */
  async stream(path: string, query?: Query, opts: StreamOptions = {}): Promise<CameraStream> {
    const call = this.call('GET', path, { ...opts, query }, undefined, undefined);
    call.idleTimeoutMs = opts.idleTimeoutMs ?? call.timeoutMs;
    const open = await this.open(call);
    open.done(); // the deadline covered connect + headers; from here the idle timeout rules
    const contentType = headerText(open.headers, 'content-type');
    const entry = open.entry;
    if (entry) this.transcript?.response(entry, open.status, open.headers, { summary: `stream ${contentType}` });
    const wrapped = wrapStream(open.body, call.ref, call.timeoutMs, call.idleTimeoutMs, (end) => {
      if (entry) this.transcript?.summarizeResponseBody(entry, `stream ${contentType}: ${end.bytes} bytes in ${end.ms} ms, ${end.how}`);
    });
    return { request: call.ref, status: open.status, headers: open.headers, contentType, body: wrapped.body, close: wrapped.close };
  }

  /**
   * Polls until the camera answers HTTP again (any status below 500, a 401 included).
   * Returns the ms waited; throws "camera unreachable: ..." when it does not come back.
   */
  waitUntilReachable(timeoutMs: number, opts: PollOptions = {}): Promise<number> {
    return waitUntil(this, true, timeoutMs, { path: this.options.probePath, ...opts });
  }

  /** Polls until the camera stops answering (network error, timeout or 5xx), e.g. a reboot began. */
  waitUntilUnreachable(timeoutMs: number, opts: PollOptions = {}): Promise<number> {
    return waitUntil(this, false, timeoutMs, { path: this.options.probePath, ...opts });
  }

  private call(method: string, path: string, opts: PostOptions, body: RequestBody | undefined, contentType: string | undefined): Call {
    const target = joinTarget(path, opts.query);
    if (opts.as) this.addSecret(opts.as.password);
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    if (!(timeoutMs > 0)) throw new Error(`timeoutMs must be positive, got ${opts.timeoutMs}`);
    const ref = { method, path: this.redactor.target(target) };
    const record = opts.record ?? true;
    return { method, target, ref, body, contentType: contentType ?? defaultContentType(body), opts, timeoutMs, record };
  }

  /** Sends with auth (one retry on 401) and checks the status; the body is still unread. */
  private async open(call: Call): Promise<Open> {
    const creds = call.opts.as ?? this.credentials;
    const mode = call.opts.auth ?? 'auto';
    const replayable = !(call.body instanceof Readable);
    if (!replayable && creds && (mode === 'auto' || mode === 'digest') && !this.auth.primed) {
      // A stream cannot be sent twice, so learn the challenge with a harmless GET first.
      await this.request('GET', this.options.authPrimePath ?? '/config.cgi?action=list&group=Brand.ProdNbr', {
        auth: mode,
        as: call.opts.as,
        expectStatus: 'any',
        timeoutMs: call.timeoutMs,
      });
    }
    let sent = this.auth.authorize(call.method, call.target, creds, mode);
    let res = await this.once(call, sent);
    let note: string | undefined;
    if (res.status === 401) {
      const verdict = this.auth.onUnauthorized(res.headers['www-authenticate'], sent, creds, mode);
      if (verdict.retry && replayable) {
        await this.read(call, res, readBody(res.body)).finally(res.done);
        sent = this.auth.authorize(call.method, call.target, creds, mode);
        res = await this.once(call, sent);
        if (res.status === 401) {
          // Cameras hand out a fresh nonce with every challenge, so a new nonce here does
          // not mean "try again": one retry was the allowance. Learn it for next time.
          const again = this.auth.onUnauthorized(res.headers['www-authenticate'], sent, creds, mode);
          note = again.reason ?? `credentials rejected (${sent.scheme === 'basic' ? 'Basic' : 'Digest'})`;
        }
      } else {
        note = verdict.retry ? 'a streamed body cannot be re-sent after a 401' : verdict.reason;
      }
    }
    if (statusExpected(res.status, call.opts.expectStatus)) return res;
    let text = '';
    try {
      text = (await this.read(call, res, readBody(res.body, 64 * 1024))).toString('utf8');
    } finally {
      res.done();
    }
    const redacted = this.redactor.text(text);
    throw new CameraHttpError(call.ref, res.status, cameraErrorOf(redacted), firstLineOf(redacted), note);
  }

  /** One attempt: returns once headers arrived; the deadline keeps running until done(). */
  private async once(call: Call, sent: SentAuth): Promise<Open> {
    const headers: Record<string, string> = { ...call.opts.headers };
    if (sent.header) headers['authorization'] = sent.header;
    if (call.contentType) headers['content-type'] = call.contentType;
    const entry = call.record ? this.transcript?.request(call.method, call.target, headers, bodyRecord(call.body, call.contentType)) : undefined;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`deadline of ${call.timeoutMs} ms passed`));
    }, call.timeoutMs);
    const started = Date.now();
    try {
      const res = await undiciRequest(`${this.url}${call.target}`, {
        dispatcher: this.agent,
        method: call.method as 'GET',
        headers,
        body: call.body as Buffer | Uint8Array | string | Readable | undefined,
        signal: controller.signal,
        headersTimeout: call.timeoutMs,
        bodyTimeout: call.idleTimeoutMs ?? call.timeoutMs,
      });
      return {
        status: res.statusCode,
        headers: res.headers as ResponseHeaders,
        body: res.body,
        entry,
        started,
        timedOut: () => timedOut,
        done: () => clearTimeout(timer),
      };
    } catch (err) {
      clearTimeout(timer);
      throw this.failure(call, entry, err, timedOut);
    }
  }

  /** Awaits a body read, mapping failures to "camera unreachable" and recording the response. */
  private async read(call: Call, open: Open, reading: Promise<Buffer>): Promise<Buffer> {
    try {
      const body = await reading;
      if (open.entry) this.transcript?.response(open.entry, open.status, open.headers, body);
      return body;
    } catch (err) {
      throw this.failure(call, open.entry, err, open.timedOut());
    }
  }

  private failure(call: Call, entry: TranscriptEntry | undefined, err: unknown, timedOut: boolean): Error {
    if (isUsageError(err)) return err as Error;
    const reason = this.redactor.text(networkReason(err, { timedOut, timeoutMs: call.timeoutMs, idleTimeoutMs: call.idleTimeoutMs }));
    const error = new CameraUnreachableError(call.ref, reason, { cause: err });
    if (entry) this.transcript?.fail(entry, error.message);
    return error;
  }
}
