// No credential in anything a run writes: reports, transcripts, logs, error messages.
// The scanner (credential-scan.ts) is first shown to find what it must find, naming the
// file, and to leave ordinary words alone; then it reads everything written so far under
// reports/ and test-results/. tests/security/scan-run-output.ts runs the same scan after
// a whole run (CI), when every file is written. That copies of test source (a failing
// test's error context) do not count, and attachments do, is shown on a real run in
// tests/unit/robustness/credential-scan.spec.ts.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beyondSpec, expect, test } from '../../fixtures/index.ts';
import { Camera, Transcript } from '../../lib/camera/index.ts';
import { describeFindings, scanForCredentials } from './credential-scan.ts';
import { knownSecrets } from './known-secrets.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NO_CREDENTIALS = 'no credential in what a run writes';

test.describe('credentials', () => {
  test('the scanner finds planted credentials, naming the file, and ignores ordinary words', beyondSpec(NO_CREDENTIALS), async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hil-scan-'));
    try {
      mkdirSync(join(dir, 'deep', 'er'), { recursive: true });
      const strong = 'Sw0rdfish-Strong-91';
      const secrets = [{ label: 'strong one', value: strong, user: 'alice' }, { label: 'weak one', value: 'pass', user: 'root' }];
      writeFileSync(join(dir, 'clean.txt'), 'status: passed\nthe password is <redacted>\npwd=<redacted>\nPASS verdict, pass it on\nAuthorization: Basic <redacted>\n');
      writeFileSync(join(dir, 'deep', 'er', 'transcript.txt'), `GET /usrgrp.cgi?action=add&user=alice&pwd=${encodeURIComponent(strong)}\n`);
      writeFileSync(join(dir, 'weak.log'), 'line one\nemulator --password pass started\n');
      writeFileSync(join(dir, 'basic.json'), JSON.stringify({ headers: { Authorization: `Basic ${Buffer.from('bob:whatever-1').toString('base64')}` } }));
      writeFileSync(join(dir, 'b64.md'), `token ${Buffer.from('root:pass').toString('base64')}\n`);
      writeFileSync(join(dir, 'picture.png'), `${strong}`); // binary types are not read
      const r = scanForCredentials([dir], secrets);
      const lines = describeFindings(r.findings).map((l) => l.slice(dir.length + 1));
      expect(lines.sort()).toEqual([
        'b64.md:1: weak one (Base64 of root:<password>, a Basic credential)',
        'basic.json:1: an Authorization: Basic header in clear',
        'deep/er/transcript.txt:1: strong one',
        'weak.log:2: weak one (as a password value)',
      ]);
      expect(lines.join('\n')).not.toContain(strong);
      expect(r.files).toBe(5);
      expect(r.skipped).toEqual([`${join(dir, 'picture.png')}: binary (.png)`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a refused login and its transcript do not show the password', beyondSpec(NO_CREDENTIALS), async ({ target }) => {
    const wrong = 'Hil-Wrong-Password-5e1b';
    const transcript = new Transcript({ secrets: [wrong] });
    const cam = new Camera({ url: target.url, user: target.user, password: wrong, transcript, timeoutMs: 5000 });
    try {
      const err = await cam.config.list(['Brand']).then(() => undefined, (e: Error) => e);
      expect(err?.message).toMatch(/HTTP 401/);
      expect(err?.message).not.toContain(wrong);
      const text = transcript.toText();
      expect(text).toContain('/config.cgi');
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(Buffer.from(`${target.user}:${wrong}`).toString('base64'));
    } finally {
      await cam.close();
    }
  });

  test('nothing written so far under reports/ and test-results/ holds a credential', beyondSpec(NO_CREDENTIALS), async ({ target }) => {
    const r = scanForCredentials([join(ROOT, 'reports'), join(ROOT, 'test-results')], knownSecrets(target));
    test.info().annotations.push({ type: 'scan', description: `${r.files} files, ${r.bytes} bytes read, ${r.skipped.length} skipped` });
    expect(describeFindings(r.findings), 'files holding a credential').toEqual([]);
  });
});
