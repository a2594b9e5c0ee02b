// Which CGIs a robustness suite drives on the target: every route the virtual camera
// lists (its own route table), or the spec's CGIs on a physical camera (which lists
// nothing). Destructive CGIs are left out on a physical camera unless HIL_DESTRUCTIVE=1.
import type { Target } from '../../fixtures/index.ts';
import { catalogEntry, SPEC_CGIS, type CgiEntry } from './cgi-catalog.ts';

export interface TargetCgi {
  path: string;
  /** Its catalog entry; undefined for a route the catalog does not know (junk tests only). */
  entry?: CgiEntry;
  /** POST-only routes get their junk as POSTs. */
  method: 'GET' | 'POST';
}

export function cgisOf(target: Target): TargetCgi[] {
  if (target.virtual) {
    return target.virtual.http.routeList.map((r) => {
      const entry = catalogEntry(r.path);
      const method = entry?.method ?? ((r.methods ?? ['GET']).includes('GET') ? 'GET' : 'POST');
      return { path: r.path, entry, method };
    });
  }
  return SPEC_CGIS.map((path) => ({ path, entry: catalogEntry(path), method: catalogEntry(path)!.method }));
}

/** Why a CGI is left out on this target, or undefined when it may be driven. */
export function leftOut(c: TargetCgi, target: Target): string | undefined {
  if (c.entry?.destructive && !target.destructiveAllowed) return `${c.path} restarts or erases the camera if it wrongly accepts a request: set HIL_DESTRUCTIVE=1 to include it`;
  return undefined;
}
