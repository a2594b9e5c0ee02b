// Frame rate and interval jitter of the virtual camera's MJPEG streams, measured from a
// separate process (the camera runs as a child, so its clock competes for the CPU with
// the clients as on a real test host):
//   - 640x480@30 with 1, 8 and 32 simultaneous viewers;
//   - 1920x1080@30 while the head pans continuously (the scene changes every frame);
//   - baselines in the same run: a bare drift-free setTimeout loop and a chained
//     setTimeout(period) loop in this process, at the same rate and for the same time.
// Goal: 30.00 fps +-0.1 %, interval p99 <= 35.5 ms, nothing dropped (gaps in the frames'
// COM seq numbers). fps is counted per viewer from arrival times, and from the camera's
// capture stamps (the camera clock alone, no transport jitter), and so is the p99 interval.
// With many viewers the arrival times include this process parsing every stream in turn.
// `npx tsx bench/virtual-camera-fps.ts [--seconds 10] [--clients 1,8,32]`
import { spawn, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { Agent, request } from 'undici';
import { distribution } from '../lib/media/frame-timing.ts';
import { MultipartParser } from '../lib/media/multipart.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, clients: { type: 'string', default: '1,8,32' } } });
const SECONDS = Number(values.seconds);
const CLIENTS = values.clients!.split(',').map(Number);
if (!(SECONDS >= 2 && SECONDS <= 120)) throw new Error(`--seconds must be 2..120, got ${values.seconds}`);
if (!CLIENTS.every((n) => Number.isInteger(n) && n >= 1 && n <= 128)) throw new Error(`--clients must list integers 1..128, got ${values.clients}`);
const FPS = 30;
const PERIOD = 1000 / FPS;
const AUTH = `Basic ${Buffer.from('root:pass').toString('base64')}`;
const agent = new Agent({ connections: 256, headersTimeout: 15_000, bodyTimeout: 15_000 });

interface Frame {
  at: number;
  seq: number;
  capture: number;
}

interface Row {
  name: string;
  fps: number;
  captureFps?: number;
  /** p99 of the intervals between capture stamps: the camera's clock alone. */
  captureP99?: number;
  p99: number;
  max: number;
  dropped?: number;
  frames: number;
}

async function startCamera(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'rigs/virtual-camera/cli.ts', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('virtual camera did not start within 20 s')), 20_000);
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) (clearTimeout(timer), resolve(m[1]));
    });
    child.on('exit', (code) => (clearTimeout(timer), reject(new Error(`virtual camera exited with ${code}`))));
  });
  return { url, child };
}

