// What streams cost the emulator, and how large a fleet one emulator process can stream at
// the full rate. The emulator runs as its own process (the CLI, emulator-child.ts) and the
// viewers in reader processes (reader-pool.ts), so the figures are the emulator's alone.
//
// 1. CPU per stream: one camera (`--count 1`). Its process CPU time (utime + stime from
//    /proc/<pid>/stat, every thread, sharp's encoder pool included) over S seconds, while
//    idle (the baseline, same run) and while serving, at 640x480@30 and at 1920x1080@30:
//      - 1 viewer;
//      - 4 viewers of the same settings (one stream: one render + encode per tick, 4 sends);
//      - 4 streams of different compressions (4 renders + encodes per tick);
//      - 1 viewer while the head pans (the scene changes every frame; else a still scene is
//        encoded once per OSD second and shared, rigs/virtual-camera/video/shared-pictures.ts).
//    Printed: the process's CPU in % of one core, and (that - idle) / streams, the cost of one
//    stream (for the 4 viewers of one stream: per viewer). The delivered fps says whether the
//    camera kept up (at 1080p it may not on 2 cores: then the CPU is what it managed).
// 2. Largest fleet at 30.00 fps ± 0.1 %: `--count N` for N = 1, 2, 4, 8, 16 (--counts), one
//    640x480@30 viewer per camera, still scene; per N the lowest and highest camera's fps, the
//    interval p99 and max over all viewers, dropped frames (COM seq gaps) and the emulator's
//    CPU. A step holds when every camera's fps is within ± 0.1 % and none dropped a frame;
//    the first step that does not hold ends the series. The answer: the largest N that held.
// Every wait has a timeout and every child is killed at the end, on error and on Ctrl-C
// (child-cleanup.ts). Loopback only. Exit 1 when a bench step failed to run (not when the
// fleet was too slow: that is a figure).
//   npx tsx bench/fleet-streams.ts [--seconds 8] [--counts 1,2,4,8,16] [--readers 2] [--only cpu|fleet]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { CAMERA_AUTH, startEmulator, type EmulatorChild } from './emulator-child.ts';
import { describeReaders, ReaderPool } from './reader-pool.ts';
import { FPS, fpsError, holdsRate, summarise, type StreamFigures } from './stream-stats.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '8' },
    counts: { type: 'string', default: '1,2,4,8,16' },
    readers: { type: 'string', default: '2' },
    only: { type: 'string' },
  },
});
const SECONDS = Number(values.seconds);
const COUNTS = values.counts!.split(',').map(Number);
const READERS = Number(values.readers);
if (!(SECONDS >= 3 && SECONDS <= 60)) throw new Error(`--seconds must be 3..60, got ${values.seconds}`);
if (!COUNTS.every((n, i) => Number.isInteger(n) && n >= 1 && n <= 64 && (i === 0 || n > COUNTS[i - 1])))
  throw new Error(`--counts must list increasing integers 1..64 (the emulator's --count range), got ${values.counts}`);
