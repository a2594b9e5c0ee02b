// Inventories written for a test, and the problem lines a rejected one is refused with.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLab } from '../../../../rigs/lab/inventory.ts';

let n = 0;

/** Writes `content` (JSON, or a string as it is) as a new lab.json file in `dir`; returns its path. */
export function labFile(dir: string, content: unknown): string {
  const file = join(dir, `lab${++n}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

/** The problem lines of a rejected inventory (one per line after the first of the error). */
export function problems(dir: string, content: unknown): string[] {
  try {
    loadLab(labFile(dir, content));
  } catch (err) {
    return (err as Error).message.split('\n').slice(1).map((l) => l.trim());
  }
  throw new Error('the inventory was accepted');
}
