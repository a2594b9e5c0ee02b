// The camera's own web pages (outside the spec's CGIs): the live view.
import type { Route } from '../http/route.ts';
import { liveViewRoute } from './live-view.ts';

export const webRoutes: Route[] = [liveViewRoute];
