// The camera's MJPEG streams: one stream per distinct setting (size, compression, fps,
// overlay), each with its own drift-free frame clock, ONE render + encode per tick shared
// by all its viewers (and none when an equal picture was just encoded, by this camera or
// another one in the process: shared-pictures.ts). Rendering is synchronous (a few ms); encoding runs in sharp's
// thread pool. A frame is released on the tick after its capture (one frame of latency,
// as in a camera's pipeline), so the clock, not the encoder, sets the intervals. A tick
// that comes while the previous frame is still encoding is dropped and counted (its seq
// never appears) rather than queued. A stream stops when its last viewer leaves; a
// shutdown (reboot) ends them all.
import type { ServerResponse } from 'node:http';
import { CgiError } from '../http/route.ts';
import type { VirtualCameraState } from '../state.ts';
import { perCamera } from '../per-camera.ts';
import { commentedPieces, frameStamp, unixNowMs } from './encoder.ts';
import { FrameClock } from './frame-clock.ts';
import { panorama } from './panorama.ts';
import { pictureAt, type FrameSpec } from './scene.ts';
import { encodedPicture } from './shared-pictures.ts';
import { mjpegPart, MjpegClient, type ClientLimits } from './stream-client.ts';
import { faultFrame } from '../faults/index.ts'; // FAULTS (robustness helper)

export interface StreamSettings extends FrameSpec {
  compression: number;
  fps: number;
}

export interface StreamStats {
  key: string;
  viewers: number;
  /** Frames delivered to the viewers. */
  frames: number;
  /** Deadlines the clock skipped (ticks more than a period late). */
  skippedTicks: number;
  /** Ticks dropped because the previous frame was still encoding. */
  encoderBusy: number;
  /** Renders or encodes that failed (logged; the stream goes on). */
  errors: number;
  /** Frames viewers passed over because their socket had not drained (viewers gone included). */
  viewerSkips: number;
  /** Viewers dropped after stalling for more than STALL_MS. */
  stalledViewers: number;
}

function streamKey(s: StreamSettings): string {
  const o = s.overlay;
  const flag = (b: boolean | undefined) => (b === undefined ? '-' : b ? '1' : '0');
  return `${s.width}x${s.height} c${s.compression} f${s.fps} o${flag(o.clock)}${flag(o.date)}${flag(o.text)} ${JSON.stringify(o.textString ?? null)}`;
}

class VideoStream {
  readonly viewers = new Set<MjpegClient>();
  private readonly clock: FrameClock;
  private encoding = false;
  /** The encoded frame waiting for the next tick to release it. */
  private ready: Buffer | undefined;
  private lastTick = -1;
  /** The pixel buffer every tick renders into. */
  private raw: Buffer | undefined;
  readonly stats: StreamStats;

  constructor(
    private readonly cam: VirtualCameraState,
    readonly settings: StreamSettings,
    private readonly onEmpty: (s: VideoStream) => void,
  ) {
    this.stats = { key: streamKey(settings), viewers: 0, frames: 0, skippedTicks: 0, encoderBusy: 0, errors: 0, viewerSkips: 0, stalledViewers: 0 };
    this.clock = new FrameClock(settings.fps, (k, at) => this.tick(k, at));
    // The first frame of the process builds the shared panorama (~1 s): do it before the
    // clock starts, so it is not counted as a run of missed deadlines.
    panorama();
  }

  add(res: ServerResponse, limits: ClientLimits): MjpegClient {
    const client = new MjpegClient(res, limits, (c) => this.remove(c));
    this.viewers.add(client);
    this.stats.viewers = this.viewers.size;
    this.clock.start();
    return client;
  }

  stop(): void {
    this.clock.stop();
    for (const v of [...this.viewers]) v.finish();
  }

  private remove(c: MjpegClient): void {
    this.viewers.delete(c);
    this.stats.viewerSkips += c.stats.skipped;
    if (c.stats.ended === 'stalled') this.stats.stalledViewers++;
    this.stats.viewers = this.viewers.size;
    if (this.viewers.size === 0) {
      this.clock.stop();
      this.onEmpty(this);
    }
  }

