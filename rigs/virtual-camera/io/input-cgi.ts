// input.cgi (spec §5.2): the state of I/O ports, as `IO<n>:<char>` lines, `/` active and
// `\` inactive, n the I/O port number (ports.ts: input n is port n; output ports may be
// read too).
//   check=<n>[,<n>...]    one text/plain answer with a line per port, in the order asked
//   monitor=<n>[,<n>...]  multipart/x-mixed-replace;boundary=ioboundary: a part with the
//                         current state at once, then a part on every change of one of
//                         the ports; each part holds a line per monitored port. The spec
//                         does not promise the first part: with the `changes-only`
//                         dialect there is none, only the opening delimiter.
// Every part is followed at once by the next `--ioboundary` line, exactly as the spec
// writes it, so a client has the whole part the moment the edge happens (not when the
// next one comes). The stream ends when the client leaves or the camera goes down.
import type { ServerResponse } from 'node:http';
import { onlyKnown } from '../http/query.ts';
import { sendText } from '../http/reply.ts';
import { CgiError, type CgiRequest, type Route } from '../http/route.ts';
import { hasDialect } from '../dialects.ts';
import type { VirtualCameraState } from '../state.ts';
import { portOf } from './ports.ts';
import { ioOf, type IoState } from './state.ts';

export const BOUNDARY = 'ioboundary';
const MAX_MONITORS = 16;
/** A client this far behind gets no new parts until it catches up (each part is complete). */
const BACKLOG_BYTES = 64 * 1024;

const monitors = new WeakMap<VirtualCameraState, number>();

/** `IO1:/\r\nIO2:\\\r\n` for the given ports. */
function formatCheck(io: IoState, ports: readonly number[]): string {
  return ports.map((p) => `IO${p}:${io.isActive(p) ? '/' : '\\'}\r\n`).join('');
}

/** One monitor part and the delimiter that closes it. */
function formatMonitorPart(checkData: string): string {
  return `Content-Type: text/plain\r\n\r\n${checkData}--${BOUNDARY}\r\n`;
}

/** `1,2` (or the parameter repeated) → [1, 2]; each must be a port of the camera, once. */
function portList(q: URLSearchParams, name: string, cam: VirtualCameraState): number[] {
  const raw = q.getAll(name).flatMap((v) => v.split(','));
  const out: number[] = [];
  for (const item of raw) {
    const t = item.trim();
    if (!/^\d{1,2}$/.test(t)) throw new CgiError(`${name}: "${t.slice(0, 20).replace(/[^\x20-\x7e]/g, '?')}" is not an I/O port number`);
    const port = portOf(cam.model, Number(t)).port;
    if (out.includes(port)) throw new CgiError(`${name}: port ${port} given twice`);
    out.push(port);
  }
  if (out.length === 0) throw new CgiError(`${name}: give one or more port numbers, e.g. ${name}=1`);
  return out;
}

function handle(req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): void {
  onlyKnown(req.query, ['check', 'monitor']);
  const hasCheck = req.query.has('check');
  const hasMonitor = req.query.has('monitor');
  if (hasCheck === hasMonitor) throw new CgiError(hasCheck ? 'give check= or monitor=, not both' : 'give check=<ports> (e.g. check=1,2) or monitor=<ports>');
  const io = ioOf(cam);
  if (hasCheck) return sendText(res, formatCheck(io, portList(req.query, 'check', cam)));
  monitor(req, res, cam, io, portList(req.query, 'monitor', cam));
}

function monitor(req: CgiRequest, res: ServerResponse, cam: VirtualCameraState, io: IoState, ports: number[]): void {
  const open = monitors.get(cam) ?? 0;
  if (open >= MAX_MONITORS) throw new CgiError(`${MAX_MONITORS} input monitors are already open; close one first`, 429);
  res.writeHead(200, {
    'Content-Type': `multipart/x-mixed-replace;boundary=${BOUNDARY}`,
    'Cache-Control': 'no-cache',
    Connection: 'close',
  });
  if (req.raw.method === 'HEAD') return void res.end();

  monitors.set(cam, open + 1);
  const send = () => {
    if (!res.destroyed && res.writableLength <= BACKLOG_BYTES) res.write(formatMonitorPart(formatCheck(io, ports)));
  };
  const onEdge = (port: number) => {
    if (ports.includes(port)) send();
  };
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    io.events.off('edge', onEdge);
    monitors.set(cam, (monitors.get(cam) ?? 1) - 1);
  };
  res.on('close', finish);
  res.on('error', finish);
  io.events.on('edge', onEdge);
  res.write(`--${BOUNDARY}\r\n`);
  if (!hasDialect(cam, 'changes-only')) send();
}

export const inputCgiRoute: Route = {
  path: '/input.cgi',
  role: 'viewer',
  summary: 'I/O port states: check=<n>[,<n>] (IO<n>:/ or IO<n>:\\ lines) or monitor=<n>[,<n>] (multipart, boundary ioboundary, a part per change)',
  handle,
};
