// Helpers of the video suites: which size to test at, reading MJPEG parts with deadlines,
// frame records for the timing statistics, and comparing image regions.
import type { Camera, Capabilities, MjpegOptions } from '../../lib/camera/index.ts';
import type { TimedFrame } from '../../lib/media/frame-timing.ts';
import { crop, meanAbsDiff, toGray, type Raster } from '../../lib/media/image.ts';
import { inspectJpeg, parseFrameStamp } from '../../lib/media/jpeg.ts';
import { MultipartParser, type MultipartPart } from '../../lib/media/multipart.ts';

/** The profile's timing limits are for 640x480; otherwise the smallest size offered. */
export function streamResolution(caps: Capabilities): string | undefined {
  if (caps.resolutions.includes('640x480')) return '640x480';
  const byArea = [...caps.resolutions].sort((a, b) => area(a) - area(b));
  return byArea[0];
}

function area(res: string): number {
  const [w, h] = res.split('x').map(Number);
  return w * h;
}

export function sizeOf(res: string): { width: number; height: number } {
  const [width, height] = res.split('x').map(Number);
  return { width, height };
}

export interface ReadResult {
  parts: MultipartPart[];
  contentType: string;
  /** The camera closed the stream (duration / nbrofframes), rather than us. */
  endedByCamera: boolean;
  /** performance.now() when the request was sent and when reading stopped. */
  openedAt: number;
  closedAt: number;
}

/**
 * Reads an MJPEG stream until `count` parts, `windowMs` after the first part, the camera
 * ends it, or `timeoutMs` (an error naming how far it got).
 */
export async function readMjpeg(camera: Camera, opts: MjpegOptions & { count?: number; windowMs?: number; timeoutMs?: number }): Promise<ReadResult> {
  const { count, windowMs, timeoutMs = 20_000, ...query } = opts;
  const openedAt = performance.now();
  const stream = await camera.video.mjpeg({ ...query, idleTimeoutMs: 5000, timeoutMs });
  const parser = new MultipartParser(stream.contentType);
  const parts: MultipartPart[] = [];
  const deadline = openedAt + timeoutMs;
  let endedByCamera = false;
  const enough = () => (count !== undefined && parts.length >= count) || (windowMs !== undefined && parts.length > 0 && performance.now() - parts[0].arrivedAt >= windowMs);
  try {
    for await (const chunk of stream.body) {
      parts.push(...parser.push(chunk as Buffer));
      if (enough()) return { parts, contentType: stream.contentType, endedByCamera, openedAt, closedAt: performance.now() };
      if (performance.now() > deadline) throw new Error(`MJPEG: still reading after ${timeoutMs} ms (${parts.length} parts)`);
    }
    parts.push(...parser.end());
    endedByCamera = true;
    return { parts, contentType: stream.contentType, endedByCamera, openedAt, closedAt: performance.now() };
  } finally {
    stream.close();
  }
}

/** Arrival times, plus seq / capture time where the camera stamps its frames (the virtual one does). */
export function timedFrames(parts: readonly MultipartPart[]): TimedFrame[] {
  const stamps = parts.map((p) => parseFrameStamp(inspectJpeg(p.body).comments));
  const stamped = stamps.every((s) => s !== undefined);
  return parts.map((p, i) => ({ arrivedAt: p.arrivedAt, ...(stamped ? { seq: stamps[i]!.seq, captureMs: stamps[i]!.captureMs } : {}) }));
}

/** Mean absolute gray difference of the same rectangle in two frames (rows y0..y1). */
export function rowsDiff(a: Raster, b: Raster, y0: number, y1: number): number {
  return meanAbsDiff(toGray(crop(a, 0, y0, a.width, y1 - y0)), toGray(crop(b, 0, y0, b.width, y1 - y0)));
}
