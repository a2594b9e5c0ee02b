// The relay CLI: switch, pulse or read one relay, or read one sense line, on any supported
// board, so a technician can check a rig's wiring without running a suite.
//   npm run relay -- --driver numato --path /dev/ttyACM0 0 pulse 500
// `--driver virtual` without --path starts a throw-away virtual board for the one command
// (to try the CLI without hardware); with --path it talks to a virtual board someone else
// started (e.g. `npm run emulator -- --relay-pty PATH`).
// Exit status: 0 done, 1 the board or port failed (message says which), 2 usage error.

import { relayCommand } from './relay-command.ts';

process.exitCode = await relayCommand(process.argv.slice(2), { log: (l) => console.log(l), error: (l) => console.error(l) });
