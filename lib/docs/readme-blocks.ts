// Tables README shows that are printed from the code (`npx tsx bin/readme-tables.ts --write`):
// each lives between `<!-- NAME:start -->` and `<!-- NAME:end -->` markers, and a unit test
// checks README's copy against the code, so the documentation cannot drift from it.
import { fileURLToPath } from 'node:url';

export const README_PATH = fileURLToPath(new URL('../../README.md', import.meta.url));

function markers(name: string): [string, string] {
  return [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`];
}

/** The block as README holds it between its markers, or undefined without markers. */
export function readBlock(readme: string, name: string): string | undefined {
  const [start, end] = markers(name);
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  return a < 0 || b < a ? undefined : readme.slice(a + start.length, b).trim();
}

export function withBlock(readme: string, name: string, content: string): string {
  const [start, end] = markers(name);
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README has no ${start} ... ${end} markers`);
  return `${readme.slice(0, a + start.length)}\n${content}\n${readme.slice(b)}`;
}
