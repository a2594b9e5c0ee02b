// Every CGI the virtual camera serves, by spec chapter. A chapter adds its list here.
import { configRoutes } from './general/config-cgi.ts';
import type { Route } from './http/route.ts';

export const ROUTES: readonly Route[] = [...configRoutes];
