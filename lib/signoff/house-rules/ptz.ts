// House expectations of the ptz suites (tests/ptz/): see index.ts.
import type { HouseRule } from './types.ts';

export const PTZ_RULES = {
  'ptz.answer': { chapter: '3.1', expectation: '`ptz.cgi` answers a move, a speed or a preset request with `OK` (the spec shows no answer; VAPIX answers 204)' },
  'ptz.configptz.answer': { chapter: '3.2', expectation: '`configptz.cgi` answers a preset or home request with `OK` (the spec shows no answer)' },
  'ptz.limits.clamp': { chapter: '3.1', expectation: 'a target beyond `PTZ.Limit.L1.*` (but inside the head\'s range) is accepted and the head stops exactly at the limit, rather than the request being refused (required either way: the head never goes past the limit)' },
  'ptz.move.step': { chapter: '3.1', expectation: '`move=left|right|up|down` turns a quarter of the horizontal field of view (VAPIX: 25 % of the view), so the picture shifts by a quarter of its width' },
  'ptz.refusal': { chapter: '3.1', expectation: 'a request the head cannot obey as asked (a pan that is not a number, an absolute and a continuous move at once, an unknown `move=`) is refused (required either way: a refused request does not move the head)' },
  'ptz.refusal.form': { chapter: '3.1', expectation: 'a refused ptz.cgi request is answered HTTP 400 with a `# Error: <what is wrong>` line' },
} satisfies Record<string, HouseRule>;
