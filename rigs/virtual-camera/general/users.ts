// The camera's user database (usrgrp.cgi). Groups follow the family: viewer, operator,
// admin, plus the ptz flag. A user's role is its strongest group.
import { CgiError } from '../http/cgi-error.ts';
import type { Role } from '../roles.ts';

export type Group = Role | 'ptz';
const GROUPS: readonly Group[] = ['viewer', 'operator', 'admin', 'ptz'];

export interface User {
  name: string;
  password: string;
  groups: Set<Group>;
}

const NAME = /^[A-Za-z0-9_.-]{1,14}$/;
const PASSWORD = /^[\x21-\x7e]{1,64}$/;

export class UserDb {
  private readonly users = new Map<string, User>();

  constructor(readonly rootName: string, rootPassword: string) {
    this.users.set(rootName, { name: rootName, password: rootPassword, groups: new Set(['viewer', 'operator', 'admin', 'ptz']) });
  }

  get(name: string): User | undefined {
    return this.users.get(name);
  }

  all(): User[] {
    return [...this.users.values()];
  }

  static roleOf(u: User): Role {
    return u.groups.has('admin') ? 'admin' : u.groups.has('operator') ? 'operator' : 'viewer';
  }

  /** `sgrp=viewer:operator:ptz` → a checked group set. */
  static parseGroups(sgrp: string): Set<Group> {
    const parts = sgrp.split(':').filter(Boolean);
    if (parts.length === 0) throw new CgiError('sgrp must name at least one group (viewer, operator, admin, ptz)');
    for (const p of parts) if (!GROUPS.includes(p as Group)) throw new CgiError(`sgrp: unknown group "${p}" (known: ${GROUPS.join(', ')})`);
    const set = new Set(parts as Group[]);
    // A stronger group implies the weaker ones, as on the camera.
    if (set.has('admin')) set.add('operator');
    if (set.has('operator')) set.add('viewer');
    if (!set.has('viewer')) throw new CgiError('sgrp must include viewer, operator or admin');
    return set;
  }

  add(name: string, password: string, groups: Set<Group>): void {
    if (!NAME.test(name)) throw new CgiError(`user name "${name.slice(0, 40)}" must be 1-14 characters of A-Z a-z 0-9 _ . -`);
    if (!PASSWORD.test(password)) throw new CgiError('pwd must be 1-64 printable characters without spaces');
    if (this.users.has(name)) throw new CgiError(`user ${name} already exists`);
    if (this.users.size >= 100) throw new CgiError('the camera holds at most 100 users');
    this.users.set(name, { name, password, groups });
  }

  update(name: string, password: string | undefined, groups: Set<Group> | undefined): void {
    const u = this.users.get(name);
    if (!u) throw new CgiError(`no user named ${name.slice(0, 40)}`);
    if (password !== undefined && !PASSWORD.test(password)) throw new CgiError('pwd must be 1-64 printable characters without spaces');
    if (name === this.rootName && groups && !groups.has('admin')) throw new CgiError(`${name} must stay in group admin`);
    if (password !== undefined) u.password = password;
    if (groups) u.groups = groups;
  }

  remove(name: string): void {
    if (name === this.rootName) throw new CgiError(`${name} cannot be removed`);
    if (!this.users.delete(name)) throw new CgiError(`no user named ${name.slice(0, 40)}`);
  }

  /** For backup: every user with its password (the backup file is admin-only and checksummed). */
  export(): { name: string; password: string; groups: Group[] }[] {
    return this.all().map((u) => ({ name: u.name, password: u.password, groups: [...u.groups] }));
  }

  /** Replaces every user; the root user must be among them. Validates first. */
  import(list: { name: string; password: string; groups: string[] }[]): void {
    if (!Array.isArray(list) || !list.some((u) => u?.name === this.rootName)) throw new CgiError(`backup has no ${this.rootName} user`);
    const next = new Map<string, User>();
    for (const u of list) {
      if (typeof u?.name !== 'string' || !NAME.test(u.name) || typeof u.password !== 'string' || !Array.isArray(u.groups))
        throw new CgiError('backup holds a malformed user entry');
      next.set(u.name, { name: u.name, password: u.password, groups: UserDb.parseGroups(u.groups.join(':')) });
    }
    this.users.clear();
    for (const [k, v] of next) this.users.set(k, v);
  }

  /** Factory state: only root, with the password it was started with. */
  reset(rootPassword: string): void {
    this.users.clear();
    this.users.set(this.rootName, { name: this.rootName, password: rootPassword, groups: new Set(['viewer', 'operator', 'admin', 'ptz']) });
  }
}
