import { test, expect } from '@playwright/test';
import { createHash } from 'node:crypto';
import { Authenticator, parseAuthParams } from '../../../rigs/virtual-camera/http/auth.ts';
import { UserDb } from '../../../rigs/virtual-camera/general/users.ts';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const users = new UserDb('root', 'pass');

function digestFor(challenge: string, nc: string, { password = 'pass', uri = '/config.cgi', realmOverride }: { password?: string; uri?: string; realmOverride?: string } = {}) {
  const c = parseAuthParams(challenge.replace(/^Digest /, ''))!;
  const realm = realmOverride ?? c.realm;
  const ha1 = md5(`root:${realm}:${password}`);
  const ha2 = md5(`GET:${uri}`);
  const response = md5(`${ha1}:${c.nonce}:${nc}:abc:auth:${ha2}`);
  return `Digest username="root", realm="${realm}", nonce="${c.nonce}", uri="${uri}", qop=auth, nc=${nc}, cnonce="abc", response="${response}", algorithm=MD5`;
}

test('digest: accepted once per nonce count; a replayed count, wrong password or realm is refused', () => {
  const auth = new Authenticator('cam');
  const md5Challenge = auth.challenges('basic_digest').find((c) => c.includes('algorithm=MD5'))!;
  expect('user' in auth.check(digestFor(md5Challenge, '00000001'), 'GET', '/config.cgi', users, 'basic_digest')).toBe(true);
  expect(auth.check(digestFor(md5Challenge, '00000001'), 'GET', '/config.cgi', users, 'basic_digest')).toEqual({ fail: 'replay', who: 'root' });
  expect('user' in auth.check(digestFor(md5Challenge, '00000002'), 'GET', '/config.cgi', users, 'basic_digest')).toBe(true);
  expect(auth.check(digestFor(md5Challenge, '00000003', { password: 'nope' }), 'GET', '/config.cgi', users, 'basic_digest')).toMatchObject({ fail: 'wrong' });
  expect(auth.check(digestFor(md5Challenge, '00000004', { realmOverride: 'other' }), 'GET', '/config.cgi', users, 'basic_digest')).toMatchObject({ fail: 'wrong' });
});

test('digest: an expired nonce is answered stale, so the client can retry without asking the user', async () => {
  const auth = new Authenticator('cam', 5);
  const ch = auth.challenges('digest').find((c) => c.includes('algorithm=MD5'))!;
  await new Promise((r) => setTimeout(r, 20));
  expect(auth.check(digestFor(ch, '00000001'), 'GET', '/config.cgi', users, 'digest')).toMatchObject({ fail: 'stale' });
  expect(auth.challenges('digest', true).every((c) => c.includes('stale=true'))).toBe(true);
});

test('basic: accepted by policy only; digest-only refuses it', () => {
  const auth = new Authenticator('cam');
  const basic = `Basic ${Buffer.from('root:pass').toString('base64')}`;
  expect('user' in auth.check(basic, 'GET', '/config.cgi', users, 'basic_digest')).toBe(true);
  expect(auth.check(basic, 'GET', '/config.cgi', users, 'digest')).toEqual({ fail: 'missing' });
  expect(auth.challenges('digest').some((c) => c.startsWith('Basic'))).toBe(false);
});

test('auth parameter parsing keeps commas and escapes inside quotes', () => {
  expect(parseAuthParams('realm="a, \\"b\\"", qop=auth,nonce="n"')).toEqual({ realm: 'a, "b"', qop: 'auth', nonce: 'n' });
  expect(parseAuthParams('realm="unterminated')).toBeUndefined();
});

test('digest: a response computed for another URI does not authorise this request', () => {
  const auth = new Authenticator('cam');
  const ch = auth.challenges('digest').find((c) => c.includes('algorithm=MD5'))!;
  const forImage = digestFor(ch, '00000001', { uri: '/image.jpg' });
  expect(auth.check(forImage, 'GET', '/reboot.cgi', users, 'digest')).toMatchObject({ fail: 'malformed' });
  expect('user' in auth.check(forImage, 'GET', '/image.jpg', users, 'digest')).toBe(true);
});
