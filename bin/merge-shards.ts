// One sign-off spread over several stations: each station runs a shard and keeps a blob,
//   station i:  PLAYWRIGHT_BLOB_OUTPUT_DIR=blob-i npx playwright test --shard=i/N --reporter=blob
// the blobs are copied into one folder (report-1.zip, report-2.zip, ...), then
//   npx tsx bin/merge-shards.ts <blob-folder> --model IPC-7100 --firmware V5.0.2.3843
// merges them (playwright merge-reports with bin/merge.config.ts, its run folder and identity
// handed over in a run file, HIL_RUN_FILE, as npm start does) into reports/<model>/<firmware>/
// and publishes it like `npm start` does: verdict, signoff.md, Allure report, combined report,
// comparison. Exit 0 iff PASS.

import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { childEnvironment, defaultProfilePath, OptionsError, runOptions, writeRunFile } from '../fixtures/options.ts';
import type { Identity } from '../lib/signoff/identity.ts';
import { loadProfile } from '../lib/signoff/profile.ts';
import { harnessVersion } from '../lib/signoff/reporters.ts';
import { runDir, runFiles } from '../lib/signoff/report-paths.ts';
import { runAttached } from '../lib/signoff/child-process.ts';
import { junitFile } from '../lib/signoff/junit.ts';

const USAGE = 'usage: npx tsx bin/merge-shards.ts <blob-folder> --model NAME --firmware VERSION [--profile FILE] [--physical] [--no-html] [--no-pdf]';
const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      model: { type: 'string' }, firmware: { type: 'string' }, profile: { type: 'string' },
      physical: { type: 'boolean' }, 'no-html': { type: 'boolean' }, 'no-pdf': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const blobs = positionals[0];
  if (!blobs || !values.model || !values.firmware) throw new Error(USAGE);
  if (!existsSync(blobs)) throw new Error(`blob folder ${blobs} does not exist`);
  const zips = readdirSync(blobs).filter((f) => f.endsWith('.zip'));
  if (!zips.length) throw new Error(`${blobs} holds no blob report (*.zip): run each shard with --reporter=blob first`);

  const identity: Identity = { model: values.model, firmware: values.firmware };
  const kind = values.physical ? 'physical' : 'virtual';
  const options = runOptions();
  // --physical: the shards ran against a physical camera, judged with physical.json unless a profile is named.
  const profilePath = resolve(values.profile ?? (values.physical && options.profileFrom === 'target' ? defaultProfilePath(true) : options.profilePath));
  const profile = loadProfile(profilePath);
  const dir = runDir(identity.model, identity.firmware, options.reportsRoot);
  mkdirSync(dir, { recursive: true });
  rmSync(runFiles(dir).results, { force: true });
  rmSync(junitFile(dir), { force: true });
  console.log(`merging ${zips.length} blob reports (${zips.join(', ')}) into ${relative(process.cwd(), dir) || dir}`);

  const cli = join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
  const runFile = writeRunFile({ signoff: true, reportDir: dir, profilePath, handOver: { identity } });
  let code: number;
  try {
    code = await runAttached(process.execPath, [cli, 'merge-reports', '--config', join(ROOT, 'bin', 'merge.config.ts'), resolve(blobs)], { cwd: ROOT, env: childEnvironment({ HIL_RUN_FILE: runFile.path }) });
  } finally {
    runFile.remove();
  }
  if (code !== 0) console.log(`merge-reports exited with ${code}`);

  // Loaded only now: the report code costs two seconds of start-up that --help and a refused
  // argument need not pay.
  const { publishRun } = await import('../lib/signoff/publish.ts');
  const published = await publishRun({
    dir, profile, identity, harnessVersion: harnessVersion(), html: !values['no-html'], pdf: values['no-pdf'] ? false : undefined, chromiumPath: options.chromiumPath,
    target: { kind, url: `${zips.length} shards`, relay: 'per station' },
  });
  const s = published.signoff;
  console.log(`VERDICT: ${s.verdict} — ${identity.model} firmware ${identity.firmware} (${s.counts.total} tests from ${zips.length} shards)`);
  for (const r of s.reasons.slice(0, 15)) console.log(`  - ${r.split('\n')[0]}`);
  console.log(`sign-off: ${relative(process.cwd(), published.signoffMd)}`);
  if (published.report) console.log(`report:   ${relative(process.cwd(), published.report)}`);
  return s.verdict === 'PASS' ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    // A bad setting is one line naming it, as in npm start.
    if (err instanceof OptionsError) console.error(`merge-shards: ${err.message}; nothing started`);
    else console.error(`merge-shards: ${(err as Error).message ?? err}`);
    process.exit(2);
  },
);
