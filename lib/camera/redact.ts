// Credential redaction for transcripts, logs and error messages.
//
// Three rules, applied together (belt and braces):
//  1. Authorization / Proxy-Authorization header values: the scheme stays visible
//     (`Digest <redacted>`) because which scheme was used matters when debugging.
//  2. Password-carrying parameters in a query or a form body (`pwd=`, `password=`,
//     `passwd=`), whatever their value.
//  3. Every registered secret (the client's password, passwords of other users the test
//     acts as or creates) wherever it appears, raw or percent-encoded — a camera that
//     echoes a password in an error line must not leak it into the report.

import { encodeQueryComponent } from './query.ts';

export const REDACTED = '<redacted>';

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization']);
// An already redacted value is matched as such, so redacting twice (a message, then the
// transcript line holding it) keeps what follows it (`pwd=<redacted>: reason`).
const SECRET_PARAMS = /([?&;\s]|^)(pwd|password|passwd)=(<redacted>|[^&#\s]*)/gi;

export type HeaderMap = Record<string, string | string[] | number | undefined>;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class Redactor {
  private readonly secrets = new Set<string>();
  private pattern: RegExp | undefined;

  constructor(secrets: Iterable<string | undefined> = []) {
    for (const s of secrets) this.addSecret(s);
  }

  /** Registers a string to be hidden wherever it appears. Empty strings are ignored. */
  addSecret(secret: string | undefined): void {
    if (!secret) return;
    const before = this.secrets.size;
    // The encoded forms are what a secret looks like inside a URL or a form body.
    for (const form of [secret, encodeURIComponent(secret), encodeQueryComponent(secret)]) {
      this.secrets.add(form);
      this.secrets.add(form.replace(/%20/g, '+'));
    }
    if (this.secrets.size !== before) {
      // Longest first, so a secret that contains another is hidden whole.
      const alternatives = [...this.secrets].sort((a, b) => b.length - a.length).map(escapeRegExp);
      this.pattern = new RegExp(alternatives.join('|'), 'g');
    }
  }

  /** Hides secrets and password parameters in any text (bodies, error messages). */
  text(s: string): string {
    let out = s.replace(SECRET_PARAMS, (_m, sep: string, name: string) => `${sep}${name}=${REDACTED}`);
    if (this.pattern) out = out.replace(this.pattern, REDACTED);
    return out;
  }

  /** A request target (path + query). Same rules as text(); named for the call sites. */
  target(pathAndQuery: string): string {
    return this.text(pathAndQuery);
  }

  /** A copy of the headers with credential headers and secrets hidden. */
  headers(headers: HeaderMap): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined) continue;
      const joined = Array.isArray(value) ? value.join(', ') : String(value);
      if (SECRET_HEADERS.has(name.toLowerCase())) {
        const scheme = /^\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s/.exec(joined)?.[1];
        out[name] = scheme ? `${scheme} ${REDACTED}` : REDACTED;
      } else {
        out[name] = this.text(joined);
      }
    }
    return out;
  }
}
