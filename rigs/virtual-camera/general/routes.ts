// The general chapter's CGIs (spec §1) besides config.cgi, registered beside these in
// ../routes.ts, and setosd.cgi, registered with the video chapter (video/routes.ts)
// because what it changes is the picture.
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
