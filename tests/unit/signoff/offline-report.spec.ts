// The archived report opens from disk, offline, and asks nothing of the network: real runs of
// the sample project for two firmware versions, published as `npm start` publishes them (the
// per-firmware report and the combined report), each opened as file:// in Chromium with the
// network off. Every request the page makes is recorded; anything that is not file:, data: or
// blob: fails the test, as does a request the page's Content-Security-Policy had to block.
// The page must list the tests, show a test's steps, and render an attachment's content.

import { test, expect, chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { readFileSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../../../fixtures/browser.ts';
import { runOptions } from '../../../fixtures/options.ts';
import { skipBecause } from '../../../fixtures/skip.ts';
import { makeOffline, OfflineReportError, reportDataFile } from '../../../lib/signoff/offline-report.ts';
import { loadProfile } from '../../../lib/signoff/profile.ts';
import { publishRun } from '../../../lib/signoff/publish.ts';
import { runDir } from '../../../lib/signoff/report-paths.ts';
import { PLAYWRIGHT_CLI, SAMPLE_CONFIG, SAMPLE_PROFILE, runNode, signoffRunEnv } from './child.ts';
import { removeTempDirs, tempDir } from './synthetic.ts';

// Two child Playwright runs, two Allure reports and one Chromium: about 30 CPU-seconds, which
// a loaded two-core host stretches past a minute.
test.setTimeout(120_000);
test.afterAll(removeTempDirs);

const TESTS = ['mjpeg keeps its frame rate', 'snapshot answers quickly', 'reboot comes back', 'hard factory default'];
const ALLOWED = /^(file|data|blob):/;

/** Runs the sample project as a camera of `firmware` would be signed off; returns the run folder. */
async function sampleRun(root: string, firmware: string): Promise<string> {
  const identity = { model: 'IPC-7100', firmware };
  const dir = runDir(identity.model, firmware, root);
  const env = signoffRunEnv(dir, identity);
  const { code, out } = await runNode([PLAYWRIGHT_CLI, 'test', '-c', SAMPLE_CONFIG], env);
  expect(code, out).toBe(0);
  return dir;
}

/** A context with the network off that records every request leaving the file and refuses it. */
async function offlineContext(browser: Browser): Promise<{ context: BrowserContext; outside: string[] }> {
  const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15_000);
  const outside: string[] = [];
  context.on('request', (r) => {
    if (!ALLOWED.test(r.url())) outside.push(`${r.resourceType()} ${r.url()}`);
  });
  // Refused here as well, so nothing can leave even if `offline` let something through.
  await context.route('**', (route) => (ALLOWED.test(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
  return { context, outside };
}

/** Opens every group of the report's tree (epic › feature › story), so every test is listed. */
async function expandTree(page: Page): Promise<void> {
  // The first render parses the inlined 2.7 MB app and the data: seconds, more on a busy host.
  await page.getByTestId('tree-section').first().waitFor({ timeout: 45_000 });
  const opened = new Set<string>();
  for (;;) {
    const ids = await page.getByTestId('tree-section').evaluateAll((els) => els.map((e) => e.getAttribute('data-tree-node-id') ?? ''));
    const next = ids.find((id) => id && !opened.has(id));
    if (!next) return;
    opened.add(next);
    await page.locator(`[data-tree-node-id="${next}"] [data-testid="tree-section-title"]`).first().click();
  }
}

/**
 * Opens `file` offline and checks that it lists every test once per firmware, shows a test's
 * steps and an attachment's content; returns what went wrong.
 */
async function checkReport(browser: Browser, file: string, firmwares: string[]): Promise<{ outside: string[]; problems: string[] }> {
  const { context, outside } = await offlineContext(browser);
  const problems: string[] = [];
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  // A load the Content-Security-Policy blocked is a request the report tried to make.
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(`blocked: ${m.text()}`);
  });
  try {
    await page.goto(pathToFileURL(file).href);
    await test.step('the tree lists every test', async () => {
      // The combined report groups the tests by firmware, one Allure environment each.
      await expandTree(page);
      if (firmwares.length > 1) for (const fw of firmwares) await expect(page.getByTestId('tree-section-env-button').filter({ hasText: fw })).toBeVisible();
      for (const name of TESTS) await expect(page.getByTestId('tree-leaf-title').filter({ hasText: name })).toHaveCount(firmwares.length);
    });
    await test.step("a test's steps", async () => {
      await page.getByTestId('tree-leaf-title').filter({ hasText: 'mjpeg keeps its frame rate' }).first().click();
      await expect(page.getByTestId('test-result-info-title')).toHaveText('mjpeg keeps its frame rate');
      const steps = page.getByTestId('test-result-step-title');
      for (const s of ['Before Hooks', 'Expect "toBe"', 'After Hooks']) await expect(steps.filter({ hasText: s }).first()).toBeVisible();
    });
    await test.step('an attachment, read from the file itself', async () => {
      await page.getByTestId('test-result-tab-attachments').click();
      await page.getByTestId('test-result-attachment-header').filter({ hasText: /^\s*\d*\s*measurements/ }).first().click();
      const table = page.frameLocator('iframe[title="Markdown attachment"]').locator('body');
      await expect(table).toContainText('mjpeg.fps.error');
      await expect(table).toContainText('PASS');
    });
  } finally {
    await context.close();
  }
  return { outside, problems };
}

test('per-firmware and combined reports open from disk with the network off', async () => {
  const root = tempDir('offline-report-');
  const profile = loadProfile(SAMPLE_PROFILE);
  const target = { kind: 'virtual' as const, url: 'sample', relay: 'none' };
  const firmwares = ['V5.0.1.3714', 'V5.0.2.3843'];
  // Both child runs at once (they write to different folders). The older firmware is
  // published without HTML, the newer one with: its own report and the combined one over both
  // (no signoff.pdf: pdf.spec.ts proves that one, and it costs a Chromium of its own).
  const dirs = await Promise.all(firmwares.map((fw) => sampleRun(root, fw)));
  await publishRun({ dir: dirs[0], profile, identity: { model: 'IPC-7100', firmware: firmwares[0] }, target, harnessVersion: 'test', html: false });
  const published = await publishRun({ dir: dirs[1], profile, identity: { model: 'IPC-7100', firmware: firmwares[1] }, target, harnessVersion: 'test', pdf: false });
  const report = published.report!;
  const combined = published.combined!;
  for (const file of [report, combined]) {
    const html = readFileSync(file, 'utf8');
    console.log(`${file}: ${(statSync(file).size / 1e6).toFixed(2)} MB`);
    expect(html).not.toMatch(/googletagmanager|gtag\(|google-analytics/);
    expect(html).toContain('http-equiv="Content-Security-Policy"');
  }
  const envs = JSON.parse(reportDataFile(readFileSync(combined, 'utf8'), 'widgets/environments.json')!.toString()) as { name: string }[];
  expect(envs.map((e) => e.name)).toEqual(expect.arrayContaining(firmwares));

  const { browser, description } = await launchChromium(chromium, runOptions().chromiumPath);
  if (!browser) skipBecause(description);
  try {
    for (const [file, shown] of [[report, firmwares.slice(1)], [combined, firmwares]] as const) {
      const { outside, problems } = await test.step(`open ${file.slice(root.length + 1)}`, () => checkReport(browser, file, [...shown]));
      expect(outside, 'requests that leave the file').toEqual([]);
      expect(problems, 'page errors and blocked loads').toEqual([]);
    }
  } finally {
    await browser.close();
  }
});

test('the analytics snippet is stripped; anything else leaving the file is refused', () => {
  const bundle = (code: string) => `<script src="data:text/javascript;base64,${Buffer.from(code).toString('base64')}"></script>`;
  const page = (head: string, body: string) => `<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
  // The snippet as Allure 3.18's awesome template writes it.
  const gtm = `<script async src="https://www.googletagmanager.com/gtag/js?id=G-LNDJ3J7WT0"></script>
    <script>
        window.dataLayer = window.dataLayer || [];
        function gtag(){dataLayer.push(arguments);}
        gtag('js', new Date());
        gtag('config', 'G-LNDJ3J7WT0', { "report": "awesome" });
    </script>`;
  const app = bundle('render()');

  const stripped = makeOffline(page('', `${app}${gtm}<script async>window.allureReportDataReady = true;</script>`));
  expect(stripped.removed).toEqual(['script https://www.googletagmanager.com/gtag/js?id=G-LNDJ3J7WT0', 'inline gtag configuration']);
  expect(stripped.html).not.toMatch(/googletagmanager|gtag|dataLayer/);
  expect(stripped.html).toContain('window.allureReportDataReady = true;');
  expect(stripped.html).toMatch(/<head>\s*<meta http-equiv="Content-Security-Policy" content="default-src 'none';[^"]*">/);

  // A version without analytics is fine: nothing removed.
  expect(makeOffline(page('', app)).removed).toEqual([]);

  // Allure writes the checkout's git remote into the page; cloned with a token, that was the
  // token in every report. Addresses keep their host and path, never a user or password.
  const ci = '<script>var ci = {"repository":{"slug":"acme/camera-lab","url":"https://labuser:ghp_Secret123@github.com/acme/camera-lab"},"other":"ssh://git@example.com/x.git"};</script>';
  const clean = makeOffline(page('', `${app}${ci}`));
  expect(clean.html).not.toContain('ghp_Secret123');
  expect(clean.html).not.toContain('labuser');
  expect(clean.html).toContain('"url":"https://github.com/acme/camera-lab"');
  expect(clean.html).toContain('"other":"ssh://example.com/x.git"');
  expect(clean.removed).toEqual(['the user and password of an address', 'the user and password of an address']);

  const refused: [string, RegExp][] = [
    // The same snippet in another shape is not cut blindly: the publication stops instead.
    [page('', `${app}${gtm.replace('gtag(\'js\', new Date());', 'gtag(\'js\', new Date()); gtag(\'set\', {});')}`), /analytics marker "gtag\(" is still in the page/],
    [page('', `${app}<script type="module">var s=document.createElement('script');s.src='https://www.google-analytics.com/analytics.js';</script>`), /analytics marker "google-analytics.com"/],
    [page('<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Inter">', app), /loads from outside the file: <link rel="stylesheet" href="https:\/\/fonts.googleapis.com/],
    [page('', `${app}<img src="//cdn.example.com/logo.png">`), /loads from outside the file/],
    [page('<style>@font-face{src:url(https://cdn.example.com/f.woff2)}</style>', app), /styles load from outside the file/],
    [page('', bundle('fetch("https://www.googletagmanager.com/gtm.js")')), /inlined text\/javascript bundle contains "googletagmanager.com"/],
    [page('', '<script src="main.js"></script>'), /no inlined app bundle/],
  ];
  for (const [html, message] of refused) {
    expect(() => makeOffline(html, 'r/index.html'), html.slice(0, 200)).toThrow(OfflineReportError);
    expect(() => makeOffline(html, 'r/index.html')).toThrow(message);
  }
});
