// The storage chapter's CGIs (spec §8). On a model without a micro SD socket each
// answers 404 `# Error: this camera has no SD card`.
import type { Route } from '../http/route.ts';
import { diskRoutes } from './disk-cgi.ts';
import { listRoutes } from './list-cgi.ts';
import { removeRoutes } from './remove-cgi.ts';

export const storageRoutes: Route[] = [...listRoutes, ...diskRoutes, ...removeRoutes];
