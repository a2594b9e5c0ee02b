// The HTTP client every chapter module goes through (undici 7). It owns what all
// requests share: the base URL, credentials and the auth state (Digest nonce reuse),
// the per-request timeout, the source address (127.0.0.2 for IP filter tests), the
// transcript, the safety guard (lib/camera/guard.ts) and the error conventions:
//   camera not reachable at all      -> CameraUnreachableError ("camera unreachable: GET /x: reason")
//   connected, then dropped or late  -> CameraConnectionError / UploadCutOff (a camera defect)
//   an answer that is not HTTP        -> CameraProtocolError ("camera broke HTTP: GET /x: fault")
//   unexpected status                 -> CameraHttpError (status, the camera's `# Error:` line)
// (lib/camera/net-error.ts sorts the failures.) HTTP/1.0 answers whose body ends with the
// connection (no Content-Length, not chunked) are read to the close as RFC 9112 §6.3 says.
// Credentials never appear in an error message or the transcript.

import { Readable } from 'node:stream';
import { request as undiciRequest } from 'undici';
import { AuthSession, type AuthMode, type Credentials, type SentAuth } from './auth/session.ts';
import { TrackingDispatcher } from './dispatcher.ts';
import { CameraConnectionError, CameraHttpError, CameraProtocolError, cameraErrorOf, firstLineOf, type RequestRef } from './errors.ts';
import { refuseUnsafe } from './guard.ts';
import { classifyFailure, type FailureContext, type UploadProgress } from './net-error.ts';
import { joinTarget, type Query } from './query.ts';
import { waitUntil, type PollOptions } from './reachability.ts';
import { Redactor } from './redact.ts';
import { formDataToMultipart, isFormData } from './form.ts';
import { bodyRecord, defaultContentType, framingOf, headerText, readBody, statusExpected, type BodySink } from './http-body.ts';
import { wrapStream } from './stream.ts';
import type { Transcript, TranscriptEntry } from './transcript.ts';
import { prepareBody } from './upload.ts';

import type {
  CameraClientOptions,
  CameraResponse,
  CameraStream,
  PostOptions,
  RequestBody,
  RequestOptions,
  ResponseHeaders,
  StreamOptions,
} from './http-types.ts';

export type { AuthMode, Credentials } from './auth/session.ts';
export type {
  CameraClientOptions,
  CameraResponse,
  CameraStream,
  ExpectStatus,
  PostOptions,
  RequestBody,
  RequestOptions,
  ResponseHeaders,
  StreamOptions,
} from './http-types.ts';

