// `npm run emulator -- [--host 127.0.0.1] [--port 8080] [--model NAME] [--firmware V5.0.2.3843]
//  [--user root] [--password pass] [--reboot-ms 1500] [--nonce-ttl 300] [--relay-pty PATH]
//  [--dialect NAME[,NAME]] [--faults SPEC]`   (arguments: cli-args.ts, `--help` lists all)
// Prints `listening on http://HOST:PORT` and runs until SIGINT/SIGTERM.
import { HELP, parseEmulatorArgs, USAGE, UsageError, type EmulatorArgs } from './cli-args.ts';
import { startVirtualCamera } from './index.ts';
import { installFaults } from './faults/index.ts'; // FAULTS (robustness helper)
import { wireRelayBoard } from './relay-wiring.ts';
import { startVirtualRelayBoard } from '../virtual-relay/pty-board.ts';

function fail(message: string): never {
  console.error(`emulator: ${message}\n${USAGE}`);
  process.exit(2);
}

/** A failure of the machine, not of the arguments: one line, exit 1, no usage text. */
function failToStart(message: string): never {
  console.error(`emulator: ${message}`);
  process.exit(1);
}

let parsed: EmulatorArgs;
try {
  parsed = parseEmulatorArgs(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  fail(e.message);
}
if (parsed.help) {
  console.log(HELP);
  process.exit(0);
}
const { opts, relayPty, faults } = parsed;

try {
  const cam = await startVirtualCamera(opts);
  const faultControl = installFaults(cam, faults); // FAULTS (robustness helper): also serves /_hil/faults
  // The relay board is the rig's: started beside the camera, wired to it, closed after it.
  // It is ready before "listening on" is printed, so a script may use both at once.
  const board = relayPty === undefined ? undefined : await startVirtualRelayBoard({ linkPath: relayPty }).catch(async (e: Error) => {
    await cam.stop();
    fail(e.message);
  });
  if (board?.kind === 'mock') {
    await cam.stop();
    await board.close();
    fail('--relay-pty needs socat: without it the virtual board lives inside this process, where no other program can open it');
  }
  const wires = board && wireRelayBoard(cam.state, board);
  console.log(`listening on ${cam.url}`);
  console.log(`model ${cam.state.model.prodNbr}, firmware ${cam.state.firmware}, user ${cam.user}`);
  if (cam.dialects.size) console.log(`dialects: ${[...cam.dialects].join(', ')}`);
  if (faultControl.describe()) console.log(`faults: ${faultControl.describe()}`); // FAULTS (robustness helper)
  if (board && wires) console.log(`relay board (numato, ${board.kind}) at ${board.path}: ${wires.describe().join(', ')}`);
  // Stopping the camera also unwires and closes its relay board.
  cam.onStop(async () => {
    wires?.unwire();
    await board?.close();
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    try {
      await cam.stop();
      process.exit(0);
    } catch (e) {
      console.error(`emulator: stopping failed: ${(e as Error).message}`);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (e) {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EADDRINUSE') failToStart(`port ${opts.port} is in use on ${opts.host} (another emulator or camera service?): choose another with --port, or --port 0 for a free one`);
  if (err.code === 'EADDRNOTAVAIL') failToStart(`${opts.host} is not an address of this machine: choose another --host`);
  if (err.code === 'EACCES') failToStart(`port ${opts.port} needs privileges on this machine: choose one above 1023`);
  fail(err.message);
}
