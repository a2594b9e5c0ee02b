import { createHash } from 'node:crypto';
import { test, expect } from '@playwright/test';
import { basicAuthorization } from '../../../lib/camera/auth/basic.ts';
import { parseChallenges } from '../../../lib/camera/auth/challenge.ts';
import {
  DigestSession,
  digestAuthorization,
  digestResponse,
  formatNc,
  readDigestChallenge,
  type DigestChallenge,
} from '../../../lib/camera/auth/digest.ts';
import { AuthSession, chooseChallenge } from '../../../lib/camera/auth/session.ts';

const RFC7616_CHALLENGE =
  'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=ALG, ' +
  'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"';
const RFC7616_CNONCE = 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ';

function challenge(header: string): DigestChallenge {
  const c = readDigestChallenge(parseChallenges(header)[0]);
  if (typeof c === 'string') throw new Error(c);
  return c;
}

function fields(header: string): Record<string, string> {
  expect(header.startsWith('Digest ')).toBe(true);
  return parseChallenges(header)[0].params;
}

test.describe('RFC 7616 §3.9.1 example (Mufasa / Circle of Life)', () => {
  for (const [alg, expected] of [
    ['MD5', '8ca523f5e9506fed4657c9700eebdbec'],
    ['SHA-256', '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1'],
  ] as const) {
    test(`${alg} response`, () => {
      const c = challenge(RFC7616_CHALLENGE.replace('ALG', alg));
      expect(c.algorithm).toBe(alg);
      expect(c.qop).toBe('auth');
      const input = { challenge: c, method: 'GET', uri: '/dir/index.html', user: 'Mufasa', password: 'Circle of Life', nc: 1, cnonce: RFC7616_CNONCE };
      expect(digestResponse(input)).toBe(expected);
      const f = fields(digestAuthorization(input));
      expect(f).toMatchObject({
        username: 'Mufasa',
        realm: 'http-auth@example.org',
        uri: '/dir/index.html',
        algorithm: alg,
        nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
        nc: '00000001',
        cnonce: RFC7616_CNONCE,
        qop: 'auth',
        response: expected,
        opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
      });
    });
  }
});

test('RFC 2617 §3.5 example', () => {
  const c = challenge(
    'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
  );
  expect(c.algorithmToken).toBeUndefined();
  const header = digestAuthorization({ challenge: c, method: 'GET', uri: '/dir/index.html', user: 'Mufasa', password: 'Circle Of Life', nc: 1, cnonce: '0a4f113b' });
  expect(fields(header).response).toBe('6629fae49393a05397450978507c4ef1');
  // No algorithm in the challenge: none in the answer either (old servers choke on it).
  expect(header).not.toContain('algorithm=');
});

test('RFC 2069 form (no qop) and MD5-sess follow their formulas', () => {
  const md5 = (s: string) => createHash('md5').update(s).digest('hex');
  const legacy = challenge('Digest realm="r", nonce="n"');
  const ha1 = md5('u:r:p');
  const ha2 = md5('GET:/x');
  expect(digestResponse({ challenge: legacy, method: 'GET', uri: '/x', user: 'u', password: 'p', nc: 1, cnonce: 'c' })).toBe(md5(`${ha1}:n:${ha2}`));
  const legacyHeader = digestAuthorization({ challenge: legacy, method: 'GET', uri: '/x', user: 'u', password: 'p', nc: 1, cnonce: 'c' });
  expect(legacyHeader).not.toContain('nc=');
  expect(legacyHeader).not.toContain('cnonce=');

  const sess = challenge('Digest realm="r", nonce="n", qop="auth", algorithm=MD5-sess');
  const sessHa1 = md5(`${ha1}:n:c`);
  expect(digestResponse({ challenge: sess, method: 'GET', uri: '/x', user: 'u', password: 'p', nc: 2, cnonce: 'c' })).toBe(
    md5(`${sessHa1}:n:00000002:c:auth:${ha2}`),
  );
});

test('userhash hides the user name; quotes and backslashes in names are escaped', () => {
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');
  const c = challenge('Digest realm="r", nonce="n", qop=auth, algorithm=SHA-256, userhash=true');
  const f = fields(digestAuthorization({ challenge: c, method: 'GET', uri: '/', user: 'bob', password: 'p', nc: 1, cnonce: 'c' }));
  expect(f.username).toBe(sha('bob:r'));
  expect(f.userhash).toBe('true');

  const plain = challenge('Digest realm="r", nonce="n", qop=auth');
  const header = digestAuthorization({ challenge: plain, method: 'GET', uri: '/', user: 'a"b\\c', password: 'p', nc: 1, cnonce: 'c' });
  expect(header).toContain('username="a\\"b\\\\c"');
  expect(fields(header).username).toBe('a"b\\c');
});

test('unsupported challenges are refused with a reason', () => {
  expect(readDigestChallenge(parseChallenges('Digest realm="r", nonce="n", algorithm=SHA-512-256')[0])).toMatch(/unsupported Digest algorithm SHA-512-256/);
  expect(readDigestChallenge(parseChallenges('Digest realm="r", nonce="n", qop="auth-int"')[0])).toMatch(/unsupported Digest qop/);
  expect(readDigestChallenge(parseChallenges('Digest realm="r"')[0])).toMatch(/without realm or nonce/);
});

