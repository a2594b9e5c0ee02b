// Test-tone analysis of decoded PCM (16-bit scale): the dominant frequency with sub-bin
// accuracy, levels in dBFS, the level of one given frequency, and dropouts.
//
// Levels are "RMS re full-scale sine": a sine whose peak is full scale (32768) is 0 dBFS,
// so a sine's level equals 20·log10(peak / 32768) and a tone at -12 dBFS reads -12.
// Frequency: Hann window, FFT zero-padded to at least 4x the length, then a parabola
// through the log magnitudes of the peak bin and its neighbours, whose vertex is the
// frequency (for a Hann window the error is a small fraction of a padded bin: 2 s at 8 kHz
// pads to 65536 points, bins of 0.12 Hz, error in the milli-hertz).

export const FULL_SCALE = 32768;
/** What a level of digital silence reads as, instead of -Infinity (keeps medians and JSON sane). */
export const FLOOR_DBFS = -200;

/** RMS level re full-scale sine of samples [from, to). */
export function rmsDbfs(pcm: ArrayLike<number>, from = 0, to = pcm.length): number {
  if (to <= from) throw new RangeError('rmsDbfs: empty range');
  let sum = 0;
  for (let i = from; i < to; i++) sum += pcm[i] * pcm[i];
  const rms = Math.sqrt(sum / (to - from));
  return rms === 0 ? FLOOR_DBFS : Math.max(FLOOR_DBFS, 20 * Math.log10((rms * Math.SQRT2) / FULL_SCALE));
}

function hann(n: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n);
  return w;
}

/** In-place iterative radix-2 FFT; re and im have a power-of-two length. */
function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (-2 * Math.PI) / len;
    const wr = Math.cos(ang);
    const wi = Math.sin(ang);
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < len / 2; k++) {
        const a = i + k;
        const b = a + len / 2;
        const tr = re[b] * cr - im[b] * ci;
        const ti = re[b] * ci + im[b] * cr;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
        const nr = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = nr;
      }
    }
  }
}

export interface FrequencyOptions {
  /** Peaks below / above these are ignored (DC, hum, the Nyquist edge). */
  minHz?: number;
  maxHz?: number;
}

/** The strongest frequency in the signal (Hz), to a small fraction of an FFT bin. */
export function dominantFrequency(pcm: ArrayLike<number>, sampleRate: number, opts: FrequencyOptions = {}): number {
  const n = pcm.length;
  if (n < 64) throw new RangeError(`dominantFrequency: ${n} samples are too few (need at least 64)`);
  let size = 1;
  while (size < n * 4) size <<= 1;
  const w = hann(n);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += pcm[i] / n;
  for (let i = 0; i < n; i++) re[i] = (pcm[i] - mean) * w[i];
  fft(re, im);
  const hz = sampleRate / size;
  const lo = Math.max(1, Math.ceil((opts.minHz ?? 20) / hz));
  const hi = Math.min(size / 2 - 2, Math.floor((opts.maxHz ?? sampleRate / 2 - 20) / hz));
  const mag = (k: number) => Math.log(Math.hypot(re[k], im[k]) + 1e-12);
  let best = lo;
  let bestMag = -Infinity;
  for (let k = lo; k <= hi; k++) {
    const m = re[k] * re[k] + im[k] * im[k];
    if (m > bestMag) (bestMag = m), (best = k);
  }
  const a = mag(best - 1);
  const b = mag(best);
  const c = mag(best + 1);
  const denom = a - 2 * b + c;
  const offset = denom === 0 ? 0 : (0.5 * (a - c)) / denom;
  return (best + Math.max(-0.5, Math.min(0.5, offset))) * hz;
}

export interface SpectrumPoint {
  hz: number;
  /** Level of the bin, dBFS re full-scale sine (a sine centred on a bin reads its level). */
  dbfs: number;
}

/**
 * The magnitude spectrum between fromHz and toHz, for the report's picture around the test
 * tone: Hann window, mean removed, padded to the next power of two (bins of sampleRate / size).
 */
export function spectrumBetween(pcm: ArrayLike<number>, sampleRate: number, fromHz: number, toHz: number): SpectrumPoint[] {
  const n = pcm.length;
  if (n < 64) throw new RangeError(`spectrumBetween: ${n} samples are too few (need at least 64)`);
  if (!(fromHz >= 0 && toHz > fromHz && toHz <= sampleRate / 2)) throw new RangeError(`spectrumBetween: ${fromHz}…${toHz} Hz is not a band between 0 and ${sampleRate / 2} Hz`);
  let size = 1;
  while (size < n) size <<= 1;
  const w = hann(n);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  let mean = 0;
  let wsum = 0;
  for (let i = 0; i < n; i++) (mean += pcm[i] / n), (wsum += w[i]);
  for (let i = 0; i < n; i++) re[i] = (pcm[i] - mean) * w[i];
  fft(re, im);
  const hz = sampleRate / size;
  const out: SpectrumPoint[] = [];
  for (let k = Math.ceil(fromHz / hz); k <= Math.min(size / 2, Math.floor(toHz / hz)); k++) {
    const amplitude = (2 * Math.hypot(re[k], im[k])) / wsum;
    out.push({ hz: k * hz, dbfs: amplitude === 0 ? FLOOR_DBFS : Math.max(FLOOR_DBFS, 20 * Math.log10(amplitude / FULL_SCALE)) });
  }
  return out;
}

