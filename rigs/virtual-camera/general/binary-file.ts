// The framing shared by the camera's two file formats (backup.bin and firmware images):
//   magic (8 bytes) | format version (u16 BE) | fields | SHA-256 of everything before it.
// Fields are length-prefixed: short strings with a u8 length, the payload with a u32 BE
// length. Reading never runs past the end: a short file is reported as truncated.
import { createHash } from 'node:crypto';
import { CgiError } from '../http/route.ts';

const DIGEST_BYTES = 32;

/** Reads a file whose trailing SHA-256 has already been checked (see verifiedBody). */
export class FieldReader {
  private at = 0;
  constructor(private readonly buf: Buffer, private readonly what: string) {}

  private need(n: number): void {
    if (this.at + n > this.buf.length) throw new CgiError(`${this.what} is truncated`);
  }

  bytes(n: number): Buffer {
    this.need(n);
    const out = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }

  u16(): number {
    return this.bytes(2).readUInt16BE(0);
  }

  /** A u8-length ASCII string; printable characters only, so it can be quoted in errors. */
  shortString(field: string): string {
    const len = this.bytes(1)[0];
    const s = this.bytes(len).toString('latin1');
    if (!/^[\x20-\x7e]*$/.test(s)) throw new CgiError(`${this.what}: the ${field} field holds non-printable bytes`);
    return s;
  }

  longBytes(): Buffer {
    return this.bytes(this.bytes(4).readUInt32BE(0));
  }

  /** Bytes left unread; a well-formed file has none. */
  get left(): number {
    return this.buf.length - this.at;
  }
}

/**
 * Checks magic and checksum, in that order, so garbage is called "not a ..." and a damaged
 * file "corrupt"; returns the bytes between the magic and the checksum.
 */
export function verifiedBody(file: Buffer, magic: string, what: string): Buffer {
  const m = Buffer.from(magic, 'latin1');
  if (file.length < m.length || !file.subarray(0, m.length).equals(m)) throw new CgiError(`not a ${what} (unknown format: the file does not start with ${magic})`);
  if (file.length < m.length + 2 + DIGEST_BYTES) throw new CgiError(`${what} is truncated (${file.length} bytes)`);
  const body = file.subarray(0, file.length - DIGEST_BYTES);
  const sum = createHash('sha256').update(body).digest();
  if (!sum.equals(file.subarray(file.length - DIGEST_BYTES))) throw new CgiError(`${what} is corrupt or truncated: its SHA-256 checksum does not match`);
  return body.subarray(m.length);
}

/** The writer's side: the same framing, checksum appended. */
export function frame(magic: string, version: number, fields: (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from(magic, 'latin1')];
  const v = Buffer.alloc(2);
  v.writeUInt16BE(version);
  parts.push(v);
  for (const f of fields) {
    if (typeof f === 'string') {
      const s = Buffer.from(f, 'latin1');
      if (s.length > 255) throw new Error(`field "${f.slice(0, 40)}" is longer than 255 bytes`);
      parts.push(Buffer.from([s.length]), s);
    } else {
      const len = Buffer.alloc(4);
      len.writeUInt32BE(f.length);
      parts.push(len, f);
    }
  }
  const body = Buffer.concat(parts);
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}
