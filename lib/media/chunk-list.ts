// The byte queue behind the multipart parser: unconsumed stream bytes kept as a list of
// chunks (never re-concatenated), searchable across chunk edges, with the arrival time of
// every push so a part can be stamped with the moment its last byte came in.

/** Chunks smaller than this are copied into a shared tail buffer so byte-sized pushes do not
 *  grow the chunk list (and every cross-chunk search) by one entry per byte. */
const SMALL_CHUNK = 4096;
const TAIL_CAPACITY = 64 * 1024;

/** Unconsumed stream bytes as a list of chunks, with the arrival time of every push. */
export class ChunkList {
  private chunks: Buffer[] = [];
  private headOffset = 0; // bytes of chunks[0] already consumed
  private tail: Buffer | null = null; // owned buffer backing chunks[last] while it fills
  private tailUsed = 0;
  private consumed = 0; // absolute offset of the first unconsumed byte
  private arrivals: { end: number; at: number }[] = []; // absolute end offset of each push
  private arrivalHead = 0;
  length = 0;

  append(chunk: Buffer, at: number): void {
    if (chunk.length === 0) return;
    if (chunk.length >= SMALL_CHUNK) {
      this.tail = null;
      this.chunks.push(chunk);
    } else {
      if (this.tail === null || this.tailUsed + chunk.length > this.tail.length) {
        this.tail = Buffer.allocUnsafe(TAIL_CAPACITY);
        this.tailUsed = 0;
        this.chunks.push(this.tail.subarray(0, 0));
      }
      chunk.copy(this.tail, this.tailUsed);
      this.tailUsed += chunk.length;
      this.chunks[this.chunks.length - 1] = this.tail.subarray(0, this.tailUsed);
    }
    this.length += chunk.length;
    this.arrivals.push({ end: this.consumed + this.length, at });
  }

  byteAt(pos: number): number {
    let p = pos + this.headOffset;
    for (const c of this.chunks) {
      if (p < c.length) return c[p];
      p -= c.length;
    }
    throw new RangeError(`byteAt(${pos}) beyond ${this.length}`);
  }

  /** A fresh Buffer holding bytes [start, end). */
  copy(start: number, end: number): Buffer {
    const out = Buffer.allocUnsafe(end - start);
    this.copyTo(out, 0, start, end);
    return out;
  }

  /** Copies bytes [start, end) into target at targetStart. */
  copyTo(target: Buffer, targetStart: number, start: number, end: number): void {
    let written = targetStart;
    let chunkStart = -this.headOffset;
    for (const c of this.chunks) {
      const chunkEnd = chunkStart + c.length;
      if (chunkEnd > start && chunkStart < end) {
        const from = Math.max(start, chunkStart) - chunkStart;
        const to = Math.min(end, chunkEnd) - chunkStart;
        written += c.copy(target, written, from, to);
      }
      if (chunkEnd >= end) break;
      chunkStart = chunkEnd;
    }
  }

  /** First position >= from where needle starts, or -1; matches across chunk edges count. */
  indexOf(needle: Buffer, from: number): number {
    let chunkStart = -this.headOffset;
    for (const c of this.chunks) {
      const chunkEnd = chunkStart + c.length;
      if (chunkEnd > from) {
        const local = c.indexOf(needle, Math.max(from - chunkStart, this.chunks[0] === c ? this.headOffset : 0));
        if (local >= 0) return chunkStart + local;
        // A match starting in the last needle.length-1 bytes of this chunk spans the edge.
        const edgeFrom = Math.max(from, chunkEnd - needle.length + 1, 0);
        const edgeTo = Math.min(this.length, chunkEnd + needle.length - 1);
        if (edgeFrom < chunkEnd && edgeTo - edgeFrom >= needle.length) {
          const hit = this.copy(edgeFrom, edgeTo).indexOf(needle);
          if (hit >= 0 && edgeFrom + hit < chunkEnd) return edgeFrom + hit;
        }
      }
      chunkStart = chunkEnd;
    }
    return -1;
  }

  /** Arrival time of the push that delivered byte pos. */
  timeAt(pos: number): number {
    const abs = this.consumed + pos;
    for (let i = this.arrivalHead; i < this.arrivals.length; i++) {
      if (this.arrivals[i].end > abs) return this.arrivals[i].at;
    }
    throw new RangeError(`timeAt(${pos}) beyond ${this.length}`);
  }

  consume(n: number): void {
    this.length -= n;
    this.consumed += n;
    let left = n + this.headOffset;
    let drop = 0;
    while (drop < this.chunks.length && left >= this.chunks[drop].length && left > 0) {
      left -= this.chunks[drop].length;
      drop++;
    }
    if (drop > 0) this.chunks.splice(0, drop);
    this.headOffset = left;
    if (this.chunks.length === 0) {
      this.tail = null;
      this.headOffset = 0;
    }
    while (this.arrivalHead < this.arrivals.length && this.arrivals[this.arrivalHead].end <= this.consumed) this.arrivalHead++;
    if (this.arrivalHead > 1024 && this.arrivalHead * 2 > this.arrivals.length) {
      this.arrivals.splice(0, this.arrivalHead);
      this.arrivalHead = 0;
    }
  }
}
