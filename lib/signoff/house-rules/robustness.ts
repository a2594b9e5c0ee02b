// House expectations of the robustness suites (tests/robustness/): see index.ts.
// The spec defines no error answer, no size limit and no rule for parameters a CGI does not
// know, so whether and how a camera refuses bad input is the virtual camera's choice. What
// the suites require of every camera is elsewhere: no 5xx, an answer (no hang), still up
// afterwards, nothing changed by a refused request, no file outside its data revealed.
import type { HouseRule } from './types.ts';

export const ROBUSTNESS_RULES = {
  'robustness.unknown-parameter.refused': {
    chapter: '-',
    expectation: 'every CGI refuses a query parameter it does not take (hilbogus=1) instead of ignoring it',
  },
  'robustness.method.refused': {
    chapter: '-',
    expectation: 'a method a CGI does not take (DELETE) is refused (405), not served as a GET',
  },
  'robustness.malformed.refused': {
    chapter: '-',
    expectation: 'over-long values (4 KiB; 64 KiB at the HTTP server), values that are not UTF-8, broken percent-escapes, NUL bytes and a single-valued parameter given twice are refused',
  },
  'robustness.bad-value.refused': {
    chapter: '-',
    expectation: 'a missing required parameter, a value out of range or of the wrong type, an object that does not exist and path traversal in a value are refused, not clamped or ignored',
  },
  'robustness.path.refused': {
    chapter: '-',
    expectation: 'a request path with traversal (.., %2e%2e, backslashes), a NUL, another letter case or an unknown name is refused (404)',
  },
  'robustness.refusal.status': {
    chapter: '-',
    expectation: 'a refusal answers a 4xx status (400 for bad input), not 200 with a `# Error:` line and not by closing the connection',
  },
  'robustness.refusal.explained': {
    chapter: '-',
    expectation: 'a refusal says what is wrong: a text answer carries a `# Error: <reason>` line; only 401 and 404 come with an empty body',
  },
  'robustness.audio.endless-upload': {
    chapter: '7.5',
    expectation: 'an audio upload declaring 4 GiB is either paced (read in real time, no early answer) or refused at once with a 4xx',
  },
} satisfies Record<string, HouseRule>;
