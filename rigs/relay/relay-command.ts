// The relay command behind the CLI (cli.ts): switch, pulse or read one relay, or read one
// sense line, on any supported board. Apart from the process so its unit tests can run it
// in-process, as many times as they like (a process each costs ~0.7 s of CPU); cli.ts is
// the process, and its own tests check that the exit status and output reach the shell.
// Exit status: 0 done, 1 the board or port failed (message says which), 2 usage error.

import { parseArgs } from 'node:util';
import { RELAY_DRIVERS, type RelayDriverName } from './protocol.ts';
import { RelayError } from './errors.ts';
import { openBoard, type SerialBinding } from './open.ts';
import { numatoId } from './numato.ts';
import { guardBoard } from './safe-state.ts';
import { startVirtualRelayBoard, type VirtualRelayBoard } from '../virtual-relay/pty-board.ts';

const USAGE = `usage: npm run relay -- --driver ${RELAY_DRIVERS.join('|')} [--path /dev/ttyXXX] [options] <channel> on|off|pulse <ms>|status
       npm run relay -- --driver ... [--path ...] [options] sense <input>
  -d, --driver D     the board family: ${RELAY_DRIVERS.join(', ')}
  -p, --path P       the board's serial port; required, except that --driver virtual without it
                     starts a throw-away virtual board for this one command
  -c, --channels N   relays on the board (default: numato/virtual 8, lcus 1, kmtronic 1)
  -t, --timeout MS   how long to wait for the board's answer (default 1000)
  -h, --help         this text
Commands: <channel> on | off | pulse <ms> | status; sense <input> (boards with sense lines:
numato, virtual). Exit 0 done, 1 the board or port failed (the message says which), 2 usage.
Channels and inputs count from 0; on LCUS and KMTronic boards channel 0 is the relay labelled 1.`;

type Action = { kind: 'on' | 'off' | 'status'; channel: number } | { kind: 'pulse'; channel: number; ms: number } | { kind: 'sense'; input: number };
interface Args { driver: RelayDriverName; path?: string; channels?: number; timeoutMs?: number; action: Action }

class UsageError extends Error {}

function count(s: string | undefined, what: string, min = 0): number {
  if (s === undefined || !/^\d+$/.test(s) || Number(s) < min) throw new UsageError(`${what} must be a whole number >= ${min}, got ${s === undefined ? 'nothing' : JSON.stringify(s)}`);
  return Number(s);
}

function parseCli(argv: string[]): Args {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        driver: { type: 'string', short: 'd' },
        path: { type: 'string', short: 'p' },
        channels: { type: 'string', short: 'c' },
        timeout: { type: 'string', short: 't' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (parsed.values.help) throw new UsageError('');
  const opts = parsed.values;
  const rest = parsed.positionals;
  const driver = opts.driver as RelayDriverName;
  if (!driver) throw new UsageError('--driver is required');
  if (!RELAY_DRIVERS.includes(driver)) throw new UsageError(`unknown driver ${JSON.stringify(driver)} (known: ${RELAY_DRIVERS.join(', ')})`);
  if (!opts.path && driver !== 'virtual') throw new UsageError(`--path is required for --driver ${driver}`);
  const [first, second, third, ...extra] = rest;
  let action: Action;
  if (first === 'sense') {
    if (third !== undefined) throw new UsageError(`unexpected ${JSON.stringify(third)}`);
    action = { kind: 'sense', input: count(second, 'the sense input') };
  } else {
    const channel = count(first, 'the channel');
    if (second === 'pulse') action = { kind: 'pulse', channel, ms: count(third, 'the pulse length in ms', 1) };
    else if (second === 'on' || second === 'off' || second === 'status') {
      if (third !== undefined) throw new UsageError(`unexpected ${JSON.stringify(third)}`);
      action = { kind: second, channel };
    } else throw new UsageError(second === undefined ? 'what to do with the channel? on, off, pulse <ms> or status' : `unknown command ${JSON.stringify(second)}`);
    if (extra.length) throw new UsageError(`unexpected ${JSON.stringify(extra[0])}`);
  }
  return {
    driver,
    path: opts.path,
    channels: opts.channels === undefined ? undefined : count(opts.channels, '--channels', 1),
    timeoutMs: opts.timeout === undefined ? undefined : count(opts.timeout, '--timeout', 1),
    action,
  };
}

/** The relay's name as printed on the board, next to the harness's 0-based number. */
function label(driver: RelayDriverName, n: number): string {
  return `channel ${n} (board relay ${driver === 'lcus' || driver === 'kmtronic' ? n + 1 : numatoId(n)})`;
}

async function run(args: Args, io: CommandIo): Promise<void> {
  let virtual: VirtualRelayBoard | undefined;
  let path = args.path!;
  let binding: SerialBinding | undefined;
  if (args.driver === 'virtual' && !args.path) {
    virtual = await startVirtualRelayBoard();
    ({ path, binding } = virtual);
    io.log(`started a throw-away virtual relay board (${virtual.kind}) at ${path}; it goes away when this command ends`);
  }
  try {
    const board = guardBoard(await openBoard({ driver: args.driver, path, binding, channels: args.channels, timeoutMs: args.timeoutMs }));
    const a = args.action;
    try {
      if (a.kind === 'sense') {
        const input = board.sense(a.input);
        if (!input) throw new RelayError('usage', `${board.describe()} has no sense input ${a.input}`);
        io.log(`sense ${a.input}: ${(await input.read()) ? 'high' : 'low'}`);
      } else if (a.kind === 'status') {
        io.log(`${label(args.driver, a.channel)}: ${(await board.channel(a.channel).get()) ? 'on' : 'off'}`);
      } else if (a.kind === 'pulse') {
        const ch = board.channel(a.channel);
        await ch.set(true);
        await new Promise((r) => setTimeout(r, a.ms));
        await ch.set(false);
        io.log(`${label(args.driver, a.channel)}: pulsed on for ${a.ms} ms, now off`);
      } else {
        await board.channel(a.channel).set(a.kind === 'on');
        io.log(`${label(args.driver, a.channel)}: ${a.kind}`);
      }
    } finally {
      // Only `on` means to leave a relay on; a failed pulse must not.
      if (a.kind === 'pulse') await board.restore().catch(() => undefined);
      await board.close();
    }
    if (virtual) io.log(`virtual board relays: ${[0, 1, 2, 3, 4, 5, 6, 7].map((n) => `${n}:${virtual!.relayState(n) ? 'on' : 'off'}`).join(' ')}`);
  } finally {
    await virtual?.close();
  }
}

/** Where the command writes: the console in the CLI, a buffer in a unit test. */
export interface CommandIo {
  log(line: string): void;
  error(line: string): void;
}

/** The whole command for `argv` (the arguments after the script); resolves to its exit status. */
export async function relayCommand(argv: string[], io: CommandIo): Promise<number> {
  let args: Args;
  try {
    args = parseCli(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    if (err.message) io.error(`relay: ${err.message}`);
    io.error(USAGE);
    return err.message ? 2 : 0;
  }
  try {
    await run(args, io);
    return 0;
  } catch (err) {
    if (!(err instanceof RelayError) && !(err instanceof Error)) throw err;
    io.error(`relay: ${err.message}`);
    return err instanceof RelayError && err.kind === 'usage' ? 2 : 1;
  }
}
