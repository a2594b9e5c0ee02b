// Audio (spec chapter 7). fromserver.cgi answers audio in the advertised MIME type
// (audio/basic = G.711 mu-law 8 kHz, audio/G726-32), single-part or multipart;
// toSERVER.cgi takes audio POSTed with its MIME type.

import type { Readable } from 'node:stream';
import type { CameraClient, CameraStream } from './http.ts';
import type { Query } from './query.ts';
import { expectNoError } from './reply.ts';

export interface AudioCapture {
  data: Buffer;
  contentType: string;
  /** True when the camera ended the stream before the limit was reached. */
  endedEarly: boolean;
}

export class Audio {
  constructor(private readonly client: CameraClient) {}

  /** Opens fromserver.cgi's stream; close() it when done. */
  listen(query?: Query, opts: { idleTimeoutMs?: number; timeoutMs?: number } = {}): Promise<CameraStream> {
    return this.client.stream('/fromserver.cgi', query, opts);
  }

  /**
   * Captures fromserver.cgi until `bytes` arrived or `durationMs` passed, whichever is
   * first (give at least one). The bytes are the raw body: for a multipart content type
   * the caller splits the parts (lib/media).
   */
  async capture(limit: { bytes?: number; durationMs?: number }, query?: Query): Promise<AudioCapture> {
    const { bytes, durationMs } = limit;
    if (bytes === undefined && durationMs === undefined) throw new Error('audio capture: give bytes or durationMs');
    if (bytes !== undefined && !(Number.isInteger(bytes) && bytes > 0)) throw new Error(`audio capture: bytes must be a positive integer, got ${bytes}`);
    if (durationMs !== undefined && !(durationMs > 0)) throw new Error(`audio capture: durationMs must be positive, got ${durationMs}`);
    const stream = await this.listen(query);
    const chunks: Buffer[] = [];
    let size = 0;
    let timeUp = false;
    const timer =
      durationMs !== undefined
        ? setTimeout(() => {
            timeUp = true;
            stream.close();
          }, durationMs)
        : undefined;
    try {
      for await (const chunk of stream.body) {
        chunks.push(chunk as Buffer);
        size += (chunk as Buffer).length;
        if (bytes !== undefined && size >= bytes) break;
      }
    } catch (err) {
      // Our own timer ends the capture by closing the stream: that is the expected end.
      if (!timeUp) throw err;
    } finally {
      clearTimeout(timer);
      stream.close();
    }
    const endedEarly = !timeUp && (bytes === undefined || size < bytes);
    const data = Buffer.concat(chunks);
    return { data: bytes !== undefined ? data.subarray(0, bytes) : data, contentType: stream.contentType, endedEarly };
  }

  /** POSTs audio to toSERVER.cgi; a Readable is streamed (not buffered). */
  async send(audio: Buffer | Readable, contentType: string = 'audio/basic', opts: { timeoutMs?: number } = {}): Promise<void> {
    if (!/^audio\/[\w.+-]+/i.test(contentType)) throw new Error(`audio content type must be audio/..., got ${JSON.stringify(contentType)}`);
    const res = await this.client.post('/toSERVER.cgi', audio, { contentType, timeoutMs: opts.timeoutMs });
    expectNoError(res);
  }
}
