// The IP filter's entry syntax and the request-to-new-state logic of ipfilter.cgi.
import { test, expect } from '@playwright/test';
import { checkFilterEntry } from '../../../rigs/virtual-camera/ipfilter/address.ts';
import { listText, nextFilter } from '../../../rigs/virtual-camera/ipfilter/ipfilter-cgi.ts';

const q = (s: string) => new URLSearchParams(s);

test('entries: addresses and prefixes accepted, anything else named', () => {
  for (const ok of ['127.0.0.1', '0.0.0.0/0', '10.0.0.0/8', '192.0.2.7/32', '255.255.255.255']) expect(checkFilterEntry(ok), ok).toBeUndefined();
  expect(checkFilterEntry('256.0.0.1')).toMatch(/not an IPv4 address/);
  expect(checkFilterEntry('01.2.3.4')).toMatch(/not an IPv4 address/);
  expect(checkFilterEntry('::1')).toMatch(/not an IPv4 address/);
  expect(checkFilterEntry('10.0.0.0/33')).toMatch(/prefix length/);
  expect(checkFilterEntry('10.0.0.0/')).toMatch(/prefix length/);
  expect(checkFilterEntry('10.1.2.3/8')).toMatch(/did you mean 10\.0\.0\.0\/8\?/);
});

test('add, remove, removeall and update compute the next filter without applying it', () => {
  const list = ['127.0.0.1'];
  expect(nextFilter(q('action=add&ip=127.0.0.2'), list, false)).toMatchObject({ list: ['127.0.0.1', '127.0.0.2'], enabled: false });
  expect(() => nextFilter(q('action=add&ip=127.0.0.1'), list, false)).toThrow(/already in the accept list/);
  expect(nextFilter(q('action=remove&ip=127.0.0.1'), list, true)).toMatchObject({ list: [], enabled: true });
  expect(() => nextFilter(q('action=remove&ip=127.0.0.9'), list, false)).toThrow(/not in the accept list/);
  expect(nextFilter(q('action=removeall'), list, true)).toMatchObject({ list: [], enabled: true });
  expect(nextFilter(q('action=update&enabled=yes'), list, false)).toMatchObject({ list, enabled: true });
  expect(nextFilter(q('action=update&ip=10.0.0.0/8,127.0.0.2'), list, true)).toMatchObject({ list: ['10.0.0.0/8', '127.0.0.2'], enabled: true });
  expect(() => nextFilter(q('action=update&enabled=maybe'), list, false)).toThrow(/not yes or no/);
  expect(() => nextFilter(q('action=update'), list, false)).toThrow(/update needs/);
  expect(() => nextFilter(q('action=update&ip=1.2.3.4,1.2.3.4'), list, false)).toThrow(/given twice/);
  expect(() => nextFilter(q('action=add'), list, false)).toThrow(/missing parameter ip/);
  expect(() => nextFilter(q('action=add&ip=1.2.3.4&enabled=yes'), list, false)).toThrow(/unknown parameter enabled/);
  expect(() => nextFilter(q('action=flush'), list, false)).toThrow(/unknown action "flush"/);
});

test('list answers in the spec 6.2 form', () => {
  expect(listText(['127.0.0.1', '10.0.0.0/8'], true)).toBe('Accept addresses: 127.0.0.1 10.0.0.0/8\r\nEnabled: yes\r\n');
  expect(listText([], false)).toBe('Accept addresses: \r\nEnabled: no\r\n');
});
