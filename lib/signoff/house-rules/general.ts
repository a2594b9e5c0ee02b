// House expectations of the general suites (tests/general/): see index.ts.
import type { HouseRule } from './types.ts';

export const GENERAL_RULES = {
} satisfies Record<string, HouseRule>;
