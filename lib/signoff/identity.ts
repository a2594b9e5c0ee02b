// Who is under test: model and firmware name the report folder, the rest goes into the
// report's environment. Read from the camera itself before the run, like a lab would
// (read-identity.ts: kept apart, so the report paths, the options and every Playwright
// config that import this file do not load the camera client).

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
