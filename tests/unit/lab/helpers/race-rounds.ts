// Child process for the lease race test: races its siblings for the lease of camera argv[2] in
// dir argv[3], round after round, on the test's word (IPC; the test starts it with startChild).
// A round: spin until the start time the test sent (all racers try within a few ms), try
// acquireLease, report. The winner then holds the lease, checking every millisecond that the
// lease file carries its own token and nobody else's, until the test says to release it.
import fs from 'node:fs';
import path from 'node:path';
import { acquireLease, type Lease } from '../../../../rigs/lab/lease.ts';

export type RoundCommand = { round: number; startAt: number } | { release: number } | { done: true };
export type RoundReport =
  | { ready: true }
  | { round: number; won: true; pid: number }
  | { round: number; won: false; error: string }
  | { round: number; released: true; troubles: string[] };

const [camera, dir] = process.argv.slice(2);
const file = path.join(dir, `${camera}.lease`);
const report = (r: RoundReport) => process.send!(r);

let holding: { lease: Lease; round: number; watch: NodeJS.Timeout; troubles: string[] } | undefined;

function check(h: NonNullable<typeof holding>): void {
  let token: unknown;
  try {
    token = (JSON.parse(fs.readFileSync(file, 'utf8')) as { token?: unknown }).token;
  } catch (err) {
    token = `none (${(err as Error).message})`;
  }
  if (token !== h.lease.info.token) h.troubles.push(`round ${h.round}: pid ${process.pid} holds the lease, but the lease file has token ${String(token)}`);
  else if (!h.lease.held()) h.troubles.push(`round ${h.round}: pid ${process.pid} holds the lease, but held() is false`);
}

process.on('message', async (command: RoundCommand) => {
  if ('done' in command) {
    process.disconnect(); // nothing else keeps the process alive: it exits
  } else if ('startAt' in command) {
    while (Date.now() < command.startAt) { /* spin: a timer would add jitter */ }
    try {
      const lease = await acquireLease(camera, { dir, ttlMs: 10_000 });
      const h = { lease, round: command.round, troubles: [] as string[], watch: setInterval(() => check(h), 1) };
      check(h);
      holding = h;
      report({ round: command.round, won: true, pid: process.pid });
    } catch (err) {
      report({ round: command.round, won: false, error: (err as Error).message });
    }
  } else if (holding?.round === command.release) {
    const h = holding;
    holding = undefined;
    clearInterval(h.watch);
    check(h);
    await h.lease.release();
    report({ round: h.round, released: true, troubles: h.troubles });
  } else {
    throw new Error(`told to release round ${command.release}, which pid ${process.pid} does not hold`);
  }
});
report({ ready: true });
