// Looks for credentials in what a run wrote (reports/, test-results/, a saved console log).
// Three kinds of finding, none of which ever prints the secret itself:
//  - a known password (the target's, the suites' test users'): anywhere as a token when it
//    is strong; when it is weak (short, one plain word such as the virtual camera's
//    `pass`) only where a credential sits — `pwd=pass`, `password: "pass"`,
//    `--password pass`, `user:pass@`, `root:pass` — so `passed` or `password` do not count;
//  - the Base64 of `user:password` for a known user (a Basic header someone forgot);
//  - any Authorization header still in clear (`Authorization: Basic <token>` that decodes
//    to `name:secret`, or a Digest header with its `response=`), whoever's it is.
// Binary files (images, video, archives) are not read: listed as skipped.
//
// What a run writes also holds copies of test *source*, which may spell out a password
// (a planted one, a default): Playwright's error context (`error-context.md`, and Allure's
// copy of it as `<uuid>-attachment.md`) ends with "# Test source", 200 lines around the
// failure, and every report repeats a code frame (`  12 | line`) under an error. Those
// copies are blanked before the scan (same length, so line numbers stay right): the scan
// is about what the harness wrote, not about what its source says. Attachments that the
// JSON report stores as Base64 (`"body": "..."`) are decoded and scanned too.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';

export interface Secret {
  /** How findings name it: "target password", "password of user hilsecview". Never the value. */
  label: string;
  value: string;
  /** The user it belongs to, to find `user:password` and its Base64. */
  user?: string;
}

export interface Finding {
  file: string;
  line: number;
  /** What was found, without the secret: "target password (as pwd=...)". */
  what: string;
}

export interface ScanResult {
  files: number;
  bytes: number;
  /** Files not read, with the reason. */
  skipped: string[];
  findings: Finding[];
}

const BINARY = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.ico', '.webm', '.mp4', '.zip', '.gz', '.br', '.woff', '.woff2', '.ttf', '.bin', '.pdf']);
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const MAX_FILES = 100_000;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Weak: short, or a single plain word — it would match ordinary text as a bare token. */
function isWeak(secret: string): boolean {
  return secret.length < 8 || /^[a-z]+$/i.test(secret);
}

interface Rule {
  what: string;
  re: RegExp;
  /** Extra check of a match (e.g. a Basic token that decodes to name:secret). */
  accept?: (m: RegExpExecArray) => boolean;
}

