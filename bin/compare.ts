// Firmware comparison of two sign-off folders of the same model:
//   npx tsx bin/compare.ts reports/<model>/<fwA> reports/<model>/<fwB> [--tolerance 0.1]
// Prints markdown and writes comparison-<older>-vs-<newer>.md beside the newer firmware.
// Exit 0 when nothing regressed, 1 when something did, 2 on bad input.

import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npx tsx bin/compare.ts <report-folder-A> <report-folder-B> [--tolerance 0.1]';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { tolerance: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 2) throw new Error(USAGE);
  const tolerance = values.tolerance !== undefined ? Number(values.tolerance) : 0.1;
  if (!(tolerance >= 0)) throw new Error(`--tolerance must be a non-negative fraction (0.1 = 10%), got ${values.tolerance}`);
  const [a, b] = positionals;
  // Loaded only now: the report code costs two seconds of start-up, which --help and a
  // wrong argument need not pay.
  const { writeComparison } = await import('../lib/signoff/publish.ts');
  const { file, markdown, comparison } = writeComparison(a, b, tolerance);
  process.stdout.write(markdown);
  console.error(`written: ${relative(process.cwd(), file) || file}`);
  return comparison.regressions.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`compare: ${(err as Error).message}`);
    process.exit(2);
  },
);
