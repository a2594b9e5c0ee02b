// Reading motion.cgi's level stream in the suites: parts as they arrive, each parsed, with
// a deadline on the whole read and on silence, so a camera that stops talking, breaks the
// multipart framing or never delivers fails with a CameraDefect instead of hanging the test.
import type { Camera } from '../../lib/camera/index.ts';
import type { MultipartPart } from '../../lib/media/multipart.ts';
import { readParts } from '../../lib/media/part-reader.ts';

export interface LevelPart {
  part: MultipartPart;
  text: string;
  /** Level lines as sent, without the line ends. */
  lines: string[];
}

export interface LevelRead {
  contentType: string;
  count: number;
  /** The camera ended the stream (duration=), rather than onPart saying enough. */
  endedByCamera: boolean;
  /** performance.now() when the request was sent and when reading stopped. */
  openedAt: number;
  closedAt: number;
}

/**
 * Opens motion.cgi and hands each part to `onPart` until it returns true (enough) or the
 * stream ends. Silence for silenceMs, or timeoutMs without enough: a CameraDefect.
 */
export async function readLevelParts(
  camera: Camera,
  onPart: (p: LevelPart, index: number) => boolean | Promise<boolean>,
  opts: { query?: Record<string, string>; timeoutMs?: number; silenceMs?: number; waitingFor?: string } = {},
): Promise<LevelRead> {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const openedAt = performance.now();
  // No idle limit in the client: our own silence clock names the camera's fault.
  const stream = await camera.motion.levels(opts.query, { idleTimeoutMs: 0, timeoutMs });
  let count = 0;
  const read = await readParts(
    stream,
    (part) => {
      const text = part.body.toString('latin1');
      const lines = text.split(/\r?\n/).filter((l) => l !== '');
      return onPart({ part, text, lines }, count++);
    },
    { what: stream.request.path, silenceMs: opts.silenceMs ?? 5000, deadlineMs: Math.max(1, timeoutMs - (performance.now() - openedAt)), waitingFor: opts.waitingFor ?? 'the parts the test reads' },
  );
  return { contentType: stream.contentType, count: read.count, endedByCamera: read.endedByCamera, openedAt, closedAt: read.closedAt };
}

export { boundaryOf } from '../video/support.ts';
