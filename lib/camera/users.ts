// usrgrp.cgi (spec 1.2; VAPIX pwdgrp.cgi analog): action=add|update|remove|get with
// user, pwd, grp and sgrp=viewer[:operator[:admin]][:ptz]. The typed API takes a role
// and a ptz flag and builds sgrp itself, so the hierarchy (admin implies operator
// implies viewer) cannot be got wrong; tests of malformed sgrp use the client directly.
//
// The spec does not show get's answer, so the parser accepts the forms seen in the
// family and VAPIX, one entry per line:
//   root=admin:operator:viewer:ptz        user = its groups
//   root:admin:operator:viewer            user, then its groups, all ':'-separated
//   admin="root,alice"                    group = its users (VAPIX pwdgrp list form)
// Group lists may be separated by ':', ',' or spaces, and quoted.

import type { CameraClient } from './http.ts';
import { expectNoError, parseReply } from './reply.ts';

export type Role = 'viewer' | 'operator' | 'admin';

export interface UserEntry {
  name: string;
  /** Groups as the camera listed them, lower-cased. */
  groups: string[];
  /** Highest of admin > operator > viewer, if any. */
  role: Role | undefined;
  ptz: boolean;
}

export interface UserSpec {
  role: Role;
  ptz?: boolean;
  /** Primary group (`grp`); VAPIX uses `users`. */
  group?: string;
}

const PATH = '/usrgrp.cgi';
const ROLE_ORDER: Role[] = ['viewer', 'operator', 'admin'];
const KNOWN_GROUPS = new Set(['admin', 'operator', 'viewer', 'ptz', 'users']);

/** sgrp for a role: `viewer`, `viewer:operator`, `viewer:operator:admin`, plus `:ptz`. */
export function secondaryGroups(role: Role, ptz = false): string {
  const i = ROLE_ORDER.indexOf(role);
  if (i < 0) throw new Error(`unknown role ${JSON.stringify(role)} (viewer, operator or admin)`);
  return [...ROLE_ORDER.slice(0, i + 1), ...(ptz ? ['ptz'] : [])].join(':');
}

function roleOf(groups: readonly string[]): Role | undefined {
  return [...ROLE_ORDER].reverse().find((r) => groups.includes(r));
}

function splitList(value: string): string[] {
  return value
    .replace(/^\s*"(.*)"\s*$/, '$1')
    .split(/[:,\s]+/)
    .map((g) => g.trim().toLowerCase())
    .filter((g) => g !== '');
}

function checkName(what: string, v: string): void {
  if (v === '' || /[\s:,=&"]/.test(v)) throw new Error(`${what} ${JSON.stringify(v)} is empty or contains a separator`);
}

/** Parses get's answer (see the header comment for the forms). Throws on lines it cannot read. */
export function parseUserList(text: string): UserEntry[] {
  const byUser = new Map<string, Set<string>>();
  const addTo = (user: string, groups: string[]): void => {
    const set = byUser.get(user) ?? new Set<string>();
    groups.forEach((g) => set.add(g));
    byUser.set(user, set);
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const colon = line.indexOf(':');
    let key: string;
    let rest: string;
    if (eq > 0 && (colon < 0 || eq < colon)) [key, rest] = [line.slice(0, eq).trim(), line.slice(eq + 1)];
    else if (colon > 0) [key, rest] = [line.slice(0, colon).trim(), line.slice(colon + 1)];
    else throw new Error(`user list line not understood: ${JSON.stringify(line.slice(0, 120))}`);
    const items = splitList(rest);
    const quoted = /^\s*"/.test(rest);
    const itemsAreGroups = items.every((i) => KNOWN_GROUPS.has(i));
    if (KNOWN_GROUPS.has(key.toLowerCase()) && (quoted || !itemsAreGroups) && eq > 0) {
      // group="user1,user2": invert into users.
      for (const user of rest.replace(/^\s*"(.*)"\s*$/, '$1').split(/[,\s]+/).filter(Boolean)) addTo(user, [key.toLowerCase()]);
    } else {
      addTo(key, items);
    }
  }
  return [...byUser].map(([name, set]) => {
    const groups = [...set];
    return { name, groups, role: roleOf(groups), ptz: groups.includes('ptz') };
  });
}

export class Users {
  constructor(private readonly client: CameraClient) {}

  async add(user: string, password: string, spec: UserSpec): Promise<void> {
    checkName('user name', user);
    this.client.addSecret(password);
    const res = await this.client.get(PATH, {
      action: 'add',
      user,
      pwd: password,
      grp: spec.group ?? 'users',
      sgrp: secondaryGroups(spec.role, spec.ptz),
    });
    expectNoError(res); // §1.2 shows no answer: success is a 2xx without `# Error:`
  }

  /** Changes a user's password and/or role; give at least one. */
  async update(user: string, change: { password?: string; role?: Role; ptz?: boolean; group?: string }): Promise<void> {
    checkName('user name', user);
    if (change.password === undefined && change.role === undefined && change.group === undefined) {
      throw new Error('users update: give a password, a role or a group');
    }
    if (change.ptz !== undefined && change.role === undefined) throw new Error('users update: ptz needs the role too (sgrp carries both)');
    this.client.addSecret(change.password);
    const res = await this.client.get(PATH, {
      action: 'update',
      user,
      pwd: change.password,
      grp: change.group,
      sgrp: change.role !== undefined ? secondaryGroups(change.role, change.ptz) : undefined,
    });
    expectNoError(res); // §1.2 shows no answer: success is a 2xx without `# Error:`
  }

  async remove(user: string): Promise<void> {
    checkName('user name', user);
    expectNoError(await this.client.get(PATH, { action: 'remove', user }));
  }

  /** All users (or one): see parseUserList for the accepted answer forms. */
  async get(user?: string): Promise<UserEntry[]> {
    if (user !== undefined) checkName('user name', user);
    const res = await this.client.get(PATH, { action: 'get', user });
    return parseReply(res, parseUserList);
  }

  /** One user's entry, or undefined when the camera does not list it. */
  async find(user: string): Promise<UserEntry | undefined> {
    checkName('user name', user);
    return (await this.get()).find((u) => u.name === user);
  }
}
