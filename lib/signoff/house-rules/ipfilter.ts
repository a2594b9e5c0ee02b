// House expectations of the ipfilter suite (tests/ipfilter/): see index.ts.
import type { HouseRule } from './types.ts';

export const IPFILTER_RULES = {
  'ipfilter.list.separator': { chapter: '6.2', expectation: 'the addresses of `Accept addresses:` are separated by single spaces (the spec shows `<IP addresses>` without a separator)' },
} satisfies Record<string, HouseRule>;
