#!/usr/bin/env node
// Installed as `camera-hil-relay` (package.json bin): see camera-hil.mjs.
import { run } from './camera-hil.mjs';

await run('camera-hil-relay');
