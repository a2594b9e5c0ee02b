// Makes Allure 3's single-file report safe to archive and to open offline, under NDA:
//   - strips the Google Analytics / Tag Manager snippet Allure's template adds to every report
//     (allure3 issue #476: no switch to turn it off yet);
//   - refuses (throws) when the report would still load anything from outside the file, so a
//     future Allure version that moves or renames its analytics fails the sign-off loudly
//     instead of quietly phoning home from a release archive;
//   - adds a Content-Security-Policy that lets the page load only what it carries itself
//     (inline, data:, blob:): whatever a future version adds is blocked by the browser too;
//   - takes the user and password out of every address in the page: Allure records the git
//     remote of the checkout it runs in (`git remote get-url origin`), and a remote cloned
//     as https://user:token@host/... put that token into every report.
// A report without analytics is fine: nothing to strip is not an error.

import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Strings that only an analytics snippet contains (none of them can occur in base64 data). */
const ANALYTICS_MARKERS = ['googletagmanager.com', 'google-analytics.com', 'analytics.google.com', 'gtag(', 'window.dataLayer'] as const;

/**
 * Everything the report may load: itself (inline code), data: and blob: URLs. 'unsafe-eval'
 * because bundled libraries may compile templates; it fetches nothing. No `base-uri`: the
 * report sets a <base> to its own location.
 */
const OFFLINE_CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline' 'unsafe-eval' data: blob:",
  "style-src 'unsafe-inline' data: blob:",
  'img-src data: blob:',
  'font-src data:',
  'connect-src data: blob:',
  'media-src data: blob:',
  'frame-src data: blob:',
  'worker-src data: blob:',
  "object-src 'none'",
  "form-action 'none'",
].join('; ');

/** The policy as a <meta> tag, for every page the reports write. */
export const OFFLINE_CSP_TAG = `<meta http-equiv="Content-Security-Policy" content="${OFFLINE_CSP}">`;

export class OfflineReportError extends Error {
  constructor(file: string, problem: string) {
    super(
      `${file}: ${problem}. The Allure report template has changed shape (Allure upgraded?); ` +
        'lib/signoff/offline-report.ts must learn the new form before a report may be published',
    );
    this.name = 'OfflineReportError';
  }
}

export interface OfflineResult {
  html: string;
  /** What was taken out, for the log (empty when the template had no analytics). */
  removed: string[];
}

