// House expectations of the storage suites (tests/storage/): see index.ts.
import type { HouseRule } from './types.ts';

export const STORAGE_RULES = {
} satisfies Record<string, HouseRule>;
