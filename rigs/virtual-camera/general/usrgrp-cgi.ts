// usrgrp.cgi (spec §1.2, VAPIX analog): action=add|update|remove|get with user, pwd,
// grp (the primary group: only `users` exists) and sgrp=viewer[:operator[:admin]][:ptz].
// get lists `<user>=<groups>` lines, strongest group first, never a password; the
// system log names users and groups, never passwords.
import type { ServerResponse } from 'node:http';
import { onlyKnown, required, single } from '../http/query.ts';
import { sendOk, sendText } from '../http/reply.ts';
import { CgiError, type CgiRequest, type Route } from '../http/route.ts';
import type { VirtualCameraState } from '../state.ts';
import { UserDb, type Group, type User } from './users.ts';

const ORDER: readonly Group[] = ['admin', 'operator', 'viewer', 'ptz'];

function groupsText(groups: ReadonlySet<Group>): string {
  return ORDER.filter((g) => groups.has(g)).join(':');
}

function userLine(u: User): string {
  return `${u.name}=${groupsText(u.groups)}\r\n`;
}

function checkGrp(q: URLSearchParams): void {
  const grp = single(q, 'grp');
  if (grp !== undefined && grp !== 'users') throw new CgiError(`grp: unknown primary group "${grp.slice(0, 40)}" (only users)`);
}

function usrgrp(req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): void {
  const q = req.query;
  const action = single(q, 'action');
  const by = `by ${req.user.name}`;
  switch (action) {
    case 'get': {
      onlyKnown(q, ['action', 'user']);
      const name = single(q, 'user');
      if (name === undefined) return sendText(res, cam.users.all().map(userLine).join(''));
      const u = cam.users.get(name);
      if (!u) throw new CgiError(`no user named ${name.slice(0, 40)}`);
      return sendText(res, userLine(u));
    }
    case 'add': {
      onlyKnown(q, ['action', 'user', 'pwd', 'grp', 'sgrp']);
      const name = required(q, 'user');
      const pwd = required(q, 'pwd');
      checkGrp(q);
      const groups = UserDb.parseGroups(required(q, 'sgrp'));
      cam.users.add(name, pwd, groups);
      cam.log.add('users', `user ${name} added (${groupsText(groups)}) ${by}`);
      return sendOk(res);
    }
    case 'update': {
      onlyKnown(q, ['action', 'user', 'pwd', 'grp', 'sgrp']);
      const name = required(q, 'user');
      const pwd = single(q, 'pwd');
      const sgrp = single(q, 'sgrp');
      checkGrp(q);
      if (pwd === undefined && sgrp === undefined) throw new CgiError('update needs pwd= or sgrp=');
      const groups = sgrp === undefined ? undefined : UserDb.parseGroups(sgrp);
      cam.users.update(name, pwd, groups);
      const what = [pwd !== undefined ? 'password changed' : '', groups ? `groups ${groupsText(groups)}` : ''].filter(Boolean).join(', ');
      cam.log.add('users', `user ${name} updated (${what}) ${by}`);
      return sendOk(res);
    }
    case 'remove': {
      onlyKnown(q, ['action', 'user']);
      const name = required(q, 'user');
      cam.users.remove(name);
      cam.log.add('users', `user ${name} removed ${by}`);
      return sendOk(res);
    }
    case undefined:
      throw new CgiError('missing parameter action (add, update, remove or get)');
    default:
      throw new CgiError(`unknown action "${action.slice(0, 40)}" (add, update, remove or get)`);
  }
}

export const usrgrpRoutes: Route[] = [{ path: '/usrgrp.cgi', role: 'admin', summary: 'add/update/remove/get users and their groups', handle: usrgrp }];
