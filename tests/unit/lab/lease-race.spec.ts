// Leases raced by real processes (issue 13 §3): whatever the interleaving, one holder at a time.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deadPid, plantLease, startChild, type Child } from './helpers/lease-files.ts';
import type { RoundCommand, RoundReport } from './helpers/race-rounds.ts';
import type { TakeoverCommand, TakeoverReport } from './helpers/race-takeover.ts';

let dir: string;
const children: Child<unknown, unknown>[] = [];
test.beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lease-race-')); });
test.afterEach(() => {
  for (const c of children.splice(0)) if (c.process.exitCode === null && c.process.signalCode === null) c.process.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

function start<In, Out>(script: string, count: number): Child<In, Out>[] {
  return Array.from({ length: count }, () => {
    const c = startChild<In, Out>(script, ['lobby', dir]);
    children.push(c as Child<unknown, unknown>);
    return c;
  });
}

test('three processes race for one camera 200 times, free or stale: exactly one holds it every round', async () => {
  const racers = start<RoundCommand, RoundReport>('tests/unit/lab/helpers/race-rounds.ts', 3);
  for (const r of racers) expect(await r.next()).toEqual({ ready: true });
  const dead = deadPid();
  const problems: string[] = [];
  for (let round = 0; round < 200; round++) {
    // A third of the rounds start free, the others with a stale lease that all of them try to take over.
    if (round % 3 === 1) plantLease(dir, 'lobby', { pid: dead });
    if (round % 3 === 2) plantLease(dir, 'lobby', { host: 'another-host', pid: 1, expiresAt: new Date(Date.now() - 1000).toISOString() });
    const startAt = Date.now() + 5; // every racer has the word by then, and spins till it
    const reports = await Promise.all(racers.map((r) => r.ask({ round, startAt })));
    const winners = reports.filter((r) => 'won' in r && r.won) as { pid: number }[];
    if (winners.length !== 1) problems.push(`round ${round}: ${winners.length} winners: ${JSON.stringify(reports)}`);
    for (const r of reports) {
      if (!('won' in r) || r.won) continue;
      const byWinner = `camera "lobby" is leased by pid ${winners[0]?.pid} on ${os.hostname()} since `;
      if (!r.error.startsWith(byWinner)) problems.push(`round ${round}: a loser was told ${JSON.stringify(r.error)}`);
    }
    for (const w of winners) {
      const done = await racers.find((r) => r.process.pid === w.pid)!.ask({ release: round });
      if (!('released' in done)) problems.push(`round ${round}: pid ${w.pid} answered ${JSON.stringify(done)} to release`);
      else problems.push(...done.troubles);
    }
    const left = fs.readdirSync(dir);
    if (left.length) problems.push(`round ${round}: left behind after release: ${left.join(', ')}`);
    if (problems.length > 10) break;
  }
  expect(problems).toEqual([]);
  for (const r of racers) r.process.send({ done: true } satisfies RoundCommand);
});

test('refresh against take-over: holders that stall past their ttl never overlap with the ones taking over', async () => {
  const racers = start<TakeoverCommand, TakeoverReport>('tests/unit/lab/helpers/race-takeover.ts', 3);
  for (const r of racers) expect(await r.next()).toEqual({ ready: true });
  const until = Date.now() + 1500;
  const reports = await Promise.all(racers.map((r) => r.ask({ until })));
  const results = reports.map((r) => {
    if (!('intervals' in r)) throw new Error(`unexpected report ${JSON.stringify(r)}`);
    return r;
  });
  expect(results.flatMap((r) => r.surprises)).toEqual([]);
  // The race really happened: leases changed hands, also by take-over of a stalled holder.
  expect(results.filter((r) => r.intervals.length > 0).length).toBeGreaterThanOrEqual(2);
  expect(results.reduce((n, r) => n + r.lost, 0)).toBeGreaterThanOrEqual(3);
  const overlaps: string[] = [];
  results.forEach((a, i) => results.slice(i + 1).forEach((b, k) => {
    for (const [aFrom, aTo] of a.intervals) {
      for (const [bFrom, bTo] of b.intervals) {
        if (aFrom < bTo && bFrom < aTo) overlaps.push(`racer ${i} held it ${aFrom}-${aTo}, racer ${i + 1 + k} ${bFrom}-${bTo}`);
      }
    }
  }));
  expect(overlaps).toEqual([]);
});
