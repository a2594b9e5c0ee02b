// Image and video (spec chapter 2): snapshots (image.cgi / image.jpg), MJPEG streams
// (video.cgi / video.mjpg), resolution.cgi and videostatus.cgi. Parameters follow the
// VAPIX analogs: resolution=WxH, camera, compression 0..100, fps, duration,
// nbrofframes, clock/date/text (1/0) and textstring.
//
// MJPEG is returned as the open stream; the multipart parser lives in lib/media.

import { CameraReplyError } from './errors.ts';
import type { CameraClient, CameraStream, ResponseHeaders } from './http.ts';
import type { QueryValue } from './query.ts';
import { expectNoError, parseReply } from './reply.ts';

export interface ImageOptions {
  resolution?: string;
  camera?: number;
  compression?: number;
  clock?: boolean;
  date?: boolean;
  text?: boolean;
  textstring?: string;
}

export interface SnapshotOptions extends ImageOptions {
  /** 'image.cgi' (default) or the parameterless 'image.jpg'. */
  path?: 'image.cgi' | 'image.jpg';
  timeoutMs?: number;
}

export interface Snapshot {
  jpeg: Buffer;
  headers: ResponseHeaders;
  contentType: string;
  /** Request sent to last byte received. */
  latencyMs: number;
}

export interface MjpegOptions extends ImageOptions {
  fps?: number;
  /** Seconds the camera should stream before closing. */
  duration?: number;
  nbrofframes?: number;
  path?: 'video.cgi' | 'video.mjpg';
  /** Longest silence between bytes before the stream fails (default: client timeout). */
  idleTimeoutMs?: number;
  timeoutMs?: number;
}

export interface VideoStatus {
  camera: number;
  hasVideo: boolean;
}

function checkResolution(res: string): string {
  if (!/^\d{1,5}x\d{1,5}$/.test(res)) throw new Error(`resolution must be WxH, e.g. 640x480: ${JSON.stringify(res)}`);
  return res;
}

function int(name: string, v: number | undefined, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || v < min || v > max) throw new Error(`${name} must be an integer ${min}..${max}, got ${v}`);
  return v;
}

function flag(v: boolean | undefined): number | undefined {
  return v === undefined ? undefined : v ? 1 : 0;
}

function imageQuery(o: ImageOptions): Record<string, QueryValue | undefined> {
  return {
    resolution: o.resolution === undefined ? undefined : checkResolution(o.resolution),
    camera: int('camera', o.camera, 1, 99),
    compression: int('compression', o.compression, 0, 100),
    clock: flag(o.clock),
    date: flag(o.date),
    text: flag(o.text),
    textstring: o.textstring,
  };
}

/** Parses videostatus.cgi lines `Video 1 = video` / `Video 1 = no video`. */
export function parseVideoStatus(text: string): VideoStatus[] {
  const out: VideoStatus[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const m = /^Video\s+(\d+)\s*=\s*(no video|video)$/i.exec(line);
    if (!m) throw new Error(`video status line not understood: ${JSON.stringify(line.slice(0, 80))}`);
    out.push({ camera: Number(m[1]), hasVideo: m[2].toLowerCase() === 'video' });
  }
  if (out.length === 0) throw new Error('video status reply lists no camera');
  return out;
}

export class Video {
  constructor(private readonly client: CameraClient) {}

  /** One JPEG. Refuses a reply that is not image/jpeg or is empty; JPEG validity is lib/media's job. */
  async snapshot(opts: SnapshotOptions = {}): Promise<Snapshot> {
    const path = opts.path ?? 'image.cgi';
    const query = path === 'image.cgi' ? imageQuery(opts) : undefined;
    const started = Date.now();
    const res = await this.client.get(`/${path}`, query, { timeoutMs: opts.timeoutMs });
    const latencyMs = Date.now() - started;
    if (!res.contentType.toLowerCase().startsWith('image/jpeg')) {
      throw new CameraReplyError(res.request, res.status, `expected image/jpeg, got ${JSON.stringify(res.contentType)}: ${res.redact(res.text).slice(0, 120)}`);
    }
    if (res.body.length === 0) throw new CameraReplyError(res.request, res.status, 'empty JPEG');
    return { jpeg: res.body, headers: res.headers, contentType: res.contentType, latencyMs };
  }

  /** Opens an MJPEG stream (multipart/x-mixed-replace); close() it when done. */
  async mjpeg(opts: MjpegOptions = {}): Promise<CameraStream> {
    const path = opts.path ?? 'video.cgi';
    const query =
      path === 'video.cgi'
        ? {
            ...imageQuery(opts),
            fps: int('fps', opts.fps, 1, 1000),
            duration: int('duration', opts.duration, 1, 86_400),
            nbrofframes: int('nbrofframes', opts.nbrofframes, 1, 1_000_000),
          }
        : undefined;
    const stream = await this.client.stream(`/${path}`, query, { idleTimeoutMs: opts.idleTimeoutMs, timeoutMs: opts.timeoutMs });
    if (!stream.contentType.toLowerCase().startsWith('multipart/x-mixed-replace')) {
      stream.close();
      throw new CameraReplyError(stream.request, stream.status, `expected multipart/x-mixed-replace, got ${JSON.stringify(stream.contentType)}`);
    }
    return stream;
  }

  /**
   * resolution.cgi?resolution=WxH[&camera=N]; resolves to the answer text (the spec shows
   * none, §2.1); a `# Error:` answer throws.
   */
  async setResolution(resolution: string, camera?: number): Promise<string> {
    const res = await this.client.get('/resolution.cgi', { resolution: checkResolution(resolution), camera: int('camera', camera, 1, 99) });
    expectNoError(res);
    return res.text;
  }

  /** videostatus.cgi?status=1[,2...]: which video inputs have a signal. */
  async videoStatus(cameras: readonly number[] = [1]): Promise<VideoStatus[]> {
    if (cameras.length === 0) throw new Error('video status: give at least one camera');
    cameras.forEach((c) => int('camera', c, 1, 99));
    const res = await this.client.get('/videostatus.cgi', { status: cameras.join(',') });
    return parseReply(res, parseVideoStatus);
  }
}
