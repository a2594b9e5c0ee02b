// Child process for the lease tests: tries to acquire argv[2]'s lease in dir argv[3]
// (ttl argv[4]); prints "held" or "refused: <message>", then holds it until killed.
import { acquireLease } from '../../../../rigs/lab/lease.ts';

const [camera, dir, ttl] = process.argv.slice(2);
try {
  await acquireLease(camera, { dir, ttlMs: Number(ttl ?? 60_000) });
  console.log('held');
  setInterval(() => {}, 60_000);
} catch (err) {
  console.log(`refused: ${(err as Error).message}`);
}
