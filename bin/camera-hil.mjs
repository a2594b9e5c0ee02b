// The installable commands (package.json `bin`): each is this file under another name, and
// runs the TypeScript entry point it names through tsx (a dependency), so an installed
// package needs no build step. camera-hil-emulator → the virtual camera's CLI,
// camera-hil-relay → the relay CLI, camera-hil-signoff → the sign-off (`npm start`).
import { basename } from 'node:path';
import { register } from 'tsx/esm/api';

const ENTRY = {
  'camera-hil-emulator': '../rigs/virtual-camera/cli.ts',
  'camera-hil-relay': '../rigs/relay/cli.ts',
  'camera-hil-signoff': './signoff.ts',
};
export async function run(command) {
  const entry = ENTRY[command];
  if (!entry) {
    console.error(`camera-hil: unknown command ${command} (known: ${Object.keys(ENTRY).join(', ')})`);
    process.exit(2);
  }
  register();
  await import(new URL(entry, import.meta.url).href);
}
