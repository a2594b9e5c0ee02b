// House expectations of the io suites (tests/io/): see index.ts.
import type { HouseRule } from './types.ts';

export const IO_RULES = {
} satisfies Record<string, HouseRule>;
