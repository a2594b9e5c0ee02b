// The client's undici dispatcher, with one addition: it tells, per request, whether the
// request was put on a connected socket. That decides who is at fault when our deadline
// fires: still connecting is the lab's network (camera unreachable), connected and no
// answer is the camera (did not answer in time).
//
// undici calls a handler's onRequestStart when it begins writing the request on a
// connected socket (client-h1 writeH1), never before. Requests are matched to their
// record by the AbortSignal each attempt carries (one AbortController per attempt).

import { Agent, type Dispatcher } from 'undici';

export interface Progress {
  /** undici began writing the request on a connected socket. */
  connected: boolean;
}

export class TrackingDispatcher {
  readonly dispatcher: Dispatcher;
  private readonly agent: Agent;
  private readonly records = new WeakMap<AbortSignal, Progress>();

  constructor(options: { localAddress?: string; connectTimeout: number }) {
    this.agent = new Agent({ localAddress: options.localAddress, connectTimeout: options.connectTimeout });
    const records = this.records;
    this.dispatcher = this.agent.compose((dispatch) => (opts, handler) => {
      // request() hands its options, signal included, to the dispatcher as they are.
      const signal = (opts as { signal?: unknown }).signal;
      const record = signal instanceof AbortSignal ? records.get(signal) : undefined;
      return dispatch(opts, record ? new MarkConnected(handler, record) : handler);
    });
  }

  /** A fresh record for the attempt whose signal this is. */
  track(signal: AbortSignal): Progress {
    const record: Progress = { connected: false };
    this.records.set(signal, record);
    return record;
  }

  destroy(): Promise<void> {
    return this.agent.destroy();
  }
}

/** Passes everything through; notes the start of the request on its socket. */
class MarkConnected implements Dispatcher.DispatchHandler {
  constructor(
    private readonly inner: Dispatcher.DispatchHandler,
    private readonly record: Progress,
  ) {}

  onRequestStart(controller: Dispatcher.DispatchController, context: unknown): void {
    this.record.connected = true;
    this.inner.onRequestStart?.(controller, context);
  }

  onRequestUpgrade(...args: Parameters<NonNullable<Dispatcher.DispatchHandler['onRequestUpgrade']>>): void {
    this.inner.onRequestUpgrade?.(...args);
  }

  onResponseStart(...args: Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseStart']>>): void {
    this.inner.onResponseStart?.(...args);
  }

  onResponseData(...args: Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseData']>>): void {
    this.inner.onResponseData?.(...args);
  }

  onResponseEnd(...args: Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseEnd']>>): void {
    this.inner.onResponseEnd?.(...args);
  }

  onResponseError(...args: Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseError']>>): void {
    this.inner.onResponseError?.(...args);
  }
}
