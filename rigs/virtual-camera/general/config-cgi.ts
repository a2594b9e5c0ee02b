// config.cgi (spec §1.1, §4): list / update / add / remove parameters.
// Operators may touch only the Motion group (motion configuration); admins everything.
// With the `lenient` dialect, list and remove ignore keys they do not take; update and
// add still refuse unknown names: there every other key is a parameter value to write.
import type { ServerResponse } from 'node:http';
import { isLenient, single } from '../http/query.ts';
import { sendText } from '../http/reply.ts';
import { CgiError, type CgiRequest, type Route } from '../http/route.ts';
import { acceptList, addressAccepted, filterEnabled } from '../ipfilter/gate.ts';
import type { VirtualCameraState } from '../state.ts';

/** `group=A,B` and the spec's `group=Motion.M3,group=Motion.M5` both give [A, B]. */
function groupsOf(q: URLSearchParams): string[] {
  return q
    .getAll('group')
    .flatMap((v) => v.split(','))
    .map((g) => g.trim().replace(/^group=/, ''))
    .filter((g) => g !== '');
}

const operatorMay = (name: string) => name === 'Motion' || name.startsWith('Motion.');

function handle(req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): void {
  const q = req.query;
  const action = single(q, 'action');
  const admin = req.user.role === 'admin';
  const others = [...q.entries()].filter(([k]) => k !== 'action' && k !== 'group' && k !== 'template');
  const by = `by ${req.user.name}`;
  switch (action) {
    case 'list': {
      if (others.length && !isLenient(q)) throw new CgiError(`list takes only group=, not ${others[0][0].slice(0, 60)}`);
      const groups = groupsOf(q);
      if (!admin && (groups.length === 0 || !groups.every(operatorMay))) throw new CgiError(`user ${req.user.name} may list only the Motion group`, 403);
      const lines = cam.params.list(groups).map(([n, v]) => `${n}=${v}\n`);
      return sendText(res, lines.join(''));
    }
    case 'update': {
      if (q.has('group') || q.has('template')) throw new CgiError('update takes <parameter>=<value> pairs, not group= or template=');
      refuseLockOut(others, req.remoteAddress, cam);
      const changed = cam.params.update(others, admin ? undefined : operatorMay);
      if (changed.length) cam.log.add('config', `updated ${changed.join(', ')} ${by}`);
      cam.changed(changed);
      return sendText(res, 'OK\r\n');
    }
    case 'add': {
      const [group, ...extra] = groupsOf(q);
      if (!group || extra.length) throw new CgiError('add needs exactly one group=<group>');
      const template = single(q, 'template');
      if (!template) throw new CgiError('add needs template=<template>');
      if (!admin && !operatorMay(group)) throw new CgiError(`user ${req.user.name} may add only to the Motion group`, 403);
      const entry = cam.params.add(group, template, others);
      cam.log.add('config', `added ${group}.${entry} from template ${template} ${by}`);
      cam.changed(cam.params.list([`${group}.${entry}`]).map(([n]) => n));
      return sendText(res, `${entry} OK\r\n`);
    }
    case 'remove': {
      if ((others.length && !isLenient(q)) || q.has('template')) throw new CgiError('remove takes only group=<group>[,<group>...]');
      const groups = groupsOf(q);
      if (!admin && !groups.every(operatorMay)) throw new CgiError(`user ${req.user.name} may remove only Motion windows`, 403);
      const removed = cam.params.remove(groups);
      cam.log.add('config', `removed ${groups.join(', ')} ${by}`);
      cam.changed(removed);
      return sendText(res, 'OK\r\n');
    }
    case undefined:
      throw new CgiError('missing parameter action (list, update, add or remove)');
    default:
      throw new CgiError(`unknown action "${action.slice(0, 40)}" (list, update, add or remove)`);
  }
}

/**
 * The IP filter's parameters can be written here too; the same lock-out protection as
 * ipfilter.cgi applies: a change that would refuse the requesting client is refused.
 */
function refuseLockOut(pairs: [string, string][], remote: string, cam: VirtualCameraState): void {
  if (!pairs.some(([n]) => n.startsWith('Network.Filter.'))) return;
  const next = new Map(pairs);
  const enabled = (next.get('Network.Filter.Enabled') ?? (filterEnabled(cam) ? 'yes' : 'no')) === 'yes';
  const list = next.has('Network.Filter.Input.AcceptAddresses')
    ? next.get('Network.Filter.Input.AcceptAddresses')!.split(/\s+/).filter(Boolean)
    : acceptList(cam);
  if (enabled && !addressAccepted(list, remote))
    throw new CgiError(`this change would lock out your own address ${remote}; add it to Network.Filter.Input.AcceptAddresses first`);
}

export const configRoutes: Route[] = [
  { path: '/config.cgi', role: 'operator', summary: 'list/update/add/remove parameters (operator: Motion group only)', handle },
];
