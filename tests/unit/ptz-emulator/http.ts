// A tiny Basic-auth client for the emulator's own unit tests (the harness client lives in
// lib/camera; these tests check the emulator's wire format directly, so they do not use it).
import { startVirtualCamera, type VirtualCamera } from '../../../rigs/virtual-camera/index.ts';

export interface Reply {
  status: number;
  text: string;
  type: string | null;
}

export async function startCamera(model = 'IPC-7100'): Promise<VirtualCamera> {
  return startVirtualCamera({ model, rebootMs: 50 });
}

export async function get(cam: VirtualCamera, path: string, user = 'root', password = 'pass'): Promise<Reply> {
  const res = await fetch(`${cam.url}${path}`, {
    headers: { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
    signal: AbortSignal.timeout(5000),
  });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

/** `a=1\r\nb=2\r\n` → { a: '1', b: '2' } */
export function lines(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\r\n')
      .filter((l) => l !== '')
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

/** Polls the head until it stands still (the moves here take well under a second). */
export async function settled(cam: VirtualCamera, timeoutMs = 5000): Promise<Record<string, string>> {
  const until = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const now = (await get(cam, '/ptz.cgi?query=position')).text;
    if (now === last) return lines(now);
    if (Date.now() > until) throw new Error(`PTZ still moving after ${timeoutMs} ms: ${now}`);
    last = now;
    await new Promise((r) => setTimeout(r, 60));
  }
}
