// `npm run emulator -- [--host 127.0.0.1] [--port 8080] [--model NAME] [--firmware V5.0.2.3843]
//  [--user root] [--password pass] [--reboot-ms 1500] [--relay-pty PATH]`
// Prints `listening on http://HOST:PORT` and runs until SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { startVirtualCamera, type VirtualCameraOptions } from './index.ts';
import { MODELS } from './models.ts';

const USAGE = `usage: npm run emulator -- [--host 127.0.0.1] [--port 8080] [--model ${Object.keys(MODELS).join('|')}]
                            [--firmware V5.0.2.3843] [--user root] [--password pass]
                            [--reboot-ms 1500] [--relay-pty PATH]`;

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

const opts: VirtualCameraOptions & { relayPty?: string } = {
  host: args.host ?? '127.0.0.1',
  port: intOption(args.port ?? '8080', 'port', 0, 65535),
  model: args.model,
  firmware: args.firmware,
  user: args.user,
  password: args.password,
  rebootMs: intOption(args['reboot-ms'], 'reboot-ms', 0, 600_000),
  relayPty: args['relay-pty'],
};

try {
  const cam = await startVirtualCamera(opts);
  console.log(`listening on ${cam.url}`);
  console.log(`model ${cam.state.model.prodNbr}, firmware ${cam.state.firmware}, user ${cam.user}`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    await cam.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (e) {
  fail((e as Error).message);
}
