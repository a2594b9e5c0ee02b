// The role matrix (role-matrix.data.ts) checked in full: every CGI x anonymous / viewer /
// operator / admin. Anonymous gets 401 with a challenge, a group weaker than the CGI's
// 403, the CGI's group and stronger ones get past the role check. Viewer and operator
// users are created for the test (usrgrp.cgi) under the state guard. Destructive CGIs get a
// test of their own (@destructive, HIL_DESTRUCTIVE=1 on a physical camera): only the roles
// that must be refused send to them, never admin. Then the IP filter as a security
// boundary: from a refused source address nothing is served, not even a challenge,
// whatever the credentials.
import { beyondSpec, expect, spec, test, type Target } from '../../fixtures/index.ts';
import { skipBecause } from '../../fixtures/skip.ts';
import { Camera, type Transcript } from '../../lib/camera/index.ts';
import { ownAddressTowards } from '../ipfilter/own-address.ts';
import { destructiveEffect, isDestructiveCgi } from '../robustness/destructive-cgis.ts';
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

type Clients = Record<Who, Camera>;

/** Creates the matrix's viewer and operator users and runs `fn` with a client per role. */
async function withMatrixClients(camera: Camera, target: Target, transcript: Transcript, fn: (clients: Clients) => Promise<void>): Promise<void> {
  const clients: Clients = {
    anonymous: new Camera({ url: target.url, transcript }),
    viewer: camera.derive({ user: MATRIX_USERS.viewer.name, password: MATRIX_USERS.viewer.password }),
    operator: camera.derive({ user: MATRIX_USERS.operator.name, password: MATRIX_USERS.operator.password }),
    admin: camera,
  };
  try {
    await test.step(`create ${MATRIX_USERS.viewer.name} (viewer) and ${MATRIX_USERS.operator.name} (operator)`, async () => {
      for (const role of ['viewer', 'operator'] as const) await camera.users.add(MATRIX_USERS[role].name, MATRIX_USERS[role].password, { role });
    });
    await fn(clients);
  } finally {
    await clients.anonymous.close();
    await clients.viewer.close();
    await clients.operator.close();
  }
}

/** Sends `row` as `who`; returns the violation of the matrix, or undefined. */
async function check(clients: Clients, row: MatrixRow, who: Who): Promise<string | undefined> {
  const a = await send(clients[who], row.path, { method: row.method, query: row.query, body: row.body === undefined ? undefined : Buffer.from(row.body), contentType: row.contentType });
  const want = expected(row, who);
  const got = `HTTP ${a.status} ${a.text.split(/\r?\n/)[0].slice(0, 100)}`;
  const where = `${who} -> ${row.method} ${row.path}${row.query ? `?${row.query.slice(0, 60)}` : ''}`;
  if (a.status >= 500) return `${where}: server error, ${got}`;
  if (want === 'allowed' && (a.status === 401 || a.status === 403)) return `${where}: refused (${got}), but ${who} may call it`;
  if (want !== 'allowed' && a.status !== want) return `${where}: expected ${want}, got ${got}`;
  if (want === 401 && !/\b(Digest|Basic)\b/.test(header(a.headers, 'www-authenticate'))) return `${where}: 401 without a WWW-Authenticate challenge`;
  return undefined;
}

test.describe('roles', () => {
  test('every CGI x anonymous, viewer, operator and admin: allowed or refused as the role matrix says', spec('1.2', 'usrgrp.cgi', { severity: 'blocker', tags: ['@changes-config'] }), async ({ camera, target, transcript }) => {
    // @changes-config: the users made here are gone again after the test
    const listed = new Set(cgisOf(target).map((c) => c.path));
    const rows = ROLE_MATRIX.filter((r) => listed.has(r.path) && !isDestructiveCgi(r.path));
    console.log('security: destructive CGIs are checked by "a weaker role cannot call a destructive CGI" (@destructive), never as admin');
    const problems: string[] = [];
    await withMatrixClients(camera, target, transcript, async (clients) => {
      for (const row of rows) {
        await test.step(`${row.method} ${row.path}${row.query ? `?${row.query}` : ''}: ${row.role} and stronger (${row.why})`, async () => {
          for (const who of WHO) {
            const problem = await check(clients, row, who);
            if (problem) problems.push(problem);
          }
        });
      }
      await test.step('the system log names the new users, never their passwords', async () => {
        const log = (await camera.system.systemLog()).join('\n');
        for (const u of Object.values(MATRIX_USERS)) expect(log.includes(u.password), `the password of ${u.name} is in the system log`).toBe(false);
      });
    });
    expect(problems, 'role matrix violations').toEqual([]);
    expect(rows.length, 'matrix rows the camera lists').toBeGreaterThan(10);
  });

  test('a weaker role cannot call a destructive CGI (a camera failing this really performs the action)', spec('1.2', 'usrgrp.cgi', { severity: 'blocker', tags: ['@destructive', '@changes-config'] }), async ({ camera, target, transcript }) => {
    // The refusal is the only thing between the request and the action here: a camera that
    // fails a row really restarts, resets, flashes or erases. Hence @destructive (on a
    // physical camera only with HIL_DESTRUCTIVE=1), and the run stops at the first row a
    // camera fails.
    const listed = new Set(cgisOf(target).map((c) => c.path));
    const rows = ROLE_MATRIX.filter((r) => listed.has(r.path) && isDestructiveCgi(r.path));
    expect(rows.length, 'destructive CGIs the camera lists').toBeGreaterThan(0);
    await withMatrixClients(camera, target, transcript, async (clients) => {
      for (const row of rows) {
        const weaker = WHO.filter((w) => expected(row, w) !== 'allowed');
        test.info().annotations.push({ type: 'destructive', description: `${row.path}: a camera that lets ${weaker.join(' or ')} through really ${destructiveEffect(row.path)}` });
        await test.step(`${row.method} ${row.path}${row.query ? `?${row.query}` : ''}: ${weaker.join(', ')} refused; a camera failing this really ${destructiveEffect(row.path)} (admin not sent: it would perform it)`, async () => {
          const problems: string[] = [];
          for (const who of weaker) {
            const problem = await check(clients, row, who);
            if (problem) problems.push(problem);
          }
          expect(problems, `${row.path}: a weaker role got through (the camera may have performed it)`).toEqual([]);
        });
      }
    });
    expect((await camera.video.videoStatus())[0].camera, 'the camera is still up').toBe(1);
  });

  test('every CGI the virtual camera lists is in the role matrix', beyondSpec('role matrix of the CGIs', { tags: ['@virtual-only'] }), async ({ target }) => {
    // The virtual camera's own route table against the matrix.
    const inMatrix = new Set(ROLE_MATRIX.map((r) => r.path));
    const routes = cgisOf(target).map((c) => c.path);
    expect(routes.length, 'routes the virtual camera lists').toBeGreaterThan(20);
    expect(routes.filter((p) => !inMatrix.has(p)), 'routes without a row in tests/security/role-matrix.data.ts').toEqual([]);
  });

  test('from a refused source address nothing is served, not even a challenge', spec('6.1', 'ipfilter.cgi', { tags: ['@destructive', '@changes-config'] }), async ({ camera, target }) => {
    if (!target.secondSourceAddress) skipBecause('needs a second source address that reaches the camera: set HIL_SECOND_SOURCE=a.b.c.d or secondSourceAddress in lab.json');
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
      for (const row of ROLE_MATRIX.filter((r) => !isDestructiveCgi(r.path) && r.method === 'GET')) {
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
