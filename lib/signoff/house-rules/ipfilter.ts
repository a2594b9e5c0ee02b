// House expectations of the ipfilter suite (tests/ipfilter/): see index.ts.
import type { HouseRule } from './types.ts';

export const IPFILTER_RULES = {
  'ipfilter.list.separator': { chapter: '6.2', expectation: 'the addresses of `Accept addresses:` are separated by single spaces (the spec shows `<IP addresses>` without a separator)' },
  'ipfilter.refusal': { chapter: '6.2', expectation: 'a request ipfilter.cgi cannot carry out (an address that is not an IPv4 address or a.b.c.d/nn prefix, `enabled=` other than yes/no, an unknown action) is refused and changes nothing (required either way: a refused request changes nothing, and the list holds IP addresses only)' },
  'ipfilter.refusal.form': { chapter: '6.2', expectation: 'a refused ipfilter.cgi request is answered HTTP 400 with a `# Error: <what is wrong>` line' },
  'ipfilter.add.duplicate': { chapter: '6.2', expectation: 'adding an address that is already accepted is refused (`# Error: <ip> is already in the accept list`) and the list keeps it once' },
  'ipfilter.remove.absent': { chapter: '6.2', expectation: 'removing an address that is not accepted is refused (`# Error: <ip> is not in the accept list`)' },
  'ipfilter.stranger.status': { chapter: '6.1', expectation: 'a source address the enabled filter does not accept is answered HTTP 403, not dropped (required either way: it is not served)' },
  'ipfilter.lockout.protection': { chapter: '6.1', expectation: 'a change that would leave the filter enabled without the requesting client\'s own address (enabling it, removing that address, `removeall`) is refused, and nothing changes' },
  'ipfilter.lockout.message': { chapter: '6.1', expectation: 'the lock-out refusal says `# Error: this change would lock out your own address <ip>; add it first`' },
} satisfies Record<string, HouseRule>;
