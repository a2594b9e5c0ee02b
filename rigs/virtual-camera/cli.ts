// `npm run emulator -- [--host 127.0.0.1] [--port 8080] [--model NAME] [--firmware V5.0.2.3843]
//  [--user root] [--password pass] [--reboot-ms 1500] [--relay-pty PATH] [--faults SPEC]`
// Prints `listening on http://HOST:PORT` and runs until SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { startVirtualCamera, type VirtualCameraOptions } from './index.ts';
import { MODELS } from './models.ts';
import { installFaults, parseFaultSpec, type FaultSpec } from './faults/index.ts'; // FAULTS (robustness helper)
import { wireRelayBoard } from './relay-wiring.ts';
import { startVirtualRelayBoard } from '../virtual-relay/pty-board.ts';

const USAGE = `usage: npm run emulator -- [--host 127.0.0.1] [--port 8080] [--model ${Object.keys(MODELS).join('|')}]
                            [--firmware V5.0.2.3843] [--user root] [--password pass]
                            [--reboot-ms 1500] [--relay-pty PATH]
                            [--faults latency=200,reset=0.1,...]   (rigs/virtual-camera/faults/README.md)`;

function fail(message: string): never {
  console.error(`emulator: ${message}\n${USAGE}`);
  process.exit(2);
}

function intOption(v: string | undefined, name: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) fail(`--${name} must be an integer ${min}..${max}, got "${v}"`);
  return Number(v);
}

let args;
try {
  args = parseArgs({
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      model: { type: 'string' },
      firmware: { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      'reboot-ms': { type: 'string' },
      'relay-pty': { type: 'string' },
      faults: { type: 'string' }, // FAULTS (robustness helper)
      help: { type: 'boolean' },
    },
    strict: true,
  }).values;
} catch (e) {
  fail((e as Error).message);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

const relayPty = args['relay-pty'];
// FAULTS (robustness helper): parsed before anything starts, so a bad set is a usage error.
let faults: FaultSpec | undefined;
try {
  faults = args.faults === undefined ? undefined : parseFaultSpec(args.faults);
} catch (e) {
  fail(`--faults: ${(e as Error).message}`);
}
if (relayPty === '') fail('--relay-pty needs a path, e.g. /tmp/hil-relay');
const opts: VirtualCameraOptions = {
  host: args.host ?? '127.0.0.1',
  port: intOption(args.port ?? '8080', 'port', 0, 65535),
  model: args.model,
  firmware: args.firmware,
  user: args.user,
  password: args.password,
  rebootMs: intOption(args['reboot-ms'], 'reboot-ms', 0, 600_000),
};

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
  fail((e as Error).message);
}
