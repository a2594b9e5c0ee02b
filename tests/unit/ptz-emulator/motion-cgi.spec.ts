// motion.cgi of the virtual camera over HTTP: the spec's multipart format, levels that
// follow what changes in the rendered scene (the rig's lamp), windows picked up while the
// stream runs, and a stream that ends cleanly when the client leaves or its duration ends.
import { expect, test } from '@playwright/test';
import type { VirtualCamera } from '../../../rigs/virtual-camera/index.ts';
import { MAX_STREAMS } from '../../../rigs/virtual-camera/motion/motion-cgi.ts';
import { motionOf } from '../../../rigs/virtual-camera/motion/sampler.ts';
import { LAMP_RECT, lampOf } from '../../../rigs/virtual-camera/video/lamp.ts';
import { get, startCamera } from './http.ts';

let cam: VirtualCamera;
test.beforeAll(async () => (cam = await startCamera()));
test.afterAll(async () => cam.stop());
test.beforeEach(async () => {
  cam.state.params.resetToFactory();
  cam.state.events.emit('factory', false);
  lampOf(cam.state).set(false);
});

const auth = { Authorization: `Basic ${Buffer.from('root:pass').toString('base64')}` };
const PART = /^Content-Type: text\/plain\r\n\r\n((?:group=\d+;level=\d+;threshold=\d+;\r\n)*)(?:\r\n)?$/;

interface Level {
  group: number;
  level: number;
  threshold: number;
}

/**
 * Reads motion.cgi until `enough(parts)` says so (then leaves) or the stream ends; calls
 * `onPart` after each part. Returns the raw text and the parsed parts.
 */
async function readLevels(query: string, enough: (parts: Level[][]) => boolean, onPart?: (n: number) => void, timeoutMs = 8000) {
  const res = await fetch(`${cam.url}/motion.cgi${query}`, { headers: auth, signal: AbortSignal.timeout(timeoutMs) });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('multipart/x-mixed-replace;boundary=mdb');
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let raw = '';
  const parts: Level[][] = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      raw += decoder.decode(value, { stream: true });
      // A part is complete once the next delimiter has started.
      const chunks = raw.split('--mdb\r\n');
      while (parts.length < chunks.length - 2) {
        const body = chunks[parts.length + 1];
        const m = PART.exec(body);
        if (!m) throw new Error(`part not in the spec's format: ${JSON.stringify(body)}`);
        parts.push(m[1].split('\r\n').filter(Boolean).map(parseLine));
        onPart?.(parts.length);
      }
      if (enough(parts)) break;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return { raw, parts };
}

function parseLine(line: string): Level {
  const [, g, l, t] = /^group=(\d+);level=(\d+);threshold=(\d+);$/.exec(line)!;
  return { group: Number(g), level: Number(l), threshold: Number(t) };
}

async function addWindow(values: Record<string, number | string>): Promise<number> {
  const q = Object.entries(values).map(([k, v]) => `&Motion.M.${k}=${encodeURIComponent(String(v))}`).join('');
  const r = await get(cam, `/config.cgi?action=add&group=Motion&template=motion${q}`);
  expect(r.text).toMatch(/^M\d+ OK\r\n$/);
  return Number(/^M(\d+)/.exec(r.text)![1]);
}

test('the lamp raises the level of the window over it and not of a window elsewhere', async () => {
  const lamp = await addWindow({ Name: 'Lamp', ...rect(LAMP_RECT), Threshold: 20 });
  const away = await addWindow({ Name: 'Away', Left: 6000, Right: 9999, Top: 5000, Bottom: 9999, Threshold: 20 });
  const { parts } = await readLevels('', (p) => p.length >= 9, (n) => n === 3 && lampOf(cam.state).set(true));
  // Lowest group first, every window in every part.
  for (const p of parts) expect(p.map((l) => l.group)).toEqual([0, lamp, away]);
  const peak = (g: number, from: number) => Math.max(...parts.slice(from).map((p) => p.find((l) => l.group === g)!.level));
  expect(Math.max(...parts.slice(0, 3).map((p) => p[1].level))).toBe(0); // still scene before the lamp
  expect(peak(lamp, 3)).toBeGreaterThanOrEqual(20);
  expect(peak(away, 0)).toBe(0);
  expect(parts[8][1].threshold).toBe(20);
});

test('windows added, updated and removed while streaming show at the next parts; group= filters', async () => {
  const extra = { group: -1 };
  const { parts } = await readLevels('?group=0', (p) => p.length >= 2);
  expect(parts.every((p) => p.length === 1 && p[0].group === 0)).toBe(true);
  const seen = await readLevels('', (p) => p.length >= 9, (n) => {
    if (n === 2) void addWindow({ Name: 'Late', Threshold: 42 }).then((g) => (extra.group = g));
    if (n === 4) void get(cam, `/config.cgi?action=update&Motion.M${extra.group}.Threshold=43`);
    if (n === 6) void get(cam, '/config.cgi?action=remove&group=Motion.M0');
  });
  expect(seen.parts[0].map((l) => l.group)).toEqual([0]);
  expect(seen.parts.some((p) => p.some((l) => l.group === extra.group && l.threshold === 42))).toBe(true);
  expect(seen.parts[8]).toEqual([{ group: extra.group, level: 0, threshold: 43 }]);
});

test('no windows: parts keep coming with an empty body; duration ends with the close delimiter', async () => {
  await get(cam, '/config.cgi?action=remove&group=Motion.M0');
  const { raw, parts } = await readLevels('?duration=1', () => false);
  expect(parts.length).toBeGreaterThanOrEqual(2);
  expect(parts.every((p) => p.length === 0)).toBe(true);
  expect(raw.startsWith('--mdb\r\nContent-Type: text/plain\r\n\r\n')).toBe(true);
  expect(raw.endsWith('--mdb--\r\n')).toBe(true);
});

test('the stream stops sampling when the client leaves; too many streams are refused', async () => {
  const sampler = motionOf(cam.state);
  await readLevels('', (p) => p.length >= 1);
  await expect.poll(() => sampler.listenerCount, { timeout: 3000 }).toBe(0);
  const open = await Promise.all(Array.from({ length: MAX_STREAMS }, () => fetch(`${cam.url}/motion.cgi`, { headers: auth, signal: AbortSignal.timeout(8000) })));
  try {
    const refused = await get(cam, '/motion.cgi');
    expect(refused.status).toBe(429);
    expect(refused.text).toMatch(/^# Error: 16 motion streams are already open/);
  } finally {
    await Promise.all(open.map((r) => r.body!.cancel()));
  }
  await expect.poll(() => sampler.listenerCount, { timeout: 3000 }).toBe(0);
});

test('bad requests are refused before streaming', async () => {
  expect((await get(cam, '/motion.cgi?group=7')).text).toBe('# Error: group: there is no motion window M7\r\n');
  expect((await get(cam, '/motion.cgi?group=x')).text).toMatch(/is not a motion window number/);
  expect((await get(cam, '/motion.cgi?duration=0')).text).toMatch(/duration: 0 is out of range 1\.\.86400/);
  expect((await get(cam, '/motion.cgi?fps=5')).text).toMatch(/unknown parameter fps/);
});

function rect(r: { left: number; top: number; right: number; bottom: number }) {
  return { Left: r.left, Top: r.top, Right: r.right, Bottom: r.bottom };
}
