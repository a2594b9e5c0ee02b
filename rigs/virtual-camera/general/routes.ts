// The general chapter's CGIs (spec §1) besides config.cgi and setosd.cgi, which have
// their own owners and are registered beside these in ../routes.ts.
import type { Route } from '../http/route.ts';
import { backupRoutes } from './backup-cgi.ts';
import { factoryRoutes } from './factory-cgi.ts';
import { firmwareRoutes } from './firmware-cgi.ts';
import { rebootRoutes } from './reboot-cgi.ts';
import { systemLogRoutes } from './systemlog-cgi.ts';
import { timeRoutes } from './time-cgi.ts';
import { usrgrpRoutes } from './usrgrp-cgi.ts';

export const generalRoutes: Route[] = [
  ...usrgrpRoutes,
  ...factoryRoutes,
  ...backupRoutes,
  ...firmwareRoutes,
  ...rebootRoutes,
  ...systemLogRoutes,
  ...timeRoutes,
];
