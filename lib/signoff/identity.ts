// Who is under test: model and firmware name the report folder, the rest goes into the
// report's environment. Read from the camera itself before the run, like a lab would.
// lib/signoff may use lib/camera (the harness's client); it never imports rigs/ or tests/.

import { CameraClient } from '../camera/http.ts';
import { Config } from '../camera/config.ts';

export interface Identity {
  model: string;
  fullName?: string;
  firmware: string;
  buildDate?: string;
  hostName?: string;
  serial?: string;
}

export interface CameraTarget {
  url: string;
  user: string;
  password: string;
}

export function identityFromParams(p: ReadonlyMap<string, string>, source: string): Identity {
  const model = p.get('Brand.ProdNbr');
  const firmware = p.get('Properties.Firmware.Version');
  const missing = [!model && 'Brand.ProdNbr', !firmware && 'Properties.Firmware.Version'].filter(Boolean);
  if (missing.length) throw new Error(`${source} did not list ${missing.join(' and ')}: cannot name the report folder`);
  return {
    model: model!,
    fullName: p.get('Brand.ProdFullName'),
    firmware: firmware!,
    buildDate: p.get('Properties.Firmware.BuildDate'),
    hostName: p.get('Network.HostName'),
    serial: p.get('Properties.System.SerialNumber'),
  };
}

/**
 * Reads the identity over HTTP with the harness's camera client. Brand and firmware are
 * required; host name and serial are asked for one by one because a camera refuses a whole
 * list naming one parameter it does not have, and their absence must not stop a sign-off.
 */
export async function readIdentity(target: CameraTarget): Promise<Identity> {
  const client = new CameraClient({ url: target.url, user: target.user, password: target.password });
  try {
    const config = new Config(client);
    const params = new Map(await config.list(['Brand', 'Properties.Firmware']));
    for (const name of ['Network.HostName', 'Properties.System.SerialNumber']) {
      // Optional: a camera may not list it, or refuse it as unknown; anything else (no
      // answer, a broken one, 401/5xx) is not "absent" and is thrown.
      const found = await config.lookup(name);
      if (found.status === 'listed') params.set(name, found.value);
    }
    return identityFromParams(params, `config.cgi at ${client.url}`);
  } finally {
    await client.close();
  }
}

/** The URL with any user info removed: what reports may show. */
export function publicUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//');
  }
}

/** A path segment safe on every OS, keeping the value recognisable (`V5.0.1.3714`). */
export function safeSegment(s: string): string {
  const out = s.trim().replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_');
  return out || '_';
}