interface Open {
  status: number;
  headers: ResponseHeaders;
  body: Readable;
  entry: TranscriptEntry | undefined;
  started: number;
  timedOut: () => boolean;
  done: () => void;
  upload: UploadProgress | undefined;
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
  private readonly net: TrackingDispatcher;
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
    this.net = new TrackingDispatcher({ localAddress: options.localAddress, connectTimeout: this.timeoutMs });
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
    await this.net.destroy();
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
      const body = await this.read(call, open);
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
    const wrapped = wrapStream(
      open.body,
      (err, bytes) => this.classify(err, call, open, bytes),
      (end) => {
        if (entry) this.transcript?.summarizeResponseBody(entry, `stream ${contentType}: ${end.bytes} bytes in ${end.ms} ms, ${end.how}`);
      },
    );
    return { request: call.ref, status: open.status, headers: open.headers, contentType, body: wrapped.body, close: wrapped.close };
  }

  /**
   * Polls until the camera answers HTTP again (any status below 500, a 401 included).
   * Returns the ms waited; throws "camera unreachable: ..." when it does not come back
   * (a CameraDefect when it was there but answering badly). After a restart the camera
   * was asked for, use awaitRestart (lib/camera/reachability.ts): not coming back is then
   * the camera's fault.
   */
  waitUntilReachable(timeoutMs: number, opts: PollOptions = {}): Promise<number> {
    return waitUntil(this, true, timeoutMs, { path: this.options.probePath, ...opts });
  }

  /**
   * Polls until the camera stops answering (network error, timeout or 5xx), e.g. a reboot
   * began; a camera still answering at the deadline is a CameraDefect.
   */
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
    // FormData never gets here: request() turned it into a Buffer.
    const sent = body as Buffer | Uint8Array | string | Readable | undefined;
    refuseUnsafe({ method, target, body: sent, contentType: contentType ?? defaultContentType(body), shown: ref.path });
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
        await this.read(call, res).finally(res.done);
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
    const sink: BodySink = { bytes: 0, chunks: [] };
    try {
      await this.read(call, res, 64 * 1024, sink);
    } catch (err) {
      // The status is what the camera said (a 413 whose body a reset cut off is still a 413).
      if (!(err instanceof CameraConnectionError || err instanceof CameraProtocolError)) throw err;
      note = [note, `its body failed: ${err.message}`].filter(Boolean).join('; ');
    } finally {
      res.done();
    }
    const redacted = this.redactor.text(Buffer.concat(sink.chunks).toString('utf8'));
    throw new CameraHttpError(call.ref, res.status, cameraErrorOf(redacted), firstLineOf(redacted), note);
  }

  /** One attempt: returns once headers arrived; the deadline keeps running until done(). */
  private async once(call: Call, sent: SentAuth): Promise<Open> {
    const headers: Record<string, string> = { ...call.opts.headers };
    if (sent.header) headers['authorization'] = sent.header;
    if (call.contentType) headers['content-type'] = call.contentType;
    const entry = call.record ? this.transcript?.request(call.method, call.target, headers, bodyRecord(call.body, call.contentType)) : undefined;
    const declared = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-length')?.[1];
    const upload = prepareBody(call.body as Buffer | Uint8Array | string | Readable | undefined, declared);
    const controller = new AbortController();
    const progress = this.net.track(controller.signal);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`deadline of ${call.timeoutMs} ms passed`));
    }, call.timeoutMs);
    const started = Date.now();
    try {
      const res = await undiciRequest(`${this.url}${call.target}`, {
        dispatcher: this.net.dispatcher,
        method: call.method as 'GET',
        headers: { ...headers, ...upload.headers },
        body: upload.body,
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
        upload: upload.progress,
      };
    } catch (err) {
      clearTimeout(timer);
      const error = classifyFailure(err, this.context(call, { connected: progress.connected, timedOut, upload: upload.progress }));
      if (entry) this.transcript?.fail(entry, error.message);
      throw error;
    }
  }

  /** Reads the body (up to `limit` bytes), typing a failure and recording the response. */
  private async read(call: Call, open: Open, limit?: number, sink: BodySink = { bytes: 0, chunks: [] }): Promise<Buffer> {
    try {
      const body = await readBody(open.body, limit, sink);
      if (open.entry) this.transcript?.response(open.entry, open.status, open.headers, body);
      return body;
    } catch (err) {
      const error = this.classify(err, call, open, sink.bytes);
      if (open.entry) this.transcript?.fail(open.entry, error.message);
      throw error;
    }
  }

  /** The typed error for a failure after the headers arrived, `bodyBytes` into the body. */
  private classify(err: unknown, call: Call, open: Open, bodyBytes: number): Error {
    const facts = { connected: true, answered: true, timedOut: open.timedOut(), upload: open.upload, bodyBytes, ...framingOf(open.headers) };
    return classifyFailure(err, this.context(call, facts));
  }

  private context(call: Call, facts: Partial<FailureContext> & { connected: boolean; timedOut: boolean }): FailureContext {
    return {
      request: call.ref,
      answered: false,
      timeoutMs: call.timeoutMs,
      idleTimeoutMs: call.idleTimeoutMs,
      redact: (t) => this.redactor.text(t),
      ...facts,
    };
  }
}
