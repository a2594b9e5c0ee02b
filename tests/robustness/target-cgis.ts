// Which CGIs a robustness suite drives on the target: every route the virtual camera
// lists (its own route table), or the spec's CGIs on a physical camera (which lists
// nothing). Junk, bad input and fuzz go only to probeable ones: never to a destructive
// CGI (destructive-cgis.ts), on any target, whatever HIL_DESTRUCTIVE says.
import type { Target } from '../../fixtures/index.ts';
import { catalogEntry, SPEC_CGIS, type CgiEntry } from './cgi-catalog.ts';
import { isDestructiveCgi, notProbedBecause } from './destructive-cgis.ts';

export interface TargetCgi {
  path: string;
  /** Its catalog entry; undefined for a route the catalog does not know (junk tests only). */
  entry?: CgiEntry;
  /** POST-only routes get their junk as POSTs. */
  method: 'GET' | 'POST';
}

/** Only what cgisOf reads of a target (a unit test passes a bare virtual camera). */
export type CgiSource = Pick<Target, 'virtual'>;

/** Every CGI the target lists, destructive ones included (role checks, catalogue coverage). */
export function cgisOf(target: CgiSource): TargetCgi[] {
  if (target.virtual) {
    return target.virtual.http.routeList.map((r) => {
      const entry = catalogEntry(r.path);
      const method = entry?.method ?? ((r.methods ?? ['GET']).includes('GET') ? 'GET' : 'POST');
      return { path: r.path, entry, method };
    });
  }
  return SPEC_CGIS.map((path) => ({ path, entry: catalogEntry(path), method: catalogEntry(path)!.method }));
}

/** The CGIs junk and bad input may go to, and why each of the others is left out. */
export function probeableCgis(target: CgiSource): { cgis: TargetCgi[]; leftOut: string[] } {
  const all = cgisOf(target);
  return {
    cgis: all.filter((c) => !isDestructiveCgi(c.path)),
    leftOut: all.filter((c) => isDestructiveCgi(c.path)).map((c) => notProbedBecause(c.path)),
  };
}
