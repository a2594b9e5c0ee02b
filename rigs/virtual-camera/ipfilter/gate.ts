// Enforcement of the IP filter (spec §6) on every connection's source address.
// The accept list lives in Network.Filter.Input.AcceptAddresses (space separated
// addresses or a.b.c.d/nn prefixes), switched by Network.Filter.Enabled.
import type { VirtualCameraState } from '../state.ts';

export function acceptList(cam: VirtualCameraState): string[] {
  return (cam.params.get('Network.Filter.Input.AcceptAddresses') ?? '').split(/\s+/).filter(Boolean);
}

export function filterEnabled(cam: VirtualCameraState): boolean {
  return cam.params.get('Network.Filter.Enabled') === 'yes';
}

export function addressAccepted(list: readonly string[], addr: string): boolean {
  return list.some((entry) => matches(entry, addr));
}

export function ipFilterAllows(cam: VirtualCameraState, addr: string): boolean {
  return !filterEnabled(cam) || addressAccepted(acceptList(cam), addr);
}

function matches(entry: string, addr: string): boolean {
  const [net, bitsText] = entry.split('/');
  if (bitsText === undefined) return net === addr;
  const bits = Number(bitsText);
  const a = toInt(addr);
  const n = toInt(net);
  if (a === undefined || n === undefined || !(bits >= 0 && bits <= 32)) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return ((a & mask) >>> 0) === ((n & mask) >>> 0);
}

function toInt(ip: string): number | undefined {
  const p = ip.split('.').map(Number);
  if (p.length !== 4 || p.some((x) => !Number.isInteger(x) || x < 0 || x > 255)) return undefined;
  return ((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0;
}
