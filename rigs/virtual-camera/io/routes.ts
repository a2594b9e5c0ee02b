// The I/O chapter's CGIs (spec §5): viewers read inputs, operators drive outputs.
import type { Route } from '../http/route.ts';
import { inputCgiRoute } from './input-cgi.ts';
import { outputCgiRoute, portCgiRoute } from './output-cgi.ts';

export const ioRoutes: readonly Route[] = [portCgiRoute, inputCgiRoute, outputCgiRoute];
