// What an accept-list entry may be: an IPv4 address (192.0.2.7) or a prefix
// (192.0.2.0/24). A prefix with host bits set (192.0.2.7/24) is refused with the prefix
// it probably meant: accepting it silently would make the list say one thing and do another.
const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);

function ipv4ToInt(ip: string): number | undefined {
  if (!IPV4.test(ip)) return undefined;
  const p = ip.split('.').map(Number);
  return ((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0;
}

function intToIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

/** An error text naming what is wrong with an entry, or undefined when it is valid. */
export function checkFilterEntry(entry: string): string | undefined {
  const shown = entry.length > 40 ? `${entry.slice(0, 40)}...` : entry;
  const slash = entry.indexOf('/');
  const addr = slash < 0 ? entry : entry.slice(0, slash);
  const n = ipv4ToInt(addr);
  if (n === undefined) return `ip: "${shown}" is not an IPv4 address or a.b.c.d/nn prefix`;
  if (slash < 0) return undefined;
  const bitsText = entry.slice(slash + 1);
  if (!/^(3[0-2]|[12]?\d)$/.test(bitsText)) return `ip: "${shown}" has a prefix length that is not 0..32`;
  const bits = Number(bitsText);
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  const net = (n & mask) >>> 0;
  if (net !== n) return `ip: "${shown}" has host bits set; did you mean ${intToIpv4(net)}/${bits}?`;
  return undefined;
}
