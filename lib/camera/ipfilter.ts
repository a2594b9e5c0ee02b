// IP filter (spec chapter 6): ipfilter.cgi action=add|remove|removeall|update|list with
// ip= and enabled=yes|no. Success is `OK`; list answers
//   Accept addresses: <IP addresses>
//   Enabled: <yes/no>
// The spec does not say how addresses are separated: spaces, commas and semicolons are
// all accepted, and an empty list (or `none`) means no address.

import { isIP } from 'node:net';
import type { CameraClient } from './http.ts';
import { yesNo } from './params.ts';
import { expectOk, parseReply } from './reply.ts';

export interface IpFilterState {
  addresses: string[];
  enabled: boolean;
}

const PATH = '/ipfilter.cgi';

/** An IPv4/IPv6 address, optionally with a /prefix. */
export function checkAddress(ip: string): string {
  const [addr, prefix, extra] = ip.split('/');
  const family = isIP(addr ?? '');
  const maxPrefix = family === 4 ? 32 : 128;
  const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix);
  if (family === 0 || !prefixOk || extra !== undefined) throw new Error(`not an IP address: ${JSON.stringify(ip)}`);
  return ip;
}

export function parseIpFilterList(text: string): IpFilterState {
  let addresses: string[] | undefined;
  let enabled: boolean | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const m = /^([A-Za-z ]+?)\s*:\s*(.*)$/.exec(line);
    const key = m?.[1].toLowerCase();
    if (key === 'accept addresses') {
      const list = m![2].split(/[\s,;]+/).filter((a) => a !== '' && a.toLowerCase() !== 'none');
      list.forEach(checkAddress);
      addresses = list;
    } else if (key === 'enabled') {
      enabled = yesNo(m![2]);
      if (enabled === undefined) throw new Error(`"Enabled:" is neither yes nor no: ${JSON.stringify(m![2])}`);
    } else {
      throw new Error(`IP filter list line not understood: ${JSON.stringify(line.slice(0, 80))}`);
    }
  }
  if (addresses === undefined) throw new Error('IP filter list lacks the "Accept addresses:" line');
  if (enabled === undefined) throw new Error('IP filter list lacks the "Enabled:" line');
  return { addresses, enabled };
}

export class IpFilter {
  constructor(private readonly client: CameraClient) {}

  async add(ip: string): Promise<void> {
    expectOk(await this.client.get(PATH, { action: 'add', ip: checkAddress(ip) }));
  }

  async remove(ip: string): Promise<void> {
    expectOk(await this.client.get(PATH, { action: 'remove', ip: checkAddress(ip) }));
  }

  async removeAll(): Promise<void> {
    expectOk(await this.client.get(PATH, { action: 'removeall' }));
  }

  /** Turns the filter on/off and/or replaces the address list (comma-joined `ip=`). */
  async update(change: { enabled?: boolean; addresses?: readonly string[] }): Promise<void> {
    if (change.enabled === undefined && change.addresses === undefined) throw new Error('IP filter update: give enabled or addresses');
    expectOk(
      await this.client.get(PATH, {
        action: 'update',
        ip: change.addresses?.map(checkAddress).join(','),
        enabled: change.enabled,
      }),
    );
  }

  setEnabled(enabled: boolean): Promise<void> {
    return this.update({ enabled });
  }

  async list(): Promise<IpFilterState> {
    return parseReply(await this.client.get(PATH, { action: 'list' }), parseIpFilterList);
  }
}
