// A small Basic-auth client for the video emulator's own wire-format tests (the harness
// client lives in lib/camera; these tests look at the bytes the emulator sends).
import { request } from 'undici';
import { MultipartParser, type MultipartPart } from '../../../lib/media/multipart.ts';
import type { VirtualCamera } from '../../../rigs/virtual-camera/index.ts';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
}

const auth = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

export async function get(cam: VirtualCamera, path: string, user = 'root', password = 'pass', method: 'GET' | 'HEAD' = 'GET'): Promise<Reply> {
  const res = await request(`${cam.url}${path}`, { method, headers: { authorization: auth(user, password) }, headersTimeout: 10_000, bodyTimeout: 10_000 });
  const body = Buffer.from(await res.body.arrayBuffer());
  return { status: res.statusCode, headers: res.headers, body, text: body.toString('latin1') };
}

export interface StreamResult {
  status: number;
  contentType: string;
  parts: MultipartPart[];
  /** Every byte of the body, for framing checks (kept only when asked). */
  raw?: Buffer;
}

/** Reads a multipart stream to its end (or until `stopAfter` parts, then hangs up). */
export async function readStream(cam: VirtualCamera, path: string, opts: { stopAfter?: number; keepRaw?: boolean; timeoutMs?: number } = {}): Promise<StreamResult> {
  const res = await request(`${cam.url}${path}`, {
    headers: { authorization: auth('root', 'pass') },
    headersTimeout: 10_000,
    bodyTimeout: opts.timeoutMs ?? 10_000,
  });
  const contentType = String(res.headers['content-type'] ?? '');
  const parser = new MultipartParser(contentType);
  const parts: MultipartPart[] = [];
  const raw: Buffer[] = [];
  for await (const chunk of res.body) {
    if (opts.keepRaw) raw.push(chunk as Buffer);
    parts.push(...parser.push(chunk as Buffer));
    if (opts.stopAfter !== undefined && parts.length >= opts.stopAfter) {
      res.body.destroy();
      break;
    }
  }
  if (opts.stopAfter === undefined) parts.push(...parser.end());
  return { status: res.statusCode, contentType, parts, raw: opts.keepRaw ? Buffer.concat(raw) : undefined };
}