function rulesFor(secrets: readonly Secret[]): Rule[] {
  const rules: Rule[] = [];
  for (const s of secrets) {
    if (!s.value) continue;
    const forms = [...new Set([s.value, encodeURIComponent(s.value)])].map(escape).join('|');
    if (isWeak(s.value)) {
      const ctx = String.raw`(?:\b(?:pwd|pass|passwd|password|CAMERA_PASSWORD)["']?\s*[=:]\s*["']?|--password[= ]["']?)`;
      rules.push({ what: `${s.label} (as a password value)`, re: new RegExp(`${ctx}(?:${forms})(?![A-Za-z0-9])`, 'g') });
      if (s.user) rules.push({ what: `${s.label} (as ${s.user}:<password>)`, re: new RegExp(`(?<![A-Za-z0-9])${escape(s.user)}:(?:${forms})(?![A-Za-z0-9])`, 'g') });
    } else {
      rules.push({ what: s.label, re: new RegExp(`(?<![A-Za-z0-9])(?:${forms})(?![A-Za-z0-9])`, 'g') });
    }
    if (s.user) {
      const b64 = Buffer.from(`${s.user}:${s.value}`).toString('base64').replace(/=+$/, '');
      rules.push({ what: `${s.label} (Base64 of ${s.user}:<password>, a Basic credential)`, re: new RegExp(escape(b64), 'g') });
    }
  }
  rules.push({
    what: 'an Authorization: Basic header in clear',
    re: /authorization["']?\s*[:=]\s*["']?Basic\s+([A-Za-z0-9+/]{4,}={0,2})/gi,
    accept: (m) => /^[^:\s]+:./.test(Buffer.from(m[1], 'base64').toString('utf8')),
  });
  rules.push({ what: 'an Authorization: Digest header in clear', re: /authorization["']?\s*[:=]\s*["']?Digest\s[^\n]*\bresponse=/gi });
  return rules;
}

/** Every regular file under the roots (a root may be a file); symlinks are not followed. */
function* walk(root: string): Generator<string> {
  let st;
  try {
    st = statSync(root, { throwIfNoEntry: false });
  } catch {
    return;
  }
  if (!st) return;
  if (st.isFile()) return yield root;
  if (!st.isDirectory()) return;
  for (const e of readdirSync(root, { withFileTypes: true })) {
    const p = join(root, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile()) yield p;
  }
}

/** Playwright's error context: its "# Test source" section (the last one) is a copy of the test file. */
const ERROR_CONTEXT_HEAD = /^# Instructions\s*\n+- Following Playwright test failed\./;
const ANSI = String.raw`(?:\x1b\[[0-9;]*m|\\u001b\[[0-9;]*m)`;
/** A code-frame line in plain text: `>  12 | source`, optionally coloured. */
const FRAME_LINE_TEXT = new RegExp(String.raw`^(?:[ \t]|${ANSI})*(?:>(?:[ \t]|${ANSI})*)?\d+(?:[ \t]|${ANSI})*\|[^\n]*`, 'gm');
/** The same inside a JSON string: starts after `"` or an escaped newline, ends before the next one or the closing quote. */
const FRAME_LINE_JSON = new RegExp(String.raw`(?<=\\n|")(?:[ \t]|${ANSI})*(?:>(?:[ \t]|${ANSI})*)?\d+(?:[ \t]|${ANSI})*\|(?:[^"\\\n]|\\[^n])*`, 'g');

const blank = (s: string) => s.replace(/[^\n]/g, ' ');

/** The text with copies of test source blanked (positions and line numbers unchanged). */
export function maskSourceCopies(text: string, json: boolean): string {
  let out = text;
  if (ERROR_CONTEXT_HEAD.test(out)) {
    const at = out.search(/^# Test source\s*$/m);
    if (at >= 0) out = out.slice(0, at) + blank(out.slice(at));
  }
  return out.replace(json ? FRAME_LINE_JSON : FRAME_LINE_TEXT, blank);
}

/** Attachment bodies a JSON report holds as Base64, decoded where they are text, with their offsets. */
function base64Bodies(text: string): { at: number; text: string }[] {
  const out: { at: number; text: string }[] = [];
  for (const m of text.matchAll(/"body"\s*:\s*"([A-Za-z0-9+/]{8,}={0,2})"/g)) {
    const decoded = Buffer.from(m[1], 'base64').toString('utf8');
    // Text only: a PNG decodes to replacement characters and control bytes.
    const odd = decoded.match(/[\ufffd\x00-\x08\x0e-\x1f]/g)?.length ?? 0;
    if (odd <= decoded.length / 100) out.push({ at: m.index!, text: decoded });
  }
  return out;
}

function findIn(text: string, rules: readonly Rule[], report: (index: number, what: string) => void): void {
  for (const rule of rules) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      if (rule.accept && !rule.accept(m)) continue;
      report(m.index, rule.what);
    }
  }
}

export function scanForCredentials(roots: readonly string[], secrets: readonly Secret[]): ScanResult {
  const rules = rulesFor(secrets);
  const result: ScanResult = { files: 0, bytes: 0, skipped: [], findings: [] };
  for (const root of roots) {
    for (const file of walk(root)) {
      if (result.files >= MAX_FILES) {
        result.skipped.push(`${file}: more than ${MAX_FILES} files, the rest not read`);
        return result;
      }
      if (BINARY.has(extname(file).toLowerCase())) {
        result.skipped.push(`${file}: binary (${extname(file)})`);
        continue;
      }
      const size = statSync(file).size;
      if (size > MAX_FILE_BYTES) {
        result.skipped.push(`${file}: ${size} bytes, larger than ${MAX_FILE_BYTES}`);
        continue;
      }
      const json = extname(file).toLowerCase() === '.json';
      const raw = readFileSync(file).toString('utf8');
      const text = maskSourceCopies(raw, json);
      result.files++;
      result.bytes += size;
      const lineAt = (index: number) => text.slice(0, index).split('\n').length;
      findIn(text, rules, (index, what) => result.findings.push({ file, line: lineAt(index), what }));
      if (json) {
        for (const body of base64Bodies(raw)) {
          findIn(maskSourceCopies(body.text, false), rules, (_, what) => result.findings.push({ file, line: lineAt(body.at), what: `${what} (in a Base64 attachment body)` }));
        }
      }
      if (result.findings.length > 1000) return result;
    }
  }
  return result;
}

/** `file:line: what`, one per finding (never the secret). */
export function describeFindings(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.file}:${f.line}: ${f.what}`);
}
