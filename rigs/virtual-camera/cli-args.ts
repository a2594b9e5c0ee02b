// The emulator CLI's arguments, parsed apart from starting anything: a bad argument is a
// usage error before a port is opened, and a unit test can check the parsing directly.
import { parseArgs } from 'node:util';
import { DIALECTS, dialectHelp, parseDialects, SLOW_REBOOT_MS } from './dialects.ts';
import { parseFaultSpec, type FaultSpec } from './faults/spec.ts'; // FAULTS (robustness helper)
import { parseDigestAlgorithms, type DigestAlgorithmName } from './http/auth.ts';
import type { VirtualCameraOptions } from './index.ts';
import { MODELS } from './models.ts';

/** The most cameras --count starts in one process. */
const MAX_FLEET = 64;

export const USAGE = `usage: npm run emulator -- [--host 127.0.0.1] [--port 8080] [--model ${Object.keys(MODELS).join('|')}]
                            [--firmware V5.0.2.3843] [--user NAME] [--password SECRET]
                            [--reboot-ms 1500] [--nonce-ttl 300] [--digest md5,sha-256] [--relay-pty PATH]
                            [--dialect NAME[,NAME...]]   (${DIALECTS.map((d) => d.name).join(', ')})
                            [--faults latency=200,reset=0.1,...]   (rigs/virtual-camera/faults/README.md)
                            [--count N] [--write-lab FILE]`;

export const HELP = `${USAGE}

  --user, --password    the administrator's account (default root, with the family's factory
                        password, README "The virtual camera")
  --reboot-ms MS        how long a reboot keeps the camera unreachable (default 1500, ${SLOW_REBOOT_MS}
                        with --dialect slow; given, it wins over the dialect)
  --nonce-ttl SECONDS   how long a Digest nonce stays fresh before it is answered stale=true
                        (default 300; a few seconds lets a lab run the stale-nonce test quickly)
  --digest LIST         the Digest algorithms offered, in the order of the challenges
                        (default md5,sha-256, as the family's cameras; sha-256 alone refuses MD5)
  --relay-pty PATH      start a virtual Numato relay board on a pty at PATH, wired to the camera
                        (with --count N above 1: one per camera, at PATH-1 .. PATH-N)
  --dialect NAMES       behave like a spec-conformant camera that chooses differently where the
                        spec is silent; comma-separated or repeated, they combine:
${dialectHelp('                          ')}
  --faults SPEC         fault injection: key=value items separated by commas, e.g.
                        'latency=300@/config.cgi,reset=0.1,drop=every:10,seed=7'
                          request faults  latency=<ms>[@path] reset|hangup|refuse|noop|bodylength=<trigger>[@path]
                          frame faults    stall=<N> drop|truncate|bitflip|partlength|dup|late=<trigger> late-ms=<ms>
                          reboots         reboot=<ms>|never
                          <trigger> is a probability 0..1 or every:N; <path> a glob on the request path
                        (rigs/virtual-camera/faults/README.md; at run time: GET /_hil/faults?set=...)
  --count N             a fleet: N independent cameras (1..${MAX_FLEET}) in this process, virtual-1 ..
                        virtual-N, on consecutive ports from --port (--port 0: each on a free
                        port); each has its own parameters, users, clock, SD card, PTZ and I/O,
                        and with --relay-pty its own board at PATH-1 .. PATH-N
  --write-lab FILE      once every camera listens, write a lab inventory of them to FILE
                        (rigs/lab/README.md); replaces only a file an emulator wrote before.
                        No credentials in it: export VIRTUAL_CAMERA_USER and
                        VIRTUAL_CAMERA_PASSWORD set to --user and --password
  -h, --help            this text`;

export class UsageError extends Error {}

export interface EmulatorArgs {
  help: boolean;
  opts: VirtualCameraOptions;
  relayPty?: string;
  faults?: FaultSpec; // FAULTS (robustness helper)
  /** How many cameras (1 unless --count). */
  count: number;
  /** --write-lab: where to write the fleet's lab inventory. */
  writeLab?: string;
}

function intOption(v: string | undefined, name: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new UsageError(`--${name} must be an integer ${min}..${max}, got "${v}"`);
  return Number(v);
}

/** argv without node and the script; throws UsageError with the message to show. */
export function parseEmulatorArgs(argv: string[]): EmulatorArgs {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        model: { type: 'string' },
        firmware: { type: 'string' },
        user: { type: 'string' },
        password: { type: 'string' },
        'reboot-ms': { type: 'string' },
        'nonce-ttl': { type: 'string' },
        digest: { type: 'string' },
        'relay-pty': { type: 'string' },
        dialect: { type: 'string', multiple: true },
        faults: { type: 'string' }, // FAULTS (robustness helper)
        count: { type: 'string' },
        'write-lab': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (args.help) return { help: true, opts: {}, count: 1 };
  const relayPty = args['relay-pty'];
  if (relayPty === '') throw new UsageError('--relay-pty needs a path, e.g. /tmp/hil-relay');
  let dialects: string[];
  try {
    dialects = [...parseDialects(args.dialect ?? [])];
  } catch (e) {
    throw new UsageError(`--dialect: ${(e as Error).message}`);
  }
  // FAULTS (robustness helper): parsed before anything starts, so a bad set is a usage error.
  let faults: FaultSpec | undefined;
  try {
    faults = args.faults === undefined ? undefined : parseFaultSpec(args.faults);
  } catch (e) {
    throw new UsageError(`--faults: ${(e as Error).message}`);
  }
  const nonceTtl = intOption(args['nonce-ttl'], 'nonce-ttl', 1, 86_400);
  let digest: DigestAlgorithmName[] | undefined;
  try {
    digest = args.digest === undefined ? undefined : parseDigestAlgorithms(args.digest);
  } catch (e) {
    throw new UsageError(`--digest: ${(e as Error).message}`);
  }
  const port = intOption(args.port ?? '8080', 'port', 0, 65535)!;
  const count = intOption(args.count, 'count', 1, MAX_FLEET) ?? 1;
  if (port !== 0 && port + count - 1 > 65535) throw new UsageError(`--count ${count} from --port ${port} needs ports up to ${port + count - 1}, beyond 65535: choose a lower --port, or --port 0`);
  const writeLab = args['write-lab'];
  if (writeLab === '') throw new UsageError('--write-lab needs a file name, e.g. lab.json');
  return {
    help: false,
    relayPty,
    faults,
    count,
    writeLab,
    opts: {
      host: args.host ?? '127.0.0.1',
      port,
      model: args.model,
      firmware: args.firmware,
      user: args.user,
      password: args.password,
      rebootMs: intOption(args['reboot-ms'], 'reboot-ms', 0, 600_000),
      nonceTtlMs: nonceTtl === undefined ? undefined : nonceTtl * 1000,
      dialects,
      digest,
    },
  };
}