async function get(url: string): Promise<string> {
  const res = await request(url, { dispatcher: agent, headers: { authorization: AUTH } });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${text.trim()}`);
  return text;
}

const STAMP = /camera-hil seq=(\d+) capture=([\d.]+)/;

/** One viewer for `ms`: arrival time, seq and capture stamp of every frame. */
async function view(url: string, ms: number): Promise<Frame[]> {
  const res = await request(url, { dispatcher: agent, headers: { authorization: AUTH } });
  const parser = new MultipartParser(String(res.headers['content-type']));
  const frames: Frame[] = [];
  const stop = setTimeout(() => res.body.destroy(), ms);
  try {
    for await (const chunk of res.body) {
      for (const part of parser.push(chunk as Buffer)) {
        const m = STAMP.exec(part.body.subarray(0, 128).toString('latin1'));
        if (!m) throw new Error('frame without the camera-hil stamp');
        frames.push({ at: part.arrivedAt, seq: Number(m[1]), capture: Number(m[2]) });
      }
    }
  } catch (e) {
    if (!res.body.destroyed) throw e;
  } finally {
    clearTimeout(stop);
  }
  return frames;
}

function summarise(name: string, perViewer: Frame[][]): Row {
  // The first frames of a viewer arrive as the stream starts up; time from the second on.
  const usable = perViewer.map((f) => f.slice(1)).filter((f) => f.length > 2);
  if (usable.length === 0) throw new Error(`${name}: no viewer got frames`);
  const rate = (f: Frame[], key: 'at' | 'capture') => ((f.length - 1) * 1000) / (f[f.length - 1][key] - f[0][key]);
  const intervals = usable.flatMap((f) => f.slice(1).map((x, i) => x.at - f[i].at));
  const d = distribution(intervals)!;
  const captureIntervals = usable.flatMap((f) => f.slice(1).map((x, i) => x.capture - f[i].capture));
  const dropped = usable.reduce((n, f) => n + (f[f.length - 1].seq - f[0].seq + 1 - f.length), 0);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    name,
    fps: mean(usable.map((f) => rate(f, 'at'))),
    captureFps: mean(usable.map((f) => rate(f, 'capture'))),
    captureP99: distribution(captureIntervals)!.p99,
    p99: d.p99,
    max: d.max,
    dropped,
    frames: usable.reduce((n, f) => n + f.length, 0),
  };
}

/** Baselines: tick times of a drift-free loop and of a chained relative-setTimeout loop. */
function baselines(ms: number): Promise<Row[]> {
  const loop = (driftFree: boolean) =>
    new Promise<number[]>((resolve) => {
      const ticks: number[] = [];
      const start = performance.now();
      const tick = () => {
        const now = performance.now();
        ticks.push(now);
        if (now - start >= ms) return resolve(ticks);
        // Tick i (from 1) is due at start + i x period; ticks.length ticks have run.
        setTimeout(tick, driftFree ? Math.max(0, start + (ticks.length + 1) * PERIOD - performance.now()) : PERIOD);
      };
      setTimeout(tick, PERIOD);
    });
  const row = (name: string, t: number[]): Row => {
    const d = distribution(t.slice(1).map((x, i) => x - t[i]))!;
    return { name, fps: ((t.length - 1) * 1000) / (t[t.length - 1] - t[0]), p99: d.p99, max: d.max, frames: t.length };
  };
  return Promise.all([loop(true), loop(false)]).then(([a, b]) => [row('baseline: drift-free setTimeout loop', a), row('baseline: chained setTimeout(period)', b)]);
}

function print(rows: Row[], reference: Row): void {
  const err = (fps: number) => `${(((fps - FPS) / FPS) * 100).toFixed(3)}%`;
  console.log('\nscenario                                   fps      error   capture fps  capture p99  p99 ms  max ms  dropped  frames  p99/baseline');
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(40)} ${r.fps.toFixed(3).padStart(7)} ${err(r.fps).padStart(8)} ${(r.captureFps?.toFixed(3) ?? '-').padStart(12)} ${(r.captureP99?.toFixed(2) ?? '-').padStart(12)} ${r.p99.toFixed(2).padStart(7)} ${r.max.toFixed(2).padStart(7)} ${String(r.dropped ?? '-').padStart(8)} ${String(r.frames).padStart(7)} ${(r.p99 / reference.p99).toFixed(3).padStart(13)}`,
    );
  }
  console.log(`\ngoal: ${FPS}.00 fps +-0.1 %, interval p99 <= 35.5 ms, dropped 0`);
}

const { url, child } = await startCamera();
const stopChild = () => child.kill('SIGTERM');
process.on('exit', stopChild);
try {
  const ms = SECONDS * 1000;
  console.log(`virtual camera at ${url} (child process ${child.pid}); ${SECONDS} s per scenario; load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  await get(`${url}/image.jpg`); // builds the panorama before anything is timed
  const rows: Row[] = await baselines(ms);
  for (const n of CLIENTS) {
    const q = `${url}/video.cgi?resolution=640x480&fps=${FPS}`;
    rows.push(summarise(`640x480@30, ${n} viewer${n > 1 ? 's' : ''}`, await Promise.all(Array.from({ length: n }, () => view(q, ms)))));
  }
  // 1080p while panning: start at one pan limit so the move lasts the whole window.
  await get(`${url}/ptz.cgi?pan=-170&tilt=0&zoom=1&speed=100`);
  await new Promise((r) => setTimeout(r, 3500));
  await get(`${url}/ptz.cgi?continuouspantiltmove=30,0`);
  const panMs = Math.min(ms, 9000); // 340 degrees at 36 deg/s
  rows.push(summarise('1920x1080@30, panning, 1 viewer', [await view(`${url}/video.cgi?resolution=1920x1080&fps=${FPS}`, panMs)]));
  await get(`${url}/ptz.cgi?continuouspantiltmove=0,0`);
  print(rows, rows[0]);
} finally {
  stopChild();
  await agent.close();
}