// Scripts of the shell page. The report data and the bundle are base64 (in attributes or
// strings), which contains no '<', so this never matches inside them.
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>\s*/gi;
const SRC = /\bsrc\s*=\s*["']?([^"'\s>]+)/i;
// The snippet exactly as Allure 3's awesome template writes it (3.18): the gtag.js loader and
// an inline script that configures it. Only these exact shapes are cut; anything else that
// mentions analytics is left in place for the checks below to refuse.
const GTAG_LOADER = /^https:\/\/www\.googletagmanager\.com\/gtag\/js\?id=[A-Za-z0-9-]+$/;
const GTAG_CONFIG =
  /^\s*window\.dataLayer = window\.dataLayer \|\| \[\];\s*function gtag\(\)\{dataLayer\.push\(arguments\);\}\s*gtag\('js', new Date\(\)\);\s*gtag\('config', '[A-Za-z0-9-]+', \{[^{}]*\}\);\s*$/;
// Any element that makes the browser fetch something, with an address that leaves the file.
const EXTERNAL_LOAD = /<(?:script|link|img|iframe|frame|source|video|audio|track|embed|object|input|image|use)\b[^>]*?\s(?:src|href|xlink:href|data|srcset|poster)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?\/\/[^"'\s>]*/gi;
const CSS_URL = /url\(\s*["']?\s*(?:https?:)?\/\/[^)"'\s]*/gi;
const META_REFRESH = /<meta\b[^>]*http-equiv\s*=\s*["']?refresh/i;
const EMBEDDED = /(?:src|href)\s*=\s*"data:(text\/javascript|application\/javascript|text\/css);base64,([A-Za-z0-9+/=]+)"/g;
// The user info of an address (`user:password@` after the scheme); the page's data is JSON and
// base64, so an address with one is plain text in it.
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s"'<>\/@\\]+@/gi;

const firstMarker = (s: string) => ANALYTICS_MARKERS.find((m) => s.includes(m));

/**
 * The report's HTML without analytics and with the offline policy. Throws OfflineReportError
 * when something leaving the file remains (`file` names the report in the message).
 */
export function makeOffline(input: string, file = 'report'): OfflineResult {
  const removed: string[] = [];
  let html = input.replace(SCRIPT, (whole, attrs: string, body: string) => {
    const src = SRC.exec(attrs)?.[1];
    if (src && GTAG_LOADER.test(src) && !body.trim()) {
      removed.push(`script ${src}`);
      return '';
    }
    if (!src && GTAG_CONFIG.test(body)) {
      removed.push('inline gtag configuration');
      return '';
    }
    return whole;
  });

  html = html.replace(URL_USERINFO, (_whole, scheme: string) => {
    removed.push('the user and password of an address');
    return scheme;
  });

  const left = firstMarker(html);
  if (left) throw new OfflineReportError(file, `analytics marker "${left}" is still in the page after stripping the known snippet`);
  const external = html.match(EXTERNAL_LOAD) ?? [];
  if (external.length) throw new OfflineReportError(file, `the page loads from outside the file: ${external.slice(0, 3).join(' | ')}`);
  const cssUrls = html.match(CSS_URL) ?? [];
  if (cssUrls.length) throw new OfflineReportError(file, `the page's styles load from outside the file: ${cssUrls.slice(0, 3).join(' | ')}`);
  if (META_REFRESH.test(html)) throw new OfflineReportError(file, 'the page redirects with <meta http-equiv="refresh">');

  // The bundle (app code and styles) is inlined as data: URLs; analytics inside it cannot be
  // cut out safely, so its presence is an error rather than something to strip.
  let embedded = 0;
  for (const m of html.matchAll(EMBEDDED)) {
    embedded++;
    const code = Buffer.from(m[2], 'base64').toString('utf8');
    const marker = firstMarker(code);
    if (marker) throw new OfflineReportError(file, `the inlined ${m[1]} bundle contains "${marker}"`);
  }
  if (!embedded) throw new OfflineReportError(file, 'no inlined app bundle (data:text/javascript) found: is this a single-file report?');

  const head = /<head\b[^>]*>/i.exec(html);
  if (!head) throw new OfflineReportError(file, 'no <head> to put the Content-Security-Policy in');
  // First in <head>: a policy applies only to what comes after it.
  const at = head.index + head[0].length;
  html = `${html.slice(0, at)}\n    ${OFFLINE_CSP_TAG}${html.slice(at)}`;
  return { html, removed };
}

/**
 * Post-processes a generated single-file report folder in place: its index.html is rewritten
 * by makeOffline. Beside it Allure core keeps only its small JSON summaries (summary.json,
 * test-results.json), which the page never loads; a folder or another page, script or style
 * sheet means the report is not one file and would not open from disk.
 */
export function makeReportOffline(dir: string): OfflineResult & { file: string } {
  const file = join(dir, 'index.html');
  const extra = readdirSync(dir, { withFileTypes: true }).filter((e) => e.name !== 'index.html' && (e.isDirectory() || !e.name.endsWith('.json')));
  if (extra.length) throw new OfflineReportError(file, `the report is not a single file: ${dir} also holds ${extra.slice(0, 5).map((e) => e.name).join(', ')}`);
  const result = makeOffline(readFileSync(file, 'utf8'), file);
  writeFileSync(file, result.html);
  return { ...result, file };
}

/**
 * One data file embedded in a single-file report (e.g. 'widgets/environments.json'), as
 * Allure's own page reads it; undefined when the report holds no such file.
 */
export function reportDataFile(html: string, name: string): Buffer | undefined {
  const key = `d(${JSON.stringify(name)},"`;
  const start = html.indexOf(key);
  if (start < 0) return undefined;
  const from = start + key.length;
  const end = html.indexOf('"', from);
  if (end < 0) return undefined;
  return Buffer.from(html.slice(from, end), 'base64');
}
