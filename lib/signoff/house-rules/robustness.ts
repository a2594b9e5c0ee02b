// House expectations of the robustness suites (tests/robustness/): see index.ts.
import type { HouseRule } from './types.ts';

export const ROBUSTNESS_RULES = {
} satisfies Record<string, HouseRule>;
