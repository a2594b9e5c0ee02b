// Waiting for a sense input's level on boards that can only be polled (numato today; a
// board with interrupts would implement SenseInput.waitFor itself).
import { RelayError, SenseLevelNotReached } from './errors.ts';

/**
 * SenseInput.waitFor for boards that can only be polled: read until the level shows or
 * the time is up. Returns the milliseconds waited (to the read that saw the level).
 */
export async function pollLevel(read: () => Promise<boolean>, level: boolean, timeoutMs: number, what: string, intervalMs = 10): Promise<number> {
  if (!Number.isFinite(timeoutMs) || timeoutMs < 0) throw new RelayError('usage', `${what}: timeout must be a number of ms >= 0, got ${timeoutMs}`);
  const start = performance.now();
  for (;;) {
    const now = await read();
    const waited = performance.now() - start;
    if (now === level) return waited;
    if (waited >= timeoutMs) {
      throw new SenseLevelNotReached(`${what} did not go ${level ? 'high' : 'low'} within ${timeoutMs} ms (still ${now ? 'high' : 'low'})`);
    }
    await new Promise((r) => setTimeout(r, Math.min(intervalMs, Math.max(0, timeoutMs - waited))));
  }
}