  /**
   * Tick k first releases frame k-1 (rendered and encoded since the last tick), then
   * captures frame k. Delivery thus rides on the clock itself, one period after capture,
   * so render and encode times (a few ms, varying with load) do not show up as interval
   * jitter. A frame that took longer than a period goes out as soon as it is ready.
   */
  private tick(seq: number, atMs: number): void {
    this.stats.skippedTicks = this.clock.stats.skipped;
    this.lastTick = seq;
    if (this.ready) this.deliver(this.ready);
    this.ready = undefined;
    if (this.encoding) {
      this.stats.encoderBusy++;
      return;
    }
    this.encoding = true;
    // Render after this turn's I/O: a viewer in the same process (the in-process virtual
    // camera of the suites) reads the frame just released before the render blocks the loop.
    setImmediate(() => this.capture(seq, atMs));
  }

  /** Renders the scene as it was at atMs (the tick's time) and encodes it. */
  private capture(seq: number, atMs: number): void {
    if (!this.clock.isRunning) return void (this.encoding = false);
    const capture = unixNowMs(atMs);
    let pending: Promise<Buffer>;
    try {
      // Another camera (or stream) showing the same picture may have encoded it already
      // (shared-pictures.ts). Else it is drawn into this stream's buffer: safe to reuse, the
      // previous frame's encode has finished (`encoding` was false).
      pending = encodedPicture(pictureAt(this.cam, this.settings, atMs), this.settings.compression, this.raw, (frame) => (this.raw = frame.data));
    } catch (e) {
      pending = Promise.reject(e);
    }
    pending
      .then((jpeg) => {
        const part = mjpegPart(commentedPieces(jpeg, frameStamp(seq, capture)));
        if (this.lastTick > seq) this.deliver(part); // its release tick has passed: late
        else this.ready = part;
      })
      .catch((e: unknown) => {
        this.stats.errors++;
        console.error(`virtual camera: frame ${seq} of stream ${this.stats.key} failed:`, e);
      })
      .finally(() => (this.encoding = false));
  }

  private deliver(part: Buffer): void {
    // FAULT HOOK: frame faults (faults/frames.ts) may drop, damage, repeat or delay the part.
    faultFrame(this.cam, this, part, (p) => this.send(p));
  }

  private send(part: Buffer): void {
    const now = performance.now();
    for (const v of [...this.viewers]) v.offer(part, now);
    this.stats.frames++;
  }
}

/** Like a camera's client limit: each stream costs a render + encode per tick. */
const MAX_VIEWERS = 64;
export const MAX_STREAMS = 8;

class StreamHub {
  private readonly streams = new Map<string, VideoStream>();

  constructor(private readonly cam: VirtualCameraState) {}

  /** Refuses (429, before any header is sent) a viewer the camera has no capacity for. */
  admit(settings: StreamSettings): void {
    const viewers = [...this.streams.values()].reduce((n, s) => n + s.viewers.size, 0);
    if (viewers >= MAX_VIEWERS) throw new CgiError(`the camera already serves ${viewers} video viewers (at most ${MAX_VIEWERS})`, 429);
    if (!this.streams.has(streamKey(settings)) && this.streams.size >= MAX_STREAMS)
      throw new CgiError(`the camera already encodes ${this.streams.size} different video streams (at most ${MAX_STREAMS}); ask for the settings of a running one`, 429);
  }

  /** Adds a viewer to the stream with these settings, starting it if needed. */
  join(settings: StreamSettings, res: ServerResponse, limits: ClientLimits): MjpegClient {
    const key = streamKey(settings);
    let stream = this.streams.get(key);
    if (!stream) {
      stream = new VideoStream(this.cam, settings, (s) => {
        if (this.streams.get(key) === s) this.streams.delete(key);
      });
      this.streams.set(key, stream);
    }
    return stream.add(res, limits);
  }

  /** Per running stream; viewerSkips includes the viewers still watching. */
  stats(): StreamStats[] {
    return [...this.streams.values()].map((s) => ({
      ...s.stats,
      viewerSkips: s.stats.viewerSkips + [...s.viewers].reduce((n, v) => n + v.stats.skipped, 0),
    }));
  }

  stopAll(): void {
    for (const s of [...this.streams.values()]) s.stop();
    this.streams.clear();
  }
}

export const streamHubOf = perCamera((cam) => {
  const h = new StreamHub(cam);
  cam.events.on('shutdown', () => h.stopAll());
  return h;
});
