// A small camera for the state guard's unit tests: configuration a user can set, beside
// status values that change by themselves as a real camera's do —
//   Status.Uptime        ticks every `tickMs` (a clock), read-only
//   Status.Requests      counts requests (changes between any two reads), read-only
//   Status.LastChange    stamped on every update or restore (changes on events only), read-only
//   Properties.System.RestoreCount  counts restores (the family's read-only group)
// and a restore that can be told to misbehave (`restoreMode`): forget one parameter, or do
// nothing at all while answering OK. No auth: the guard's logic is what is under test.
import { startServer, type TestServer } from '../camera/test-server.ts';

export type RestoreMode = { kind: 'works' } | { kind: 'forgets'; name: string } | { kind: 'noop' };

export interface FakeCamera {
  url: string;
  /** The configuration as it is now. */
  config: Map<string, string>;
  restoreMode: RestoreMode;
  /** Every config.cgi update the camera received, as `name=value` pairs. */
  updates: string[];
  close(): Promise<void>;
}

const READ_ONLY = ['Status.Uptime', 'Status.Requests', 'Status.LastChange', 'Properties.System.RestoreCount'];

export async function startFakeCamera(opts: { tickMs?: number } = {}): Promise<FakeCamera> {
  const tickMs = opts.tickMs ?? 100;
  const started = Date.now();
  const config = new Map([
    ['Image.I0.Text.String', 'factory text'],
    ['Network.HostName', 'cam-1'],
    ['Time.POSIXTimeZone', 'UTC0'],
  ]);
  let requests = 0;
  let lastChange = 0;
  let restores = 0;
  const fake: FakeCamera = { url: '', config, restoreMode: { kind: 'works' }, updates: [], close: async () => undefined };

  const list = () => {
    const status: [string, string][] = [
      ['Properties.System.RestoreCount', String(restores)],
      ['Status.Uptime', String(Math.floor((Date.now() - started) / tickMs))],
      ['Status.Requests', String(requests)],
      ['Status.LastChange', String(lastChange)],
    ];
    return [...config, ...status].map(([n, v]) => `${n}=${v}\n`).join('');
  };

  const server: TestServer = await startServer((req, res, body) => {
    requests++;
    const url = new URL(req.url ?? '/', 'http://camera');
    const text = (status: number, s: string, type = 'text/plain') => {
      res.writeHead(status, { 'Content-Type': type });
      res.end(s);
    };
    if (url.pathname === '/videostatus.cgi') return text(200, 'Video 1 = video\r\n');
    if (url.pathname === '/backup.cgi') {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Disposition': 'attachment; filename=backup.bin' });
      res.end(JSON.stringify(Object.fromEntries(config)));
      return;
    }
    if (url.pathname === '/restore.cgi') {
      // The multipart body holds the JSON between its first `{` and last `}`.
      const s = body.toString('utf8');
      const saved = JSON.parse(s.slice(s.indexOf('{'), s.lastIndexOf('}') + 1)) as Record<string, string>;
      restores++;
      lastChange++;
      const mode = fake.restoreMode;
      if (mode.kind !== 'noop') {
        for (const [n, v] of Object.entries(saved)) if (!(mode.kind === 'forgets' && mode.name === n)) config.set(n, v);
      }
      return text(200, 'OK\r\n');
    }
    if (url.pathname !== '/config.cgi') return text(404, 'not found\r\n');
    const action = url.searchParams.get('action');
    if (action === 'list') return text(200, list());
    if (action === 'update') {
      const pairs = [...url.searchParams].filter(([k]) => k !== 'action');
      for (const [n] of pairs) {
        if (READ_ONLY.includes(n)) return text(400, `# Error: ${n} is read-only\r\n`);
        if (!config.has(n)) return text(400, `# Error: no parameter ${n}\r\n`);
      }
      for (const [n, v] of pairs) {
        config.set(n, v);
        fake.updates.push(`${n}=${v}`);
      }
      lastChange++;
      return text(200, 'OK\r\n');
    }
    return text(400, '# Error: unknown action\r\n');
  });
  fake.url = server.url;
  fake.close = () => server.close();
  return fake;
}
