// House expectations of the audio suites (tests/audio/): see index.ts.
import type { HouseRule } from './types.ts';

export const AUDIO_RULES = {
} satisfies Record<string, HouseRule>;
