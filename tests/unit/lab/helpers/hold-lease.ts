// Child process for the lease tests: tries to acquire argv[2]'s lease in dir argv[3]
// (ttl argv[4]; if argv[5] is given, not before that epoch ms, so that racers start
// together); prints "held" or "refused: <message>", then holds it until killed.
import { acquireLease } from '../../../../rigs/lab/lease.ts';

const [camera, dir, ttl, startAt] = process.argv.slice(2);
while (startAt && Date.now() < Number(startAt)) { /* spin: a timer would add jitter */ }
try {
  await acquireLease(camera, { dir, ttlMs: Number(ttl ?? 60_000) });
  console.log('held');
  setInterval(() => {}, 60_000);
} catch (err) {
  console.log(`refused: ${(err as Error).message}`);
}
