// Raster helpers shared by the JPEG, shift and diff code: grayscale conversion, box
// downscaling, cropping and a mean absolute difference. Pure functions on plain
// {width, height, data} records so decoded frames from jpeg-js or sharp can be passed in
// as they are.

/** A raster with 1 byte per pixel (gray) or 4 (RGBA), rows top to bottom, no padding. */
export interface Raster {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface GrayImage extends Raster {}
export interface RgbaImage extends Raster {}

/**
 * Channels of a raster, told from its data length. Gray and RGBA are the only layouts
 * the media code takes; anything else is a caller bug and gets a clear error.
 */
export function channelsOf(img: Raster, what = 'image'): 1 | 4 {
  const { width, height } = img;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new Error(`${what}: width and height must be positive integers (got ${width}x${height})`);
  }
  if (!(img.data instanceof Uint8Array)) {
    throw new Error(`${what}: data must be a Uint8Array or Buffer`);
  }
  const pixels = width * height;
  if (img.data.length === pixels) return 1;
  if (img.data.length === pixels * 4) return 4;
  throw new Error(
    `${what}: ${img.data.length} bytes is neither gray (${pixels}) nor RGBA (${pixels * 4}) for ${width}x${height}`,
  );
}

/** Luma (BT.601 weights, integer arithmetic) of a gray or RGBA raster; gray input is copied. */
export function toGray(img: Raster): GrayImage {
  const channels = channelsOf(img);
  const { width, height, data } = img;
  if (channels === 1) return { width, height, data: Uint8Array.from(data) };
  const out = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < out.length; i++, j += 4) {
    // 77/150/29 over 256 is BT.601 (0.299/0.587/0.114) to within 0.2 %.
    out[i] = (77 * data[j] + 150 * data[j + 1] + 29 * data[j + 2]) >> 8;
  }
  return { width, height, data: out };
}

/** RGBA from gray or RGBA (RGBA input is copied): pixelmatch and PNG want 4 channels. */
export function toRgba(img: Raster): RgbaImage {
  const channels = channelsOf(img);
  const { width, height, data } = img;
  if (channels === 4) return { width, height, data: Uint8Array.from(data) };
  const out = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < data.length; i++, j += 4) {
    out[j] = out[j + 1] = out[j + 2] = data[i];
    out[j + 3] = 255;
  }
  return { width, height, data: out };
}

/**
 * Shrinks a gray image by an integer factor, averaging each factor×factor block (a box
 * filter is enough to keep aliasing from fooling the coarse shift search). Edge pixels that
 * do not fill a whole block are dropped.
 */
export function downscaleGray(img: GrayImage, factor: number): GrayImage {
  if (channelsOf(img, 'downscaleGray input') !== 1) throw new Error('downscaleGray: input must be gray');
  if (!Number.isInteger(factor) || factor < 1) throw new Error(`downscaleGray: factor must be an integer >= 1 (got ${factor})`);
  if (factor === 1) return { width: img.width, height: img.height, data: Uint8Array.from(img.data) };
  const width = Math.floor(img.width / factor);
  const height = Math.floor(img.height / factor);
  if (width < 1 || height < 1) {
    throw new Error(`downscaleGray: ${img.width}x${img.height} is too small for factor ${factor}`);
  }
  const sums = new Uint32Array(width);
  const out = new Uint8Array(width * height);
  const area = factor * factor;
  const src = img.data;
  for (let y = 0; y < height; y++) {
    sums.fill(0);
    for (let r = 0; r < factor; r++) {
      let p = (y * factor + r) * img.width;
      for (let x = 0; x < width; x++) {
        let s = 0;
        for (let c = 0; c < factor; c++) s += src[p++];
        sums[x] += s;
      }
    }
    for (let x = 0; x < width; x++) out[y * width + x] = Math.round(sums[x] / area);
  }
  return { width, height, data: out };
}

/** A copy of the rectangle (x, y, width, height) of a gray or RGBA raster; it must lie inside. */
export function crop<T extends Raster>(img: T, x: number, y: number, width: number, height: number): Raster {
  const channels = channelsOf(img);
  const inside =
    [x, y, width, height].every(Number.isInteger) &&
    x >= 0 && y >= 0 && width > 0 && height > 0 &&
    x + width <= img.width && y + height <= img.height;
  if (!inside) {
    throw new Error(`crop: rectangle ${x},${y} ${width}x${height} is not inside the ${img.width}x${img.height} image`);
  }
  const out = new Uint8Array(width * height * channels);
  const rowBytes = width * channels;
  for (let r = 0; r < height; r++) {
    const from = ((y + r) * img.width + x) * channels;
    out.set(img.data.subarray(from, from + rowBytes), r * rowBytes);
  }
  return { width, height, data: out };
}

/**
 * Mean absolute difference (0..255) of two same-size gray images. A corrupted JPEG can
 * decode without any error, so frame content is checked by comparing against a reference
 * or the previous frame with this, not by trusting the decoder.
 */
export function meanAbsDiff(a: GrayImage, b: GrayImage): number {
  if (channelsOf(a, 'meanAbsDiff first image') !== 1 || channelsOf(b, 'meanAbsDiff second image') !== 1) {
    throw new Error('meanAbsDiff: both images must be gray (use toGray first)');
  }
  if (a.width !== b.width || a.height !== b.height) {
    throw new Error(`meanAbsDiff: sizes differ (${a.width}x${a.height} vs ${b.width}x${b.height})`);
  }
  let sum = 0;
  const da = a.data;
  const db = b.data;
  for (let i = 0; i < da.length; i++) {
    const d = da[i] - db[i];
    sum += d < 0 ? -d : d;
  }
  return sum / da.length;
}
