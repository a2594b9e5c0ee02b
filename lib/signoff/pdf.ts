// signoff.pdf: the sign-off as one A4 document a release manager can attach to a release and
// open years later without this repository. Printed by Chromium through Playwright
// (page.setContent, then page.pdf) from pdf-html.ts, offline: the page is self-contained, the
// context is offline, and any request it would still make is refused and reported.
// One browser per PDF, closed whatever happens. No Chromium is a LabProblem naming what to
// install; the PDF is written to a temporary name and renamed, so a failure never leaves half
// a file (and never touches signoff.json/signoff.md, written before).

import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright';
import { LabProblem } from '../errors.ts';
import { footerHtml, signoffHtml, type PdfContent } from './pdf-html.ts';

export const SIGNOFF_PDF = 'signoff.pdf';
/** Debian's Chromium, what .ci/run installs; CHROMIUM_PATH chooses another. */
const DEFAULT_CHROMIUM = '/usr/bin/chromium';
// Root in a container needs no sandbox; nothing here needs a GPU or Google's background services.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const LAUNCH_TIMEOUT_MS = 30_000;
const PRINT_TIMEOUT_MS = 60_000;

/**
 * The Chromium that prints the PDF: `chromiumPath` (the run's CHROMIUM_PATH) or Debian's; a
 * LabProblem naming what to install when there is none.
 */
export function pdfChromium(chromiumPath?: string): string {
  const path = chromiumPath || DEFAULT_CHROMIUM;
  if (!existsSync(path)) {
    throw new LabProblem(
      `signoff.pdf not written: it is printed by Chromium, and there is none at ${path}${chromiumPath ? ' (CHROMIUM_PATH)' : ''}; ` +
        `install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  return path;
}

export interface PdfWritten {
  file: string;
  bytes: number;
  /** Launch, render, print and close, wall clock. */
  ms: number;
}

/** Prints the sign-off to `file` (A4) with the Chromium pdfChromium(chromiumPath) finds. */
export async function writeSignoffPdf(file: string, content: PdfContent, chromiumPath?: string): Promise<PdfWritten> {
  const executablePath = pdfChromium(chromiumPath);
  const started = performance.now();
  const html = signoffHtml(content);
  let browser: Browser | undefined;
  let pdf: Buffer;
  try {
    browser = await chromium.launch({ executablePath, args: ARGS, timeout: LAUNCH_TIMEOUT_MS }).catch((e: Error) => {
      throw new LabProblem(`signoff.pdf not written: Chromium at ${executablePath} did not start (${e.message.split('\n')[0].slice(0, 200)})`);
    });
    const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
    // The page carries everything it shows; a request is a bug of pdf-html.ts, refused and named.
    const requests: string[] = [];
    await context.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.abort();
    });
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load', timeout: PRINT_TIMEOUT_MS });
    pdf = await withDeadline(page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: footerHtml(content.signoff),
      margin: { top: '12mm', bottom: '14mm', left: '12mm', right: '12mm' },
    }), PRINT_TIMEOUT_MS, 'Chromium printing signoff.pdf');
    if (requests.length) throw new Error(`signoff.pdf: the sign-off page tried to load ${requests.slice(0, 3).join(', ')}; it must carry everything it shows (lib/signoff/pdf-html.ts)`);
  } finally {
    await browser?.close();
  }
  const tmp = `${file}.partial`;
  try {
    writeFileSync(tmp, pdf);
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
  return { file, bytes: pdf.length, ms: Math.round(performance.now() - started) };
}

/** `p`, or an error naming `what` after `ms`; `p`'s own late rejection is then ignored. */
async function withDeadline<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  p.catch(() => {});
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}
