// `npm run emulator -- [--host 127.0.0.1] [--port 8080] [--model NAME] [--firmware V5.0.2.3843]
//  [--user root] [--password pass] [--reboot-ms 1500] [--nonce-ttl 300] [--relay-pty PATH]
//  [--dialect NAME[,NAME]] [--faults SPEC] [--count N] [--write-lab FILE]`
//  (arguments: cli-args.ts, `--help` lists all)
// Prints `listening on http://HOST:PORT` (with --count N, one `virtual-K: listening on URL`
// line per camera) and runs until SIGINT/SIGTERM. The cameras: fleet.ts; the lab file: fleet-lab.ts.
import { HELP, parseEmulatorArgs, USAGE, UsageError, type EmulatorArgs } from './cli-args.ts';
import type { FleetMember } from './fleet.ts';
import { fleetLab, LAB_PASSWORD_ENV, LAB_USER_ENV, labTargetProblem, writeLabFile } from './fleet-lab.ts';

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
const { opts, relayPty, faults, count, writeLab } = parsed;
// Checked before any port is opened: a lab file that may not be replaced refuses the run at once.
const labProblem = writeLab === undefined ? undefined : labTargetProblem(writeLab);
if (labProblem) fail(labProblem);

// The cameras are loaded only now: --help and a refused argument answer without them (they
// are most of the emulator's start-up).
const { Fleet, FleetStartError } = await import('./fleet.ts');
const fleet = new Fleet({ count, camera: opts, relayPty, faults });
// Handlers first: a signal while the cameras are starting stops the ones already up.
let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping`);
  try {
    await fleet.stop();
    process.exit(0);
  } catch (e) {
    console.error(`emulator: stopping failed: ${(e as Error).message}`);
    process.exit(1);
  }
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

await main();

async function main(): Promise<void> {
  try {
    // The relay boards are ready before "listening on" is printed, so a script may use both at once.
    await fleet.start();
  } catch (e) {
    if (stopping) return; // a signal cut the start short; its handler ends the process
    if (!(e instanceof FleetStartError)) throw e;
    if (e.usage) fail(e.message);
    failToStart(e.message);
  }
  if (stopping) return;
  // The lab file is in place before any "listening on": a script that waits for those lines may read it.
  if (writeLab !== undefined) {
    try {
      writeLabFile(writeLab, fleetLab(fleet.members));
    } catch (e) {
      await fleet.stop().catch(() => {});
      failToStart((e as Error).message);
    }
  }
  // A single camera's lines are as they always were (other tools parse them); a fleet's name
  // their camera, and what the cameras have in common comes once.
  if (count === 1) {
    const [m] = fleet.members;
    console.log(`listening on ${m.camera.url}`);
    printShared(m, '');
    printBoard(m, '');
  } else {
    for (const m of fleet.members) {
      console.log(`${m.name}: listening on ${m.camera.url}`);
      printBoard(m, `${m.name}: `);
    }
    printShared(fleet.members[0], 'every camera: ');
  }
  if (writeLab !== undefined) {
    const cams = count === 1 ? '1 camera' : `${count} cameras`;
    console.log(`lab inventory (${cams}) written to ${writeLab}; to use it, export ${LAB_USER_ENV} and ${LAB_PASSWORD_ENV} set to this emulator's --user (${fleet.members[0].camera.user}) and --password`);
  }
}

function printShared(m: FleetMember, prefix: string): void {
  const { camera: cam } = m;
  console.log(`${prefix}model ${cam.state.model.prodNbr}, firmware ${cam.state.firmware}, user ${cam.user}`);
  if (cam.dialects.size) console.log(`dialects: ${[...cam.dialects].join(', ')}`);
  if (m.faults.describe()) console.log(`faults: ${m.faults.describe()}`); // FAULTS (robustness helper)
}

function printBoard(m: FleetMember, prefix: string): void {
  const b = m.board;
  if (b) console.log(`${prefix}relay board (numato, ${b.board.kind}) at ${b.board.path}: ${b.wires.describe().join(', ')}`);
}
