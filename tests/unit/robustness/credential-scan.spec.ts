// The credential scan reads what a run writes, not what its source says: a failing test
// whose source holds the password (Playwright copies the source into error-context.md,
// Allure's copy of it, and the code frames of every report) does not fail the scan, while
// the same password written into an attachment does — in Allure's attachment file and in
// the Base64 body of the JSON report. A real Playwright run of a tiny project (child
// process, the harness's own reporters), then the scan over everything it wrote.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { describeFindings, maskSourceCopies, scanForCredentials } from '../../security/credential-scan.ts';
import { PLAYWRIGHT_CLI, runNode } from '../signoff/child.ts';

const CONFIG = fileURLToPath(new URL('./fixtures/leaky-source/playwright.config.ts', import.meta.url));
/** The literal in fixtures/leaky-source/leaky.sample.ts. */
const PASSWORD = 'Leaky-Source-Secret-4c1d';

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => join(dir, f)).filter((f) => statSync(f).isFile());
}

test('a failing test whose source holds the password does not fail the scan; a written one does', async () => {
  test.setTimeout(90_000);
  const root = mkdtempSync(join(tmpdir(), 'hil-leaky-'));
  try {
    const report = join(root, 'report');
    const output = join(root, 'test-results');
    const run = await runNode([PLAYWRIGHT_CLI, 'test', '-c', CONFIG], { HIL_REPORT_DIR: report, LEAKY_OUTPUT_DIR: output, LEAKY_SECRET: PASSWORD });
    expect(run.out, 'both sample tests ran and failed').toMatch(/2 failed/);

    const written = [...files(report), ...files(output)];
    const holding = written.filter((f) => readFileSync(f, 'utf8').includes(PASSWORD));
    await test.step('the run wrote the source with the password into error contexts and reports', async () => {
      expect(written.some((f) => f.endsWith('error-context.md'))).toBe(true);
      expect(holding.filter((f) => f.endsWith('error-context.md')).length, 'error-context.md files holding the source').toBeGreaterThan(0);
      expect(holding.some((f) => f.endsWith('results.json')), 'the JSON report\'s code frame holds the source line').toBe(true);
      expect(holding.some((f) => f.endsWith('-attachment.md')), 'Allure\'s copies of the error context').toBe(true);
    });

    const r = scanForCredentials([report, output], [{ label: 'the target password', value: PASSWORD, user: 'alice' }]);
    const found = describeFindings(r.findings).map((l) => l.slice(root.length + 1));
    await test.step('the scan finds the attachment, in Allure\'s file, the JSON report\'s Base64 body and junit.xml, and nothing else', async () => {
      const inAttachments = r.findings.filter((f) => /-attachment\.txt$/.test(f.file));
      const inJson = r.findings.filter((f) => f.file.endsWith('results.json'));
      expect(inAttachments.length, `findings: ${found.join('; ')}`).toBeGreaterThan(0);
      expect(inJson.map((f) => f.what), `findings: ${found.join('; ')}`).toContain('the target password (in a Base64 attachment body)');
      for (const f of inAttachments) expect(readFileSync(f.file, 'utf8')).toContain(`pwd=${PASSWORD}`);
      // Playwright's junit reporter copies a failed test's text attachments into its failure text.
      expect(r.findings.some((f) => f.file.endsWith('junit.xml')), `junit.xml's copy of the attachment: ${found.join('; ')}`).toBe(true);
      expect(found.filter((l) => !/-attachment\.txt:|results\.json:|junit\.xml:/.test(l)), 'findings outside the written attachment').toEqual([]);
      expect(inJson.every((f) => f.what.endsWith('(in a Base64 attachment body)')), `results.json findings: ${found.join('; ')}`).toBe(true);
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('masking blanks source copies only, keeping every line number', () => {
  const context = ['# Instructions', '', '- Following Playwright test failed.', '', '# Error details', '', '```', `Error: login failed for pwd=${PASSWORD}`, '```', '', '# Test source', '', '```ts', `> 12 |   const password = '${PASSWORD}';`, '```'].join('\n');
  const masked = maskSourceCopies(context, false);
  expect(masked.split('\n')).toHaveLength(context.split('\n').length);
  expect(masked).toContain(`pwd=${PASSWORD}`); // the error message is the harness's output
  expect(masked.slice(masked.indexOf('# Error details'))).not.toContain(`'${PASSWORD}'`);

  const json = JSON.stringify({ message: `Error: x\n\n  11 |   const a = 1;\n> 12 |   const password = '${PASSWORD}';\n     | ^`, stdout: `pwd=${PASSWORD}` }, null, 2);
  const maskedJson = maskSourceCopies(json, true);
  expect(maskedJson.length).toBe(json.length);
  expect(maskedJson).not.toContain(`'${PASSWORD}'`);
  expect(maskedJson).toContain(`pwd=${PASSWORD}`);

  const log = `  ✘ test failed\n    \u001b[90m 12 |\u001b[39m const password = '${PASSWORD}';\n  transcript: pwd=${PASSWORD}\n`;
  const maskedLog = maskSourceCopies(log, false);
  expect(maskedLog).not.toContain(`'${PASSWORD}'`);
  expect(maskedLog).toContain(`pwd=${PASSWORD}`);
});
