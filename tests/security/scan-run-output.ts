// After a run: is there a credential in anything it wrote? Scans reports/ and
// test-results/ (and any files or folders given, e.g. a saved console log) for the
// passwords of the run (known-secrets.ts) and for Authorization headers in clear —
// transcripts, attachments (Allure's files and the JSON report's Base64 bodies), results
// and reports; Playwright's copies of test source (error contexts, code frames) do not
// count (credential-scan.ts; tests/unit/robustness/credential-scan.spec.ts shows both).
//   npx tsx tests/security/scan-run-output.ts [more files or folders...]
// Prints `file:line: what` per finding (never the secret) and exits 1 when there is any,
// 0 when the output is clean.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runOptions } from '../../fixtures/options.ts';
import { describeFindings, scanForCredentials } from './credential-scan.ts';
import { knownSecrets, runTarget } from './known-secrets.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const roots = [`${root}reports`, `${root}test-results`, ...process.argv.slice(2)];
for (const r of process.argv.slice(2)) {
  if (!existsSync(r)) {
    console.error(`scan-run-output: ${r} does not exist`);
    process.exit(2);
  }
}
const result = scanForCredentials(roots, knownSecrets(runTarget(runOptions())));
console.log(`credential scan: ${result.files} files, ${(result.bytes / 1e6).toFixed(1)} MB read, ${result.skipped.length} skipped (binary or too large), ${result.findings.length} findings`);
for (const line of describeFindings(result.findings)) console.log(`  ${line}`);
process.exit(result.findings.length ? 1 : 0);
