// Reading motion.cgi's level stream in the suites: parts as they arrive, each parsed, with
// a deadline on the whole read and on silence, so a camera that stops talking fails the
// test instead of hanging it.
import type { Camera, CameraStream } from '../../lib/camera/index.ts';
import { MultipartParser, type MultipartPart } from '../../lib/media/multipart.ts';

export interface LevelPart {
  part: MultipartPart;
  text: string;
  /** Level lines as sent, without the line ends. */
  lines: string[];
}

/**
 * Opens motion.cgi and hands each part to `onPart` until it returns true (enough), the
 * stream ends, or timeoutMs passes (an error naming how many parts came).
 */
export async function readLevelParts(
  camera: Camera,
  onPart: (p: LevelPart, index: number) => boolean | Promise<boolean>,
  opts: { query?: Record<string, string>; timeoutMs?: number } = {},
): Promise<{ stream: CameraStream; count: number }> {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const stream = await camera.motion.levels(opts.query, { idleTimeoutMs: 5000, timeoutMs });
  const parser = new MultipartParser(stream.contentType);
  const deadline = Date.now() + timeoutMs;
  let count = 0;
  try {
    for await (const chunk of stream.body) {
      for (const part of parser.push(chunk as Buffer)) {
        const text = part.body.toString('latin1');
        const lines = text.split(/\r?\n/).filter((l) => l !== '');
        if (await onPart({ part, text, lines }, count++)) return { stream, count };
      }
      if (Date.now() > deadline) throw new Error(`motion.cgi: still reading after ${timeoutMs} ms (${count} parts)`);
    }
    return { stream, count };
  } finally {
    stream.close();
  }
}
