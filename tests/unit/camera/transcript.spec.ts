import { test, expect } from '@playwright/test';
import { Redactor, REDACTED } from '../../../lib/camera/redact.ts';
import { previewBody, Transcript } from '../../../lib/camera/transcript.ts';

test('credential headers keep their scheme, lose their value', () => {
  const r = new Redactor();
  expect(r.headers({ Authorization: 'Digest username="root", response="abc"', 'proxy-authorization': 'Basic cm9vdDpwYXNz', Accept: '*/*' })).toEqual({
    Authorization: 'Digest <redacted>',
    'proxy-authorization': 'Basic <redacted>',
    Accept: '*/*',
  });
  expect(r.headers({ authorization: 'opaque-token-without-scheme' })).toEqual({ authorization: REDACTED });
});

test('pwd= / password= values are hidden in queries, form bodies and lines', () => {
  const r = new Redactor();
  expect(r.target('/usrgrp.cgi?action=add&user=bob&pwd=hunter2&grp=users')).toBe('/usrgrp.cgi?action=add&user=bob&pwd=<redacted>&grp=users');
  expect(r.target('/x.cgi?PASSWORD=a%20b')).toBe('/x.cgi?PASSWORD=<redacted>');
  expect(r.text('user=bob&passwd=xyz')).toBe('user=bob&passwd=<redacted>');
  expect(r.text('# Error: bad value pwd=xyz\r\n')).toBe('# Error: bad value pwd=<redacted>\r\n');
  // A parameter that merely ends in "pwd" is not a password parameter.
  expect(r.target('/x.cgi?newpwdhint=1')).toBe('/x.cgi?newpwdhint=1');
});

test('a registered secret is hidden anywhere, raw or encoded, longest first', () => {
  const r = new Redactor(['p@ss word&1', undefined, '']);
  r.addSecret('p@ss');
  expect(r.text('echo p@ss word&1 and p@ss')).toBe(`echo ${REDACTED} and ${REDACTED}`);
  expect(r.text(`x=${encodeURIComponent('p@ss word&1')}`)).toBe(`x=${REDACTED}`);
  expect(r.text('x=p@ss%20word%261')).toBe(`x=${REDACTED}`);
  expect(r.text('x=p@ss+word%261')).toBe(`x=${REDACTED}`);
  expect(r.text('regex chars: a.b')).toBe('regex chars: a.b');
  const dots = new Redactor(['a.b']);
  expect(dots.text('axb a.b')).toBe(`axb ${REDACTED}`);
});

test('transcript records and redacts every part of an exchange', () => {
  const t = new Transcript({ secrets: ['topsecret'] });
  const e = t.request('GET', '/usrgrp.cgi?action=add&user=eve&pwd=topsecret', { authorization: 'Basic ZXZlOnRvcHNlY3JldA==' });
  t.response(e, 200, { 'content-type': 'text/plain' }, Buffer.from('OK, user eve password topsecret set\r\n'));
  const img = t.request('GET', '/image.cgi', {});
  t.response(img, 200, { 'content-type': 'image/jpeg' }, Buffer.alloc(1234, 0xff));
  const form = t.request('POST', '/x.cgi', { 'content-type': 'application/x-www-form-urlencoded' }, Buffer.from('user=a&password=topsecret'));
  t.fail(form, 'camera unreachable: POST /x.cgi: connection reset by the camera (ECONNRESET)');
  t.note('rebooted');
  const text = t.toText();
  expect(text).not.toContain('topsecret');
  expect(text).not.toContain('ZXZlOnRvcHNlY3JldA');
  expect(text).toContain('GET /usrgrp.cgi?action=add&user=eve&pwd=<redacted> -> 200');
  expect(text).toContain('> authorization: Basic <redacted>');
  expect(text).toContain('< OK, user eve password <redacted> set');
  expect(text).toContain('< <1234 bytes image/jpeg>');
  expect(text).toContain('> user=a&password=<redacted>');
  expect(text).toContain('-> FAILED: camera unreachable: POST /x.cgi: connection reset by the camera (ECONNRESET)');
  expect(text).toMatch(/\] NOTE rebooted/);
  expect(t.entries).toHaveLength(4);
});

test('a secret registered later is still hidden in earlier entries', () => {
  const t = new Transcript();
  const e = t.request('GET', '/x.cgi', {});
  t.response(e, 200, { 'content-type': 'text/plain' }, Buffer.from('the new password is late-secret'));
  t.addSecret('late-secret');
  expect(t.toText()).toContain('the new password is <redacted>');
});

test('body previews: text cut, binary summarised, untyped bodies sniffed', () => {
  expect(previewBody(Buffer.from('a'.repeat(10)), 'text/plain', 4)).toBe('aaaa… (6 more characters)');
  expect(previewBody(Buffer.from([0xff, 0xd8, 0x00]), undefined)).toBe('<3 bytes>');
  expect(previewBody(Buffer.from('plain words\r\n'), undefined)).toBe('plain words\r\n');
  expect(previewBody(Buffer.from('<root/>'), 'application/xml; charset=utf-8')).toBe('<root/>');
  expect(previewBody(Buffer.from('x'), 'audio/basic')).toBe('<1 bytes audio/basic>');
  expect(previewBody(Buffer.alloc(0), 'text/plain')).toBe('');
  // Redaction happens before the cut: half a secret cannot survive at the edge.
  expect(previewBody(Buffer.from('xxsecretxx'), 'text/plain', 5, (s) => s.replace('secret', '<redacted>'))).toBe('xx<re… (9 more characters)');
});

test('old entries are dropped beyond the limit, and the text says so', () => {
  const t = new Transcript({ maxEntries: 2 });
  t.note('one');
  t.note('two');
  t.note('three');
  expect(t.entries.map((e) => e.note)).toEqual(['two', 'three']);
  expect(t.toText()).toMatch(/^\(1 earlier entries dropped\)/);
  t.clear();
  expect(t.toText()).toBe('');
});
