// House expectations of the video suites (tests/video/): see index.ts.
import type { HouseRule } from './types.ts';

export const VIDEO_RULES = {
} satisfies Record<string, HouseRule>;