test('DigestSession counts nc up per request and uses a fresh cnonce (fixed for -sess)', () => {
  const s = new DigestSession(challenge('Digest realm="r", nonce="n", qop=auth, algorithm=SHA-256'));
  const a = fields(s.authorize('GET', '/a', 'u', 'p'));
  const b = fields(s.authorize('GET', '/b', 'u', 'p'));
  expect([a.nc, b.nc]).toEqual(['00000001', '00000002']);
  expect(a.cnonce).not.toBe(b.cnonce);
  const sess = new DigestSession(challenge('Digest realm="r", nonce="n", qop=auth, algorithm=MD5-sess'));
  expect(fields(sess.authorize('GET', '/a', 'u', 'p')).cnonce).toBe(fields(sess.authorize('GET', '/a', 'u', 'p')).cnonce);
  expect(() => formatNc(0)).toThrow(/out of range/);
});

test('Basic: RFC 7617 example, UTF-8, no colon in the user', () => {
  expect(basicAuthorization('Aladdin', 'open sesame')).toBe('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==');
  expect(basicAuthorization('test', '123£')).toBe('Basic dGVzdDoxMjPCow==');
  expect(() => basicAuthorization('a:b', 'x')).toThrow(/cannot contain ":"/);
});

test.describe('WWW-Authenticate parsing', () => {
  test('several challenges in one header, commas and escapes inside quotes', () => {
    const cs = parseChallenges('Digest realm="a, b=\\"c\\"", nonce="x,y", qop="auth,auth-int", algorithm=SHA-256, Basic realm="cam, 1"');
    expect(cs.map((c) => c.scheme)).toEqual(['Digest', 'Basic']);
    expect(cs[0].params).toEqual({ realm: 'a, b="c"', nonce: 'x,y', qop: 'auth,auth-int', algorithm: 'SHA-256' });
    expect(cs[1].params).toEqual({ realm: 'cam, 1' });
  });

  test('several headers, token68, bare schemes, odd spacing and case', () => {
    const cs = parseChallenges(['Negotiate abc+/==,  basic REALM = x', 'NTLM', 'DIGEST  realm="r" ,nonce=n']);
    expect(cs).toEqual([
      { scheme: 'Negotiate', params: {}, token68: 'abc+/==' },
      { scheme: 'basic', params: { realm: 'x' } },
      { scheme: 'NTLM', params: {} },
      { scheme: 'DIGEST', params: { realm: 'r', nonce: 'n' } },
    ]);
    expect(parseChallenges('Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple"')).toEqual([
      { scheme: 'Newauth', params: { realm: 'apps', type: '1', title: 'Login to "apps"' } },
      { scheme: 'Basic', params: { realm: 'simple' } },
    ]);
    expect(parseChallenges(undefined)).toEqual([]);
  });

  test('malformed headers are errors that say where', () => {
    expect(() => parseChallenges('Digest realm="unterminated')).toThrow(/unterminated quoted-string/);
    expect(() => parseChallenges('Digest realm="a" nonce="b"')).toThrow(/expected ',' after realm/);
    expect(() => parseChallenges('=x')).toThrow(/expected an auth scheme at character 0/);
  });

  test('choice prefers Digest SHA-256 > Digest MD5 > Basic, per mode', () => {
    const all = parseChallenges('Basic realm="r", Digest realm="r", nonce="1", qop=auth, Digest realm="r", nonce="2", qop=auth, algorithm=SHA-256');
    const best = chooseChallenge(all, 'auto');
    expect(typeof best !== 'string' && best.scheme === 'digest' && best.digest.algorithm).toBe('SHA-256');
    expect(chooseChallenge(all, 'basic')).toEqual({ scheme: 'basic' });
    const md5 = chooseChallenge(parseChallenges('Basic realm="r", Digest realm="r", nonce="1"'), 'auto');
    expect(typeof md5 !== 'string' && md5.scheme === 'digest' && md5.digest.algorithm).toBe('MD5');
    expect(chooseChallenge(parseChallenges('Basic realm="r"'), 'digest')).toMatch(/no usable Digest challenge \(offered: Basic\)/);
    expect(chooseChallenge(parseChallenges('Digest realm="r", nonce="1", algorithm=SHA-512-256, Basic realm="r"'), 'auto')).toEqual({ scheme: 'basic' });
  });
});

test('AuthSession: retry once, then pre-emptive; stale or new nonce retries, same nonce means bad credentials', () => {
  const s = new AuthSession();
  const creds = { user: 'root', password: 'pass' };
  expect(s.authorize('GET', '/a', creds, 'auto').header).toBeUndefined();
  expect(s.onUnauthorized('Digest realm="r", nonce="n1", qop=auth', { header: undefined }, creds, 'auto')).toEqual({ retry: true });
  const sent = s.authorize('GET', '/a', creds, 'auto');
  expect(sent).toMatchObject({ scheme: 'digest', nonce: 'n1' });
  expect(s.onUnauthorized('Digest realm="r", nonce="n1", qop=auth', sent, creds, 'auto')).toEqual({ retry: false, reason: 'credentials rejected (Digest)' });
  expect(s.onUnauthorized('Digest realm="r", nonce="n1", qop=auth, stale=true', sent, creds, 'auto')).toEqual({ retry: true });
  expect(s.onUnauthorized('Digest realm="r", nonce="n2", qop=auth', sent, creds, 'auto')).toEqual({ retry: true });
  expect(s.authorize('GET', '/a', creds, 'auto').nonce).toBe('n2');
  expect(s.authorize('GET', '/a', creds, 'none').header).toBeUndefined();
  expect(s.onUnauthorized('Basic realm="r"', { header: 'Basic x', scheme: 'basic' }, creds, 'basic').retry).toBe(false);
});
