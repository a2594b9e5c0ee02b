// Helpers of the video suites: which size to test at, reading MJPEG parts with deadlines (a
// silent, malformed or overdue stream is a CameraDefect), asking for what the camera may
// refuse, frame records for the timing statistics, frame order from sequence stamps, and
// comparing image regions.
import type { TestInfo } from '@playwright/test';
import type { Measure } from '../../fixtures/measure.ts';
import type { Camera, Capabilities, MjpegOptions } from '../../lib/camera/index.ts';
import { frameTiming, type TimedFrame } from '../../lib/media/frame-timing.ts';
import { crop, meanAbsDiff, toGray, type Raster } from '../../lib/media/image.ts';
import { inspectJpeg, parseFrameStamp } from '../../lib/media/jpeg.ts';
import type { MultipartPart } from '../../lib/media/multipart.ts';
import { readParts, readToEnd } from '../../lib/media/part-reader.ts';
import { answerOf, type Answer } from './answer.ts';

/** The profile's timing limits are for 640x480; otherwise the smallest size offered. */
export function streamResolution(caps: Capabilities): string | undefined {
  if (caps.resolutions.includes('640x480')) return '640x480';
  return smallestResolution(caps);
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
 * Reads an MJPEG stream until `count` parts, `windowMs` after the first part, or the camera
 * ends it. A camera that stays silent for `silenceMs`, breaks the multipart framing, or is
 * not done by `timeoutMs` fails with a CameraDefect that says how far it got.
 */
export async function readMjpeg(camera: Camera, opts: MjpegOptions & { count?: number; windowMs?: number; timeoutMs?: number; silenceMs?: number }): Promise<ReadResult> {
  const { count, windowMs, timeoutMs = 20_000, silenceMs = 5000, ...query } = opts;
  const openedAt = performance.now();
  // No idle limit in the client: our own silence clock (readParts) names the camera's fault.
  const stream = await camera.video.mjpeg({ ...query, idleTimeoutMs: 0, timeoutMs });
  const parts: MultipartPart[] = [];
  const waitingFor = count !== undefined ? `${count} parts` : windowMs !== undefined ? `${windowMs} ms of parts` : 'the camera to end the stream';
  const enough = () => (count !== undefined && parts.length >= count) || (windowMs !== undefined && parts.length > 0 && performance.now() - parts[0].arrivedAt >= windowMs);
  const read = await readParts(stream, (p) => (parts.push(p), enough()), {
    what: stream.request.path,
    silenceMs,
    deadlineMs: Math.max(1, timeoutMs - (performance.now() - openedAt)),
    waitingFor,
  });
  return { parts, contentType: stream.contentType, endedByCamera: read.endedByCamera, openedAt, closedAt: read.closedAt };
}

/** The boundary token a multipart Content-Type declares (undefined when it declares none). */
export function boundaryOf(contentType: string): string | undefined {
  return /;\s*boundary\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1];
}

/** An answer to image.cgi or video.cgi, with the first JPEG when the camera served one. */
export interface MediaAnswer extends Answer {
  jpeg?: Buffer;
}

/** image.cgi with a query the camera may refuse. */
export async function askImage(camera: Camera, query: Record<string, string>): Promise<MediaAnswer> {
  const res = await camera.client.get('/image.cgi', query, { expectStatus: 'any' });
  return { ...answerOf(res), jpeg: /^image\//i.test(res.contentType) ? res.body : undefined };
}

/**
 * video.cgi with a query the camera may refuse: a stream's first part is taken and the
 * stream closed (a camera that ignores nbrofframes must not hang the test), a text answer
 * is read whole.
 */
export async function askVideo(camera: Camera, query: Record<string, string>): Promise<MediaAnswer> {
  const stream = await camera.client.stream('/video.cgi', query, { expectStatus: 'any', idleTimeoutMs: 0 });
  const head = { status: stream.status, contentType: stream.contentType };
  if (/^multipart\//i.test(stream.contentType)) {
    let jpeg: Buffer | undefined;
    await readParts(stream, (p) => ((jpeg = p.body), true), { what: stream.request.path, silenceMs: 5000, deadlineMs: 10_000, waitingFor: 'a first part' });
    return { ...head, firstLine: `${stream.contentType}, a stream`, jpeg };
  }
  const body = await readToEnd(stream, { what: stream.request.path, deadlineMs: 10_000 });
  return answerOf({ ...head, body, text: body.toString('utf8') });
}

/** Arrival times, plus seq / capture time where the camera stamps its frames (the virtual one does). */
export function timedFrames(parts: readonly MultipartPart[]): TimedFrame[] {
  const stamps = parts.map((p) => parseFrameStamp(inspectJpeg(p.body).comments));
  const stamped = stamps.every((s) => s !== undefined);
  return parts.map((p, i) => ({ arrivedAt: p.arrivedAt, ...(stamped ? { seq: stamps[i]!.seq, captureMs: stamps[i]!.captureMs } : {}) }));
}

/** The smallest size offered (cheapest to decode); undefined when the camera lists none. */
export function smallestResolution(caps: Capabilities): string | undefined {
  return [...caps.resolutions].sort((a, b) => area(a) - area(b))[0];
}

/**
 * Frame order from the frames' sequence stamps: `mjpeg.out-of-order` counts frames whose seq
 * is lower than one already received (sent after newer ones), `mjpeg.duplicated` seqs received
 * again. Only the virtual camera stamps its frames (a COM segment `camera-hil seq=<n>`): from a
 * stream without stamps the order cannot be told, so nothing is recorded and the test says so
 * in an annotation (the profile does not require these measurements).
 */
export function measureFrameOrder(parts: readonly MultipartPart[], measure: Measure, testInfo: TestInfo, what: string): void {
  const frames = timedFrames(parts);
  if (frames.length === 0 || frames.some((f) => f.seq === undefined)) {
    testInfo.annotations.push({
      type: 'not measured',
      description: `mjpeg.out-of-order, mjpeg.duplicated: the ${parts.length} frames of ${what} do not all carry a sequence stamp (\`camera-hil seq=<n>\`, which only the virtual camera writes), so their order cannot be told`,
    });
    return;
  }
  const seqs = frames.map((f) => f.seq!);
  const order = frameTiming(frames).sequence!;
  // The first few offenders, by part, for the note.
  const late: string[] = [];
  const again: string[] = [];
  const seen = new Set<number>();
  let highest = -1;
  seqs.forEach((seq, i) => {
    if (seen.has(seq)) again.push(`part ${i}: seq ${seq} again`);
    else if (seq < highest) late.push(`part ${i}: seq ${seq} after ${highest}`);
    seen.add(seq);
    highest = Math.max(highest, seq);
  });
  const from = `${seqs.length} frames of ${what}, seq ${Math.min(...seqs)}..${highest}, from the frames' sequence stamps`;
  const listed = (l: string[]) => (l.length ? `; ${l.slice(0, 5).join(', ')}${l.length > 5 ? ', ...' : ''}` : '');
  measure('mjpeg.out-of-order', order.outOfOrder, { unit: 'frames', note: `${from}${listed(late)}` });
  measure('mjpeg.duplicated', order.duplicated, { unit: 'frames', note: `${from}${listed(again)}` });
}

/** Mean absolute gray difference of the same rectangle in two frames (rows y0..y1). */
export function rowsDiff(a: Raster, b: Raster, y0: number, y1: number): number {
  return meanAbsDiff(toGray(crop(a, 0, y0, a.width, y1 - y0)), toGray(crop(b, 0, y0, b.width, y1 - y0)));
}
