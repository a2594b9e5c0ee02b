// Every CGI the virtual camera serves, by spec chapter. A chapter adds its list here.
import { configRoutes } from './general/config-cgi.ts';
import { generalRoutes } from './general/routes.ts';
import type { Route } from './http/route.ts';
import { ipfilterRoutes } from './ipfilter/ipfilter-cgi.ts';
import { storageRoutes } from './storage/routes.ts';

export const ROUTES: readonly Route[] = [...configRoutes, ...generalRoutes, ...ipfilterRoutes, ...storageRoutes];
