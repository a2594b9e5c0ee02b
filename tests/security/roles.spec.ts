// The role matrix (role-matrix.data.ts) checked in full: every CGI x anonymous / viewer /
// operator / admin. Anonymous gets 401 with a challenge, a group weaker than the CGI's
// 403, the CGI's group and stronger ones get past the role check. Viewer and operator
// users are created for the test (usrgrp.cgi) under the state guard. Then the IP filter
// as a security boundary: from a refused source address nothing is served, not even a
// challenge, whatever the credentials.
import { expect, spec, test } from '../../fixtures/index.ts';
import { Camera } from '../../lib/camera/index.ts';
import { skipUnlessDestructive } from '../general/support.ts';
import { ownAddressTowards } from '../ipfilter/own-address.ts';
import { send } from '../robustness/send.ts';
import { cgisOf } from '../robustness/target-cgis.ts';
import { MATRIX_USERS, ROLE_MATRIX, type MatrixRole, type MatrixRow } from './role-matrix.data.ts';

type Who = 'anonymous' | MatrixRole;
const WHO: readonly Who[] = ['anonymous', 'viewer', 'operator', 'admin'];
const RANK: Record<MatrixRole, number> = { viewer: 0, operator: 1, admin: 2 };

/** What `who` must get from `row`: 401, 403, or past the role check. */
function expected(row: MatrixRow, who: Who): 401 | 403 | 'allowed' {
  if (who === 'anonymous') return 401;
  return RANK[who] >= RANK[row.role] ? 'allowed' : 403;
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string {
  const v = headers[name];
  return Array.isArray(v) ? v.join(', ') : (v ?? '');
}

test.describe('roles', () => {
  test('every CGI x anonymous, viewer, operator and admin: allowed or refused as the role matrix says', spec('1.2', 'usrgrp.cgi', { severity: 'blocker' }), async ({ camera, target, stateGuard, transcript }) => {
    void stateGuard; // the users made here are gone again after the test
    const listed = new Set(cgisOf(target).map((c) => c.path));
    const rows = ROLE_MATRIX.filter((r) => listed.has(r.path));
    const clients: Record<Who, Camera> = {
      anonymous: new Camera({ url: target.url, transcript }),
      viewer: camera.derive({ user: MATRIX_USERS.viewer.name, password: MATRIX_USERS.viewer.password }),
      operator: camera.derive({ user: MATRIX_USERS.operator.name, password: MATRIX_USERS.operator.password }),
      admin: camera,
    };
    const problems: string[] = [];
    try {
      await test.step(`create ${MATRIX_USERS.viewer.name} (viewer) and ${MATRIX_USERS.operator.name} (operator)`, async () => {
        for (const role of ['viewer', 'operator'] as const) await camera.users.add(MATRIX_USERS[role].name, MATRIX_USERS[role].password, { role });
      });
      for (const row of rows) {
        if (row.destructive && !target.destructiveAllowed) {
          console.log(`security: ${row.path} left out of the role matrix: it restarts or erases the camera should the role check fail; set HIL_DESTRUCTIVE=1`);
          continue;
        }
        await test.step(`${row.method} ${row.path}${row.query ? `?${row.query}` : ''}: ${row.role} and stronger (${row.why})`, async () => {
          for (const who of WHO) {
            const a = await send(clients[who], row.path, { method: row.method, query: row.query, body: row.body === undefined ? undefined : Buffer.from(row.body), contentType: row.contentType });
            const want = expected(row, who);
            const got = `HTTP ${a.status} ${a.text.split(/\r?\n/)[0].slice(0, 100)}`;
            const where = `${who} -> ${row.method} ${row.path}${row.query ? `?${row.query.slice(0, 60)}` : ''}`;
            if (a.status >= 500) problems.push(`${where}: server error, ${got}`);
            else if (want === 'allowed' && (a.status === 401 || a.status === 403)) problems.push(`${where}: refused (${got}), but ${who} may call it`);
            else if (want !== 'allowed' && a.status !== want) problems.push(`${where}: expected ${want}, got ${got}`);
            else if (want === 401 && !/\b(Digest|Basic)\b/.test(header(a.headers, 'www-authenticate'))) problems.push(`${where}: 401 without a WWW-Authenticate challenge`);
          }
        });
      }
      await test.step('the system log names the new users, never their passwords', async () => {
        const log = (await camera.system.systemLog()).join('\n');
        for (const u of Object.values(MATRIX_USERS)) expect(log.includes(u.password), `the password of ${u.name} is in the system log`).toBe(false);
      });
    } finally {
      await clients.anonymous.close();
      await clients.viewer.close();
      await clients.operator.close();
    }
    expect(problems, 'role matrix violations').toEqual([]);
    expect(rows.length, 'matrix rows the camera lists').toBeGreaterThan(10);
  });

  test('every CGI the virtual camera lists is in the role matrix', async ({ target }) => {
    test.skip(!target.virtual, 'a physical camera lists no routes: the matrix rows of the spec\'s CGIs are used');
    const inMatrix = new Set(ROLE_MATRIX.map((r) => r.path));
    const missing = cgisOf(target).map((c) => c.path).filter((p) => !inMatrix.has(p));
    expect(missing, 'routes without a row in tests/security/role-matrix.data.ts').toEqual([]);
  });

  test('from a refused source address nothing is served, not even a challenge', spec('6.1', 'ipfilter.cgi', { tags: ['@destructive'] }), async ({ camera, target, stateGuard }) => {
    skipUnlessDestructive(target, 'locking a source address out with the IP filter');
    test.skip(!target.secondSourceAddress, 'needs a second source address that reaches the camera (lab inventory: secondSourceAddress)');
    void stateGuard;
    const own = await ownAddressTowards(target.url);
    const stranger = camera.derive({ localAddress: target.secondSourceAddress });
    const anonymousStranger = new Camera({ url: target.url, localAddress: target.secondSourceAddress });
    try {
      await test.step(`accept only ${own} (our address) and enable the filter`, async () => {
        await camera.ipfilter.removeAll();
        await camera.ipfilter.add(own);
        await camera.ipfilter.setEnabled(true);
      });
      const problems: string[] = [];
      for (const row of ROLE_MATRIX.filter((r) => !r.destructive && r.method === 'GET')) {
        for (const [who, client] of [['admin', stranger], ['anonymous', anonymousStranger]] as const) {
          const a = await send(client, row.path, { method: 'GET', query: row.query }).catch(() => undefined); // no answer is a refusal too
          if (!a) continue;
          if (a.status !== 403) problems.push(`${who} from ${target.secondSourceAddress} -> ${row.path}: HTTP ${a.status}, expected 403 or no answer`);
          if (header(a.headers, 'www-authenticate')) problems.push(`${who} from ${target.secondSourceAddress} -> ${row.path}: the refusal carries an auth challenge (the filter must come first)`);
        }
      }
      expect(problems).toEqual([]);
      expect((await camera.ipfilter.list()).enabled, 'our own address is still served').toBe(true);
    } finally {
      await camera.ipfilter.setEnabled(false).catch(() => undefined); // never leave the stranger shut out
      await stranger.close();
      await anonymousStranger.close();
    }
  });
});
