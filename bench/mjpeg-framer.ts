// Frames the raw bytes of an HTTP/1.0 MJPEG answer by each part's Content-Length, without
// copying bodies: the stream benches' readers (stream-reader.ts) use it instead of the
// harness's MultipartParser, which copies every body on purpose (see stream-reader.ts for
// what that cost). It keeps only what a bench needs: the camera-hil stamp (seq, capture
// time) of every part, and checks the framing on every part (boundary line, Content-Length,
// JPEG end marker, the stamp) so a framing slip is an error, never a skewed figure.
import { boundaryFromContentType } from '../lib/media/multipart.ts';

const STAMP = /camera-hil seq=(\d+) capture=([\d.]+)/;
/** The stamp is a COM segment right after the JPEG's SOI: within the body's first bytes. */
const STAMP_WINDOW = 128;
const MAX_HEAD = 16 * 1024;
/**
 * Splits the raw bytes of an HTTP/1.0 MJPEG answer into parts by their Content-Length:
 * the response head first, then for each part the boundary line and headers (as text, they
 * are short) and the body, of which only the first STAMP_WINDOW bytes and the last two
 * (the JPEG end marker) are kept. Throws on anything that is not such a stream.
 */
export class MjpegFramer {
  private state: 'response-head' | 'part-head' | 'body' = 'response-head';
  private head = '';
  private boundaryLine = /^$/;
  private left = 0;
  private readonly stamp = Buffer.alloc(STAMP_WINDOW);
  private stampLength = 0;
  private lastTwo = 0;
  parts = 0;

  constructor(private readonly onFrame: (seq: number, capture: number) => void) {}

  push(buf: Buffer, n: number): void {
    let i = 0;
    while (i < n) i = this.state === 'body' ? this.body(buf, i, n) : this.headText(buf, i, n);
  }

  /** Gathers head text up to its blank line; returns where the bytes after it start. */
  private headText(buf: Buffer, i: number, n: number): number {
    const blank = buf.subarray(0, n).indexOf('\r\n\r\n', i);
    // A blank line split between two reads is found in the text gathered so far.
    const upTo = blank >= 0 ? blank + 4 : n;
    this.head += buf.toString('latin1', i, upTo);
    const end = this.head.indexOf('\r\n\r\n');
    if (end < 0) {
      if (this.head.length > MAX_HEAD) throw new Error(`a header block longer than ${MAX_HEAD} bytes`);
      return upTo;
    }
    const text = this.head.slice(0, end);
    // What came after the blank line in the gathered text was consumed from buf: hand it back.
    const next = upTo - (this.head.length - end - 4);
    this.head = '';
    if (this.state === 'response-head') this.response(text);
    else this.partHead(text);
    return next;
  }

  private response(text: string): void {
    const status = text.split('\r\n', 1)[0];
    if (!/^HTTP\/1\.[01] 200 /.test(status)) throw new Error(`answered ${status}`);
    const type = /^content-type:[ \t]*(.+)$/im.exec(text);
    if (!type) throw new Error('the answer has no Content-Type');
    const { token } = boundaryFromContentType(type[1].trim());
    this.boundaryLine = new RegExp(`^(?:\\r\\n)?--${token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\r\\n`);
    this.state = 'part-head';
  }

  private partHead(text: string): void {
    if (!this.boundaryLine.test(text + '\r\n')) throw new Error(`part ${this.parts} does not start with the boundary line: ${JSON.stringify(text.slice(0, 80))}`);
    const length = /^content-length:[ \t]*(\d+)[ \t]*$/im.exec(text);
    if (!length) throw new Error(`part ${this.parts} has no Content-Length (these readers frame parts by it)`);
    this.left = Number(length[1]);
    this.stampLength = 0;
    this.state = 'body';
  }

  /** Consumes body bytes; returns where the bytes after them start. */
  private body(buf: Buffer, i: number, n: number): number {
    const take = Math.min(this.left, n - i);
    if (this.stampLength < STAMP_WINDOW) {
      const copied = buf.copy(this.stamp, this.stampLength, i, i + Math.min(STAMP_WINDOW - this.stampLength, take));
      this.stampLength += copied;
    }
    if (take >= 2) this.lastTwo = buf.readUInt16BE(i + take - 2);
    else if (take === 1) this.lastTwo = ((this.lastTwo & 0xff) << 8) | buf[i];
    this.left -= take;
    if (this.left === 0) this.endOfPart();
    return i + take;
  }

  private endOfPart(): void {
    if (this.lastTwo !== 0xffd9) throw new Error(`part ${this.parts} does not end with the JPEG end marker FFD9 (framing is off)`);
    const m = STAMP.exec(this.stamp.toString('latin1', 0, this.stampLength));
    if (!m) throw new Error(`part ${this.parts} has no camera-hil stamp`);
    this.parts++;
    this.state = 'part-head';
    this.onFrame(Number(m[1]), Number(m[2]));
  }
}
