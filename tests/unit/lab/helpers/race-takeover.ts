// Child process for the refresh-against-take-over test: after the test's go (IPC, see
// startChild), keeps trying to take camera argv[2]'s lease in dir argv[3] until the time the
// test sent. Leases have the smallest ttl; a holder now and then stalls its event loop till its
// lease is about to expire, so its refresh races the others' take-over of the expired lease, and
// its release races them too. It reports the intervals in which it knew it held the lease, and
// how often it lost one (taken over).
//
// An interval runs from the first to the last moment `t` such that held() was true when asked
// right after `t` was read: so it lies within the time the lease file carried this child's
// token, whatever the load. Two children's intervals can only overlap if a token came back to
// the file after it was replaced (a refresh writing over a take-over).
import { acquireLease } from '../../../../rigs/lab/lease.ts';

export type TakeoverCommand = { until: number };
export type TakeoverReport = { ready: true } | { intervals: [number, number][]; lost: number; surprises: string[] };

const TTL_MS = 100;
const [camera, dir] = process.argv.slice(2);
const between = (lo: number, hi: number) => lo + Math.random() * (hi - lo);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const stall = (ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end) { /* the event loop, and so the refresh timer, waits */ }
};

async function race(until: number): Promise<TakeoverReport> {
  const intervals: [number, number][] = [];
  const surprises: string[] = [];
  let lost = 0;
  while (Date.now() < until) {
    let lease;
    try {
      lease = await acquireLease(camera, { dir, ttlMs: TTL_MS, refreshMs: 20 });
    } catch (err) {
      const message = (err as Error).message;
      if (!/ is leased by pid /.test(message)) surprises.push(message);
      await sleep(1);
      continue;
    }
    let first: number | undefined;
    let last = 0;
    const holdUntil = Date.now() + between(20, 200);
    while (Date.now() < holdUntil) {
      const t = Date.now();
      if (!lease.held()) break;
      first ??= t;
      last = t;
      // Stall till about the moment the lease expires: the refresh then runs just as the
      // others, polling every millisecond, find it expired and take it over.
      if (Math.random() < 0.2) stall(Date.parse(lease.info.expiresAt) - Date.now() + between(-2, 3));
      await sleep(between(1, 5));
    }
    if (first !== undefined) intervals.push([first, last]);
    if (!lease.held()) lost++;
    await lease.release();
  }
  return { intervals, lost, surprises };
}

process.once('message', async (command: TakeoverCommand) => {
  process.send!(await race(command.until));
  process.disconnect();
});
process.send!({ ready: true } satisfies TakeoverReport);
