// Spec chapter 7 (audio) plus the virtual camera's test hook for what the speaker played.
import type { Route } from '../http/route.ts';
import { fromServerRoute } from './fromserver.ts';
import { playedRoute } from './played.ts';
import { toServerRoute } from './toserver.ts';

export const audioRoutes: Route[] = [fromServerRoute, toServerRoute, playedRoute];