if (!(Number.isInteger(READERS) && READERS >= 1 && READERS <= 64)) throw new Error(`--readers must be an integer 1..64, got ${values.readers}`);
if (values.only !== undefined && values.only !== 'cpu' && values.only !== 'fleet') throw new Error(`--only must be cpu or fleet, got ${values.only}`);
const MS = SECONDS * 1000;
/** The pan scenario starts at one pan limit: 340 degrees at 36 deg/s leave 9 s of move. */
const PAN_MS = Math.min(MS, 9000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

async function get(url: string): Promise<void> {
  const res = await fetch(url, { headers: { authorization: CAMERA_AUTH }, signal: AbortSignal.timeout(15_000) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status} ${text.trim().slice(0, 200)}`);
}

/** The emulator's CPU while `work` runs, as a fraction of one core over the wall time. */
async function cpuDuring<T>(camera: EmulatorChild, work: () => Promise<T>): Promise<{ result: T; core: number }> {
  const cpu0 = camera.cpuMs();
  const t0 = performance.now();
  const result = await work();
  return { result, core: (camera.cpuMs() - cpu0) / (performance.now() - t0) };
}

// ---- 1. CPU per stream --------------------------------------------------------------------

async function cpuPerStream(pool: ReaderPool): Promise<void> {
  const camera = await startEmulator(1);
  try {
    const [url] = camera.urls;
    await get(`${url}/image.jpg`); // builds the panorama before anything is timed
    await sleep(1000); // let the start-up's garbage collection and JIT settle
    const idle = (await cpuDuring(camera, () => sleep(MS))).core;
    console.log(`\n1. CPU per stream: one camera (emulator process ${camera.pid}), ${SECONDS} s per scenario; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log(`idle emulator: ${pct(idle)} of a core (the baseline)\n`);
    console.log('scenario                                           streams  emulator CPU  per stream  fps min  fps max  dropped');
    for (const [w, h] of [
      [640, 480],
      [1920, 1080],
    ]) {
      const video = (q = '') => `${url}/video.cgi?resolution=${w}x${h}&fps=${FPS}${q}`;
      const scenarios: { name: string; urls: string[]; streams: number; ms: number; pan?: boolean }[] = [
        { name: '1 viewer', urls: [video()], streams: 1, ms: MS },
        { name: '4 viewers, one stream', urls: Array(4).fill(video()), streams: 4, ms: MS },
        { name: '4 streams (compression 20/30/40/50)', urls: [20, 30, 40, 50].map((c) => video(`&compression=${c}`)), streams: 4, ms: MS },
        { name: '1 viewer, panning', urls: [video()], streams: 1, ms: PAN_MS, pan: true },
      ];
      for (const s of scenarios) {
        if (s.pan) {
          await get(`${url}/ptz.cgi?pan=-170&tilt=0&zoom=1&speed=100`);
          await sleep(3500);
          await get(`${url}/ptz.cgi?continuouspantiltmove=30,0`);
        }
        const { result: read, core } = await cpuDuring(camera, () => pool.read(s.urls, s.ms, CAMERA_AUTH));
        if (s.pan) await get(`${url}/ptz.cgi?continuouspantiltmove=0,0`);
        const f = summarise(s.name, read.streams);
        const name = `${w}x${h}@${FPS}, ${s.name}`;
        console.log(
          `${name.padEnd(50)} ${String(s.streams).padStart(7)} ${pct(core).padStart(13)} ${pct((core - idle) / s.streams).padStart(11)} ${f.fpsMin.toFixed(3).padStart(8)} ${f.fpsMax.toFixed(3).padStart(8)} ${String(f.dropped).padStart(8)}`,
        );
      }
    }
  } finally {
    await camera.stop();
  }
}

// ---- 2. Largest fleet at the full rate -------------------------------------------------

interface Step {
  count: number;
  figures?: StreamFigures;
  cpu?: number;
  /** Why the step did not hold (rate, drops, a viewer without frames). */
  failure?: string;
}

async function fleetStep(pool: ReaderPool, count: number): Promise<Step> {
  const fleet = await startEmulator(count);
  try {
    await get(`${fleet.urls[0]}/image.jpg`); // the panorama is drawn once per process
    await sleep(1000);
    const { result: read, core } = await cpuDuring(fleet, () =>
      pool.read(
        fleet.urls.map((u) => `${u}/video.cgi?resolution=640x480&fps=${FPS}`),
        MS,
        CAMERA_AUTH,
      ),
    );
    let figures: StreamFigures;
    try {
      figures = summarise(`--count ${count}`, read.streams);
    } catch (e) {
      return { count, cpu: core, failure: (e as Error).message };
    }
    const failure = !holdsRate(figures.fpsMin)
      ? `camera fps ${figures.fpsMin.toFixed(3)} (${fpsError(figures.fpsMin)})`
      : !holdsRate(figures.fpsMax)
        ? `camera fps ${figures.fpsMax.toFixed(3)} (${fpsError(figures.fpsMax)})`
        : figures.dropped > 0
          ? `${figures.dropped} frames dropped`
          : undefined;
    console.log(`  --count ${String(count).padEnd(3)} ${describeReaders(read.readers)}`);
    return { count, figures, cpu: core, failure };
  } finally {
    await fleet.stop();
  }
}

async function largestFleet(pool: ReaderPool): Promise<void> {
  console.log(`\n2. Largest fleet at ${FPS}.00 fps ± 0.1 %, one 640x480@${FPS} viewer per camera, ${SECONDS} s per step; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const steps: Step[] = [];
  for (const count of COUNTS) {
    const step = await fleetStep(pool, count);
    steps.push(step);
    if (step.failure) break;
  }
  console.log('\ncameras  fps min   error   fps max  capture fps  p99 ms  max ms  dropped  emulator CPU  held');
  for (const s of steps) {
    const f = s.figures;
    const cols = f
      ? `${f.fpsMin.toFixed(3).padStart(7)} ${fpsError(f.fpsMin).padStart(8)} ${f.fpsMax.toFixed(3).padStart(8)} ${f.captureFps.toFixed(3).padStart(12)} ${f.p99.toFixed(2).padStart(7)} ${f.max.toFixed(2).padStart(7)} ${String(f.dropped).padStart(8)}`
      : ''.padStart(60);
    console.log(`${String(s.count).padStart(7)}  ${cols} ${(s.cpu === undefined ? '-' : pct(s.cpu)).padStart(13)}  ${s.failure ? `no: ${s.failure}` : 'yes'}`);
  }
  // The series stops at the first step that did not hold: the ones that held come first.
  const held = steps.filter((s) => !s.failure);
  const largest = held[held.length - 1];
  console.log(
    largest
      ? `\nlargest fleet that held ${FPS}.00 fps ± 0.1 % with no frame dropped: ${largest.count} camera${largest.count > 1 ? 's' : ''}${held.length === COUNTS.length ? ` (every step held; ${largest.count < 64 ? 'try larger --counts' : "64 is the emulator's --count limit"})` : ''}`
      : `\nno fleet held ${FPS}.00 fps ± 0.1 %: not even ${COUNTS[0]} camera${COUNTS[0] > 1 ? 's' : ''}`,
  );
}

// ---- main ---------------------------------------------------------------------------------

const maxViewers = Math.max(values.only === 'cpu' ? 4 : COUNTS[COUNTS.length - 1], values.only === 'fleet' ? 1 : 4);
const pool = await ReaderPool.start(Math.min(READERS, maxViewers));
const t0 = performance.now();
try {
  console.log(`fleet streams: ${pool.size} reader process${pool.size > 1 ? 'es' : ''}, the viewers dealt round-robin over them`);
  if (values.only !== 'fleet') await cpuPerStream(pool);
  if (values.only !== 'cpu') await largestFleet(pool);
  console.log(`\nbench took ${((performance.now() - t0) / 1000).toFixed(0)} s`);
} finally {
  await pool.close();
}
