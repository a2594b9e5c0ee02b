// /_hil/faults: the fault set of a running virtual camera, outside the spec's paths.
// Admin only, through the camera's own gate (Basic/Digest, groups: CameraHttpServer.authorize).
//   GET  /_hil/faults                    the active set (canonical text, one fault per
//                                        line) and `# fired: <fault> <count> ...`
//   GET  /_hil/faults?set=<fault set>    replaces the set (e.g. set=latency%3D200%2Creset%3D0.1)
//   GET  /_hil/faults?clear=all          removes every fault
//   POST /_hil/faults  (text/plain body) replaces the set with the body
// Answers `OK`, or 400 `# Error: <what is wrong>` and the set stays as it was.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http/body.ts';
import { sendError, sendOk, sendText } from '../http/reply.ts';
import { CgiError } from '../http/route.ts';
import type { CameraHttpServer } from '../http/server.ts';
import { FaultSpecError } from './spec.ts';

export const CONTROL_PATH = '/_hil/faults';

/** What the endpoint changes: the camera's fault set (faults/index.ts FaultController). */
export interface FaultSet {
  set(spec: string): void;
  clear(): void;
  describe(): string;
  counts(): Record<string, number>;
}

export async function handleControl(req: IncomingMessage, res: ServerResponse, cam: { http: Pick<CameraHttpServer, 'authorize'> }, faults: FaultSet): Promise<true> {
  try {
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    if (method !== 'GET' && method !== 'POST') {
      res.setHeader('Allow', 'GET, POST');
      return refuse(res, `${CONTROL_PATH} accepts GET or POST, not ${String(req.method).slice(0, 20)}`, 405);
    }
    if (!cam.http.authorize(req, res, 'admin', 'change faults')) return true;
    const url = new URL(req.url ?? '/', 'http://camera');
    const keys = [...url.searchParams.keys()];
    const unknown = keys.find((k) => k !== 'set' && k !== 'clear');
    if (unknown !== undefined) return refuse(res, `unknown parameter ${unknown.slice(0, 40)} (set=<fault set> or clear=all)`);
    if (keys.length > 1) return refuse(res, 'give one of set= or clear=, once');
    if (method === 'POST') {
      if (keys.length) return refuse(res, 'POST takes the fault set as its body, not in the query');
      faults.set((await readBody(req, 8192)).toString('utf8').trim());
      return ok(res);
    }
    if (keys[0] === 'set') {
      faults.set(url.searchParams.get('set')!);
      return ok(res);
    }
    if (keys[0] === 'clear') {
      if (url.searchParams.get('clear') !== 'all') return refuse(res, 'clear takes the value all');
      faults.clear();
      return ok(res);
    }
    const fired = Object.entries(faults.counts()).map(([k, n]) => `${k} ${n}`);
    const lines = faults.describe().split(',').filter(Boolean);
    sendText(res, [...lines, `# fired: ${fired.length ? fired.join(', ') : 'none'}`].map((l) => `${l}\r\n`).join(''));
    return true;
  } catch (e) {
    if (e instanceof FaultSpecError || e instanceof CgiError) return refuse(res, e.message, e instanceof CgiError ? e.status : 400);
    if (e instanceof TypeError) return refuse(res, `malformed request: ${e.message}`); // new URL() on a bad target
    throw e;
  }
}

function ok(res: ServerResponse): true {
  sendOk(res);
  return true;
}

function refuse(res: ServerResponse, message: string, status = 400): true {
  sendError(res, message, status);
  return true;
}
