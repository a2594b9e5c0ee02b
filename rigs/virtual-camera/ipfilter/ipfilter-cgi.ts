// ipfilter.cgi (spec §6): action=add|remove|removeall|update|list, ip=<a.b.c.d or
// a.b.c.d/nn>, enabled=yes|no (update, which may also replace the list with
// ip=<a,b,...>). The filter lives in Network.Filter.Enabled and
// Network.Filter.Input.AcceptAddresses (space separated), so backup, restore and factory
// default cover it; gate.ts enforces it on every request's source address.
//
// Lock-out protection: a change that would leave the filter enabled without accepting
// the address the request came from (enabling it, removing an address, removeall) is
// refused with `# Error: this change would lock out your own address A; add it first`.
// An admin can still lock out *other* addresses; config.cgi writes the parameters
// directly and is not guarded (it is the expert's way, as on the real camera).
import type { ServerResponse } from 'node:http';
import { onlyKnown, required, single } from '../http/query.ts';
import { sendOk, sendText } from '../http/reply.ts';
import { CgiError, type CgiRequest, type Route } from '../http/route.ts';
import { hasDialect } from '../dialects.ts';
import type { VirtualCameraState } from '../state.ts';
import { checkFilterEntry } from './address.ts';
import { acceptList, addressAccepted, filterEnabled } from './gate.ts';

const MAX_ENTRIES = 64;
const ADDRESSES = 'Network.Filter.Input.AcceptAddresses';
const ENABLED = 'Network.Filter.Enabled';

function ipOf(q: URLSearchParams): string {
  const ip = required(q, 'ip').trim();
  const bad = checkFilterEntry(ip);
  if (bad) throw new CgiError(bad);
  return ip;
}

function listOf(text: string): string[] {
  const entries = text.split(/[\s,]+/).filter(Boolean);
  for (const ip of entries) {
    const bad = checkFilterEntry(ip);
    if (bad) throw new CgiError(bad);
  }
  const dup = entries.find((ip, i) => entries.indexOf(ip) !== i);
  if (dup) throw new CgiError(`ip: ${dup} is given twice`);
  if (entries.length > MAX_ENTRIES) throw new CgiError(`the accept list holds at most ${MAX_ENTRIES} entries`);
  return entries;
}

/** The filter as the request would leave it, or a CgiError; nothing is applied here. */
export function nextFilter(q: URLSearchParams, list: readonly string[], enabled: boolean): { list: string[]; enabled: boolean; what: string } {
  const action = single(q, 'action');
  switch (action) {
    case 'add': {
      onlyKnown(q, ['action', 'ip']);
      const ip = ipOf(q);
      if (list.includes(ip)) throw new CgiError(`${ip} is already in the accept list`);
      if (list.length >= MAX_ENTRIES) throw new CgiError(`the accept list holds at most ${MAX_ENTRIES} entries`);
      return { list: [...list, ip], enabled, what: `added ${ip} to` };
    }
    case 'remove': {
      onlyKnown(q, ['action', 'ip']);
      const ip = ipOf(q);
      if (!list.includes(ip)) throw new CgiError(`${ip} is not in the accept list`);
      return { list: list.filter((x) => x !== ip), enabled, what: `removed ${ip} from` };
    }
    case 'removeall':
      onlyKnown(q, ['action']);
      return { list: [], enabled, what: 'emptied' };
    case 'update': {
      // enabled=yes|no and/or ip=<list> (comma or space separated) replacing the list.
      onlyKnown(q, ['action', 'enabled', 'ip']);
      const e = single(q, 'enabled');
      const ips = single(q, 'ip');
      if (e === undefined && ips === undefined) throw new CgiError('update needs enabled=yes|no and/or ip=<addresses>');
      if (e !== undefined && e !== 'yes' && e !== 'no') throw new CgiError(`enabled: "${e.slice(0, 40)}" is not yes or no`);
      const next = ips === undefined ? [...list] : listOf(ips);
      const on = e === undefined ? enabled : e === 'yes';
      const what = [ips !== undefined ? 'replaced the accept list of' : '', e !== undefined ? (on ? 'enabled' : 'disabled') : ''].filter(Boolean).join(' and ');
      return { list: next, enabled: on, what };
    }
    case undefined:
      throw new CgiError('missing parameter action (add, remove, removeall, update or list)');
    default:
      throw new CgiError(`unknown action "${action.slice(0, 40)}" (add, remove, removeall, update or list)`);
  }
}

/** The list answer; the spec does not say how addresses are separated: ours space, `comma-list` a comma. */
export function listText(list: readonly string[], enabled: boolean, separator = ' '): string {
  return `Accept addresses: ${list.join(separator)}\r\nEnabled: ${enabled ? 'yes' : 'no'}\r\n`;
}

function ipfilter(req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): void {
  const list = acceptList(cam);
  const enabled = filterEnabled(cam);
  if (single(req.query, 'action') === 'list') {
    onlyKnown(req.query, ['action']);
    return sendText(res, listText(list, enabled, hasDialect(cam, 'comma-list') ? ',' : ' '));
  }
  const next = nextFilter(req.query, list, enabled);
  if (next.enabled && !addressAccepted(next.list, req.remoteAddress))
    throw new CgiError(`this change would lock out your own address ${req.remoteAddress}; add it first`);
  const changed = cam.params.update([
    [ADDRESSES, next.list.join(' ')],
    [ENABLED, next.enabled ? 'yes' : 'no'],
  ]);
  cam.log.add('ipfilter', `${next.what} the IP filter by ${req.user.name} (accept: ${next.list.join(' ') || 'none'}; enabled: ${next.enabled ? 'yes' : 'no'})`);
  cam.changed(changed);
  sendOk(res);
}

export const ipfilterRoutes: Route[] = [
  { path: '/ipfilter.cgi', role: 'admin', summary: 'IP filter: add/remove/removeall/update/list accepted source addresses', handle: ipfilter },
];
