// Frame rate and interval jitter of the virtual camera's MJPEG streams, the camera in a
// child process (the emulator CLI) and the viewers in other child processes (reader-pool.ts),
// so neither the camera's clock nor the frames' arrival times wait for this process:
//   - 640x480@30 with 1, 8 and 32 simultaneous viewers;
//   - 1920x1080@30 while the head pans continuously (the scene changes every frame);
//   - baselines in the same run: a bare drift-free setTimeout loop and a chained
//     setTimeout(period) loop in this process, at the same rate and for the same time.
// Goal: 30.00 fps +-0.1 %, interval p99 <= 35.5 ms, nothing dropped (gaps in the frames'
// COM seq numbers). fps is the least-squares rate per viewer (stream-stats.ts fittedFps),
// from arrival times and from the camera's capture stamps (the camera clock alone, no
// transport jitter), and so is the p99 interval; the baselines' rate is fitted the same way.
// Under each scenario a line says what reading cost the reader processes (CPU, event loop
// delay): a reader whose loop is late makes the camera look late.
//
// How many reader processes (--readers, default 2), measured on this 2-core machine at 32
// VGA viewers, 8 s, twice each (bench/README.md "Figures"): interval p99 36.8 / 37.2 ms with
// 1 reader process, 37.0 / 37.1 with 2, 38.0 / 39.8 with 4, 38.6 / 38.4 with 8; reading
// everything in this process with undici + MultipartParser as before: 43.4 / 44.1 ms. What
// took the reader out of the way is less its own process than its being cheap (5 % of a core
// for 32 streams, stream-reader.ts); beyond 2 processes the readers only compete with the
// camera for the 2 cores. 2 leaves each reader half the streams should frames grow (1080p).
// The viewers go round-robin over min(viewers, --readers) processes.
// `npx tsx bench/virtual-camera-fps.ts [--seconds 10] [--clients 1,8,32] [--readers 2]`
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { distribution } from '../lib/media/frame-timing.ts';
import { CAMERA_AUTH, startEmulator } from './emulator-child.ts';
import { describeReaders, ReaderPool } from './reader-pool.ts';
import { FPS, fittedFps, fpsError, summarise, type StreamFigures } from './stream-stats.ts';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '10' }, clients: { type: 'string', default: '1,8,32' }, readers: { type: 'string', default: '2' } },
});
const SECONDS = Number(values.seconds);
const CLIENTS = values.clients!.split(',').map(Number);
const READERS = Number(values.readers);
if (!(SECONDS >= 2 && SECONDS <= 120)) throw new Error(`--seconds must be 2..120, got ${values.seconds}`);
if (!CLIENTS.every((n) => Number.isInteger(n) && n >= 1 && n <= 64)) throw new Error(`--clients must list integers 1..64 (the camera serves at most 64 viewers), got ${values.clients}`);
if (!(Number.isInteger(READERS) && READERS >= 1 && READERS <= 64)) throw new Error(`--readers must be an integer 1..64, got ${values.readers}`);
const PERIOD = 1000 / FPS;

type Row = { name: string; p99: number; max: number; fps: number; frames: number } & Partial<StreamFigures> & { readers?: string };

async function get(url: string): Promise<string> {
  const res = await fetch(url, { headers: { authorization: CAMERA_AUTH }, signal: AbortSignal.timeout(15_000) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${text.trim()}`);
  return text;
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
    return { name, fps: fittedFps(t), p99: d.p99, max: d.max, frames: t.length };
  };
  return Promise.all([loop(true), loop(false)]).then(([a, b]) => [row('baseline: drift-free setTimeout loop', a), row('baseline: chained setTimeout(period)', b)]);
}

function print(rows: Row[], reference: Row): void {
  console.log('\nscenario                                   fps      error   capture fps  capture p99  p99 ms  max ms  dropped  frames  p99/baseline');
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(40)} ${r.fps.toFixed(3).padStart(7)} ${fpsError(r.fps).padStart(8)} ${(r.captureFps?.toFixed(3) ?? '-').padStart(12)} ${(r.captureP99?.toFixed(2) ?? '-').padStart(12)} ${r.p99.toFixed(2).padStart(7)} ${r.max.toFixed(2).padStart(7)} ${String(r.dropped ?? '-').padStart(8)} ${String(r.frames).padStart(7)} ${(r.p99 / reference.p99).toFixed(3).padStart(13)}`,
    );
    if (r.readers) console.log(`  ${r.readers}`);
  }
  console.log(`\ngoal: ${FPS}.00 fps +-0.1 %, interval p99 <= 35.5 ms, dropped 0`);
}

const camera = await startEmulator(1);
const [url] = camera.urls;
const pool = await ReaderPool.start(Math.min(READERS, Math.max(...CLIENTS))).catch(async (e) => {
  await camera.stop();
  throw e;
});
try {
  const ms = SECONDS * 1000;
  console.log(
    `virtual camera at ${url} (emulator process ${camera.pid}); ${pool.size} reader process${pool.size > 1 ? 'es' : ''}; ${SECONDS} s per scenario; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`,
  );
  await get(`${url}/image.jpg`); // builds the panorama before anything is timed
  const rows: Row[] = await baselines(ms);
  const scenario = async (name: string, urls: string[], windowMs: number) => {
    const read = await pool.read(urls, windowMs, CAMERA_AUTH);
    rows.push({ name, ...summarise(name, read.streams), readers: describeReaders(read.readers) });
  };
  for (const n of CLIENTS) {
    await scenario(`640x480@30, ${n} viewer${n > 1 ? 's' : ''}`, Array(n).fill(`${url}/video.cgi?resolution=640x480&fps=${FPS}`), ms);
  }
  // 1080p while panning: start at one pan limit so the move lasts the whole window.
  await get(`${url}/ptz.cgi?pan=-170&tilt=0&zoom=1&speed=100`);
  await new Promise((r) => setTimeout(r, 3500));
  await get(`${url}/ptz.cgi?continuouspantiltmove=30,0`);
  const panMs = Math.min(ms, 9000); // 340 degrees at 36 deg/s
  await scenario('1920x1080@30, panning, 1 viewer', [`${url}/video.cgi?resolution=1920x1080&fps=${FPS}`], panMs);
  await get(`${url}/ptz.cgi?continuouspantiltmove=0,0`);
  print(rows, rows[0]);
} finally {
  await Promise.all([pool.close(), camera.stop()]);
}
