// motion.cgi (spec §4.5): a multipart/x-mixed-replace stream, boundary `mdb`, one text part
// per sample (~5 per second) holding `group=<n>;level=<l>;threshold=<t>;\r\n` for every
// window, lowest group number first. Windows added or removed while the stream runs show
// up or drop out at the next part; with no window a part has an empty body.
// Optional parameters (the spec leaves them open):
//   group=<n>[,<n>...]  only these windows (`M<n>` also accepted); each must exist
//   duration=<s>        end the stream after s seconds (1..86400) with the close delimiter
// The stream ends when the client leaves; a client that stops reading loses parts instead
// of piling them up in memory. At most MAX_STREAMS streams per camera.
import type { ServerResponse } from 'node:http';
import { intParam, onlyKnown } from '../http/query.ts';
import { CgiError, type CgiRequest, type Route } from '../http/route.ts';
import type { VirtualCameraState } from '../state.ts';
import type { MotionLevel } from './levels.ts';
import { motionOf } from './sampler.ts';
import { motionWindows } from './windows.ts';

export const BOUNDARY = 'mdb';
export const MAX_STREAMS = 16;
/** A client this far behind gets no new parts until it catches up. */
const BACKLOG_BYTES = 64 * 1024;

function formatLevels(levels: readonly MotionLevel[]): string {
  return levels.map((l) => `group=${l.group};level=${l.level};threshold=${l.threshold};\r\n`).join('');
}

/**
 * One part. Every level line ends with CRLF, which also serves as the CRLF the next
 * delimiter needs (RFC 2046); a part without windows gets one bare CRLF for the same reason.
 */
function formatPart(levels: readonly MotionLevel[]): string {
  return `--${BOUNDARY}\r\nContent-Type: text/plain\r\n\r\n${formatLevels(levels) || '\r\n'}`;
}

/** `group=1,3`, `group=M1&group=M3` → [1, 3]; undefined when not given. */
function groupFilter(q: URLSearchParams, cam: VirtualCameraState): Set<number> | undefined {
  const raw = q.getAll('group').flatMap((v) => v.split(','));
  if (raw.length === 0) return undefined;
  const existing = new Set(motionWindows(cam.params).map((w) => w.group));
  const out = new Set<number>();
  for (const g of raw) {
    const m = /^M?(\d{1,4})$/.exec(g.trim());
    if (!m) throw new CgiError(`group: "${g.slice(0, 20)}" is not a motion window number (e.g. 0 or M0)`);
    if (!existing.has(Number(m[1]))) throw new CgiError(`group: there is no motion window M${Number(m[1])}`);
    out.add(Number(m[1]));
  }
  return out;
}

function handle(req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): void {
  onlyKnown(req.query, ['group', 'duration']);
  const only = groupFilter(req.query, cam);
  const duration = intParam(req.query, 'duration', 1, 86400);
  const sampler = motionOf(cam);
  if (sampler.listenerCount >= MAX_STREAMS) throw new CgiError(`${MAX_STREAMS} motion streams are already open; close one first`, 429);

  res.writeHead(200, {
    'Content-Type': `multipart/x-mixed-replace;boundary=${BOUNDARY}`,
    'Cache-Control': 'no-cache',
    Connection: 'close',
  });
  if (req.raw.method === 'HEAD') return void res.end();

  let done = false;
  const unsubscribe = sampler.subscribe((levels) => {
    if (done || res.writableLength > BACKLOG_BYTES) return;
    res.write(formatPart(only ? levels.filter((l) => only.has(l.group)) : levels));
  });
  const finish = (closeDelimiter: boolean) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    unsubscribe();
    if (closeDelimiter && !res.destroyed) res.end(`--${BOUNDARY}--\r\n`);
  };
  const timer = duration ? setTimeout(() => finish(true), duration * 1000) : undefined;
  res.on('close', () => finish(false));
  res.on('error', () => finish(false));
}

export const motionCgiRoute: Route = {
  path: '/motion.cgi',
  role: 'viewer',
  summary: 'motion levels per window, multipart stream (boundary mdb)',
  handle,
};
