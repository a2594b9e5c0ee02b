// House expectations of the ptz suites (tests/ptz/): see index.ts.
import type { HouseRule } from './types.ts';

export const PTZ_RULES = {
} satisfies Record<string, HouseRule>;
