// House expectations of the motion suites (tests/motion/): see index.ts.
import type { HouseRule } from './types.ts';

export const MOTION_RULES = {
} satisfies Record<string, HouseRule>;