/**
 * The level (dBFS) of the sine component at one frequency, from a Goertzel filter on the
 * Hann-windowed signal: other tones and noise barely count, so a tone can be found under
 * another one (the speaker's tone under the camera's test tone).
 */
export function toneLevelAt(pcm: ArrayLike<number>, sampleRate: number, frequency: number): number {
  const n = pcm.length;
  if (n < 64) throw new RangeError(`toneLevelAt: ${n} samples are too few (need at least 64)`);
  const w = hann(n);
  const omega = (2 * Math.PI * frequency) / sampleRate;
  const coeff = 2 * Math.cos(omega);
  let s1 = 0;
  let s2 = 0;
  let wsum = 0;
  for (let i = 0; i < n; i++) {
    const s0 = pcm[i] * w[i] + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
    wsum += w[i];
  }
  const re = s1 - s2 * Math.cos(omega);
  const im = s2 * Math.sin(omega);
  const amplitude = (2 * Math.hypot(re, im)) / wsum;
  return amplitude === 0 ? FLOOR_DBFS : Math.max(FLOOR_DBFS, 20 * Math.log10(amplitude / FULL_SCALE));
}

/** RMS level (dBFS) of consecutive windows of windowMs; a short tail is left out. */
export function windowLevels(pcm: ArrayLike<number>, sampleRate: number, windowMs = 20): number[] {
  const size = Math.round((sampleRate * windowMs) / 1000);
  if (size < 1) throw new RangeError(`windowLevels: a window of ${windowMs} ms holds no sample`);
  const out: number[] = [];
  for (let from = 0; from + size <= pcm.length; from += size) out.push(rmsDbfs(pcm, from, from + size));
  return out;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of nothing');
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface Dropout {
  /** Where it starts in the analysed audio, and how long it lasts (whole windows). */
  startMs: number;
  durationMs: number;
  /** The quietest window in it. */
  minDbfs: number;
}

/** Runs of windows more than belowMedianDb quieter than the median window. */
export function levelDropouts(levels: readonly number[], windowMs: number, belowMedianDb = 12): Dropout[] {
  if (levels.length === 0) return [];
  const limit = median(levels) - belowMedianDb;
  const out: Dropout[] = [];
  let run: Dropout | undefined;
  levels.forEach((l, i) => {
    if (l < limit) {
      if (!run) out.push((run = { startMs: i * windowMs, durationMs: 0, minDbfs: l }));
      run.durationMs += windowMs;
      run.minDbfs = Math.min(run.minDbfs, l);
    } else run = undefined;
  });
  return out;
}

export interface Arrival {
  /** performance.now() (or any ms clock) when the bytes arrived. */
  atMs: number;
  bytes: number;
}

export interface ArrivalGap {
  /** Audio position (ms from the first byte) after which nothing arrived for gapMs. */
  afterAudioMs: number;
  gapMs: number;
}

/** Silences on the wire longer than maxGapMs between consecutive arrivals. */
export function arrivalGaps(arrivals: readonly Arrival[], sampleRate: number, bytesPerSample = 1, maxGapMs = 200): ArrivalGap[] {
  const out: ArrivalGap[] = [];
  let bytes = 0;
  for (let i = 0; i < arrivals.length; i++) {
    if (i > 0) {
      const gap = arrivals[i].atMs - arrivals[i - 1].atMs;
      if (gap > maxGapMs) out.push({ afterAudioMs: (bytes / bytesPerSample / sampleRate) * 1000, gapMs: gap });
    }
    bytes += arrivals[i].bytes;
  }
  return out;
}

export interface ToneAnalysis {
  /** Dominant frequency, Hz. */
  frequency: number;
  /** RMS level of the whole signal, dBFS re full-scale sine. */
  levelDbfs: number;
  /** Level of the component at `frequency` alone (Goertzel), dBFS. */
  toneDbfs: number;
  /** Median level of the windowMs windows, dBFS. */
  medianWindowDbfs: number;
  dropouts: Dropout[];
  durationMs: number;
}

export interface ToneOptions extends FrequencyOptions {
  sampleRate?: number;
  windowMs?: number;
  /** A window this much quieter than the median is part of a dropout. */
  dropoutDb?: number;
}

/** Everything the audio suites measure about a received test tone. */
export function analyseTone(pcm: ArrayLike<number>, opts: ToneOptions = {}): ToneAnalysis {
  const sampleRate = opts.sampleRate ?? 8000;
  const windowMs = opts.windowMs ?? 20;
  const frequency = dominantFrequency(pcm, sampleRate, opts);
  const levels = windowLevels(pcm, sampleRate, windowMs);
  return {
    frequency,
    levelDbfs: rmsDbfs(pcm),
    toneDbfs: toneLevelAt(pcm, sampleRate, frequency),
    medianWindowDbfs: median(levels),
    dropouts: levelDropouts(levels, windowMs, opts.dropoutDb),
    durationMs: (pcm.length / sampleRate) * 1000,
  };
}

/** A sine of the given level (dBFS re full-scale sine), 16-bit scale, for stimuli and tests. */
export function sineTone(frequency: number, levelDbfs: number, samples: number, sampleRate = 8000, phase = 0): Float64Array {
  const amp = FULL_SCALE * 10 ** (levelDbfs / 20);
  const out = new Float64Array(samples);
  for (let i = 0; i < samples; i++) out[i] = amp * Math.sin((2 * Math.PI * frequency * i) / sampleRate + phase);
  return out;
}
