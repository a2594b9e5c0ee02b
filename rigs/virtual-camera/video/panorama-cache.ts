// The panorama costs about a second of CPU to build, and every process that shows a picture
// builds it: each Playwright worker, each emulator, each child run. It is deterministic, so
// the first process to build it leaves a copy in the temp folder and later ones read it back
// (tens of milliseconds for its ~70 MB).
//   - The file's name carries a hash of the code that draws the panorama (and its size and
//     seed), so changed drawing code never reads an old picture.
//   - It is written beside its final name and renamed, so a crash mid-write leaves no half
//     file under that name; a file of the wrong size is ignored and rebuilt anyway.
//   - A temp folder that cannot be read or written costs only the rebuild, never an error.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { endianness, tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'camera-hil-panorama-';
/** The modules whose code decides the panorama's pixels, relative to this file. */
const SOURCES = ['panorama.ts', 'draw.ts', 'font.ts', '../random.ts'];
/** Another run's half-written file older than this is left over from a crash. */
const STALE_TMP_MS = 10 * 60_000;

export interface PixelPlanes {
  /** One pixel per element, in the machine's byte order. */
  pixels: Uint32Array;
  gray: Uint8Array;
}

export interface CacheOptions {
  dir?: string;
  /** What decides the content besides size and seed (default: the drawing code's source). */
  code?: string;
}

/** The drawing code, as the cache key sees it; undefined when the sources cannot be read. */
function drawingCode(): string | undefined {
  try {
    return SOURCES.map((f) => readFileSync(new URL(f, import.meta.url), 'utf8')).join('\0');
  } catch {
    return undefined;
  }
}

export function panoramaCacheFile(width: number, height: number, seed: number, code: string, dir: string): string {
  const key = createHash('sha256').update(`${width}x${height}/${seed}/${endianness()}\0${code}`).digest('hex').slice(0, 20);
  return join(dir, `${PREFIX}${key}.bin`);
}

/** The panorama from the cache, or built by `build` and left in the cache for the next process. */
export function loadOrBuild(width: number, height: number, seed: number, build: () => PixelPlanes, opts: CacheOptions = {}): PixelPlanes {
  const code = opts.code ?? drawingCode();
  if (code === undefined) return build();
  const dir = opts.dir ?? tmpdir();
  const file = panoramaCacheFile(width, height, seed, code, dir);
  const cached = read(file, width * height);
  if (cached) return cached;
  const built = build();
  if (built.pixels.length === width * height && built.gray.length === width * height) write(file, built, dir);
  return built;
}

function read(file: string, n: number): PixelPlanes | undefined {
  let fd: number | undefined;
  try {
    if (statSync(file).size !== n * 5) return undefined;
    fd = openSync(file, 'r');
    const pixels = new Uint32Array(n);
    const gray = new Uint8Array(n);
    if (!readFully(fd, new Uint8Array(pixels.buffer), 0) || !readFully(fd, gray, n * 4)) return undefined;
    return { pixels, gray };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function readFully(fd: number, into: Uint8Array, position: number): boolean {
  for (let done = 0; done < into.length; ) {
    const got = readSync(fd, into, done, into.length - done, position + done);
    if (got === 0) return false;
    done += got;
  }
  return true;
}

function write(file: string, planes: PixelPlanes, dir: string): void {
  const aside = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(aside, 'w');
    try {
      writeAll(fd, new Uint8Array(planes.pixels.buffer, planes.pixels.byteOffset, planes.pixels.byteLength));
      writeAll(fd, planes.gray);
    } finally {
      closeSync(fd);
    }
    renameSync(aside, file);
    removeOthers(dir, file);
  } catch {
    try {
      rmSync(aside, { force: true });
    } catch {
      // the folder is not usable at all: nothing was left in it
    }
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** Panoramas of other code versions, and half files a crashed process left. */
function removeOthers(dir: string, keep: string): void {
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(PREFIX)) continue;
    const path = join(dir, name);
    if (path === keep) continue;
    try {
      if (name.endsWith('.tmp') && Date.now() - statSync(path).mtimeMs < STALE_TMP_MS) continue; // another process is writing it
      rmSync(path, { force: true });
    } catch {
      // gone already
    }
  }
}
