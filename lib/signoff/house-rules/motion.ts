// House expectations of the motion suites (tests/motion/): see index.ts.
import type { HouseRule } from './types.ts';

export const MOTION_RULES = {
  'motion.boundary': { chapter: '4.5', expectation: 'motion.cgi uses the boundary the spec proposes, `mdb` (the spec only proposes it; any boundary the Content-Type declares is followed)' },
  'motion.part-type': { chapter: '4.5', expectation: 'every motion.cgi part carries `Content-Type: text/plain`, as the spec\'s example shows (the level lines are required either way)' },
  'motion.level.range': { chapter: '4.5', expectation: 'motion levels (and thresholds) are 0..100 (the spec gives no range)' },
  'motion.update.answer': { chapter: '4.3', expectation: 'updating a window (`config.cgi?action=update`) answers `OK` (the spec shows no answer to an update)' },
  'motion.window.range': { chapter: '4.3', expectation: 'window coordinates are 0..9999 (VAPIX): `Motion.M<n>.Right=10000` is refused (required either way: a refused value changes nothing, an accepted one is kept)' },
  'motion.update.atomic': { chapter: '4.3', expectation: 'an update with one refused value applies none of its values (nothing half-applied)' },
  'motion.refusal.form': { chapter: '4', expectation: 'a refused config.cgi request about motion windows is answered HTTP 400 with a `# Error: <what is wrong>` line' },
  'motion.remove.missing': { chapter: '4.2', expectation: 'removing a window that does not exist is refused (required either way: it stays unlisted)' },
} satisfies Record<string, HouseRule>;
