// Transient glitches in frames of a still scene: a frame that differs from both of its
// neighbours by far more than the neighbours differ from each other. A JPEG with flipped bits
// in its entropy-coded data still decodes and passes every structural check (jpeg.ts); only
// its picture shows the damage, and only in that one frame. The rule tells that apart from
// what a real camera's frames do anyway:
//   - sensor and compression noise: every pair of frames differs by about the same amount;
//   - motion, exposure drift: frames two apart differ at least as much as neighbours do;
//   - a step (the OSD clock ticking, a light switched): the frame equals one neighbour.
// Pure functions on gray rasters (image.ts), so unit tests feed them synthetic frames.
import { channelsOf, crop, downscaleGray, meanAbsDiff, toGray, type GrayImage, type Raster } from './image.ts';

export interface GlitchRule {
  /** A glitch differs from each neighbour by more than factor × what they differ by, ... */
  factor: number;
  /** ... plus this (gray levels 0..255), so two identical neighbours do not make a speck a glitch. */
  floor: number;
}

/** 3× and half a gray level: noise keeps the three differences within a few % of each other. */
const DEFAULT_GLITCH_RULE: GlitchRule = { factor: 3, floor: 0.5 };

export interface FrameJudgement {
  /** Index of the frame in the sequence (never the first or last: they have one neighbour). */
  index: number;
  /** Mean absolute gray difference to the frame before and after it, and between those two. */
  toPrevious: number;
  toNext: number;
  neighbours: number;
  /** min(toPrevious, toNext) over the rule's limit for this frame; above 1 is a glitch. */
  ratio: number;
}

export interface GlitchScan {
  rule: GlitchRule;
  /** Differences of consecutive frames (length n - 1). */
  consecutive: number[];
  /** Every inner frame, in order. */
  judged: FrameJudgement[];
  /** The judged frames that are glitches, worst (highest ratio) first. */
  glitches: FrameJudgement[];
}

/** The rule's limit for a frame whose neighbours differ by `neighbours`. */
export function glitchLimit(neighbours: number, rule: GlitchRule = DEFAULT_GLITCH_RULE): number {
  return rule.factor * neighbours + rule.floor;
}

/** Judges every inner frame of a sequence of same-size gray frames. */
export function findGlitches(frames: readonly GrayImage[], rule: GlitchRule = DEFAULT_GLITCH_RULE): GlitchScan {
  if (!(rule.factor >= 1) || !(rule.floor > 0)) throw new Error(`findGlitches: factor must be >= 1 and floor > 0 (got ${rule.factor}, ${rule.floor})`);
  frames.forEach((f, i) => {
    if (channelsOf(f, `findGlitches frame ${i}`) !== 1) throw new Error(`findGlitches: frame ${i} is not gray`);
  });
  const consecutive = frames.slice(1).map((f, i) => meanAbsDiff(frames[i], f));
  const judged: FrameJudgement[] = [];
  for (let i = 1; i + 1 < frames.length; i++) {
    const toPrevious = consecutive[i - 1];
    const toNext = consecutive[i];
    const neighbours = meanAbsDiff(frames[i - 1], frames[i + 1]);
    judged.push({ index: i, toPrevious, toNext, neighbours, ratio: Math.min(toPrevious, toNext) / glitchLimit(neighbours, rule) });
  }
  const glitches = judged.filter((j) => j.ratio > 1).sort((a, b) => b.ratio - a.ratio);
  return { rule, consecutive, judged, glitches };
}

/**
 * What the comparison looks at in a decoded frame: gray, shrunk by a whole factor to about
 * `width` pixels across (noise averages out, a 320x240 frame costs little to compare), the
 * top and bottom `band` of the height left out (where a camera draws its OSD line).
 */
export function stillView(frame: Raster, opts: { width?: number; band?: number } = {}): GrayImage {
  const factor = Math.max(1, Math.floor(frame.width / (opts.width ?? 160)));
  const small = downscaleGray(toGray(frame), factor);
  const band = Math.round(small.height * (opts.band ?? 1 / 8));
  if (small.height - 2 * band < 1) throw new Error(`stillView: a ${frame.width}x${frame.height} frame has no rows left between its OSD bands`);
  return crop(small, 0, band, small.width, small.height - 2 * band);
}
