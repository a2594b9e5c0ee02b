// Parsing of WWW-Authenticate headers (RFC 7235 §4.1): one header may carry several
// challenges, separated by commas that also separate each challenge's parameters, and
// quoted-string values may contain commas, `=` and backslash escapes. Cameras often
// send `Digest ... , Basic realm="..."` in one header, or several headers.

export interface Challenge {
  /** Scheme as sent (compare case-insensitively). */
  scheme: string;
  /** Parameters with lower-cased names; values unquoted and unescaped. */
  params: Record<string, string>;
  /** The token68 form (e.g. `Negotiate abc==`), when the challenge has one instead of params. */
  token68?: string;
}

const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const TOKEN68_CHAR = /[A-Za-z0-9\-._~+/]/;

class Cursor {
  pos = 0;
  constructor(readonly s: string) {}
  get done(): boolean {
    return this.pos >= this.s.length;
  }
  peek(): string {
    return this.s[this.pos] ?? '';
  }
  skipSpaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }
  skipSpacesAndCommas(): void {
    while (this.peek() === ' ' || this.peek() === '\t' || this.peek() === ',') this.pos++;
  }
  token(): string {
    const start = this.pos;
    while (!this.done && TOKEN_CHAR.test(this.peek())) this.pos++;
    return this.s.slice(start, this.pos);
  }
  fail(what: string): never {
    throw new Error(`WWW-Authenticate: ${what} at character ${this.pos} of ${JSON.stringify(this.s)}`);
  }
  quoted(): string {
    this.pos++; // opening quote
    let out = '';
    for (;;) {
      if (this.done) this.fail('unterminated quoted-string');
      const ch = this.s[this.pos++];
      if (ch === '"') return out;
      if (ch === '\\') {
        if (this.done) this.fail('unterminated quoted-string');
        out += this.s[this.pos++];
      } else {
        out += ch;
      }
    }
  }
  /** True when `name =` starts here (an auth-param rather than a new scheme or token68). */
  atParam(): boolean {
    const save = this.pos;
    const name = this.token();
    this.skipSpaces();
    let isParam = name !== '' && this.peek() === '=';
    if (isParam) {
      // `abc=` / `abc==` is a token68 with padding, not a parameter called abc: a
      // parameter's `=` is followed by a value.
      this.pos++;
      this.skipSpaces();
      isParam = !this.done && this.peek() !== '=' && this.peek() !== ',';
    }
    this.pos = save;
    return isParam;
  }
}

function parseOne(header: string, out: Challenge[]): void {
  const c = new Cursor(header);
  c.skipSpacesAndCommas();
  while (!c.done) {
    const scheme = c.token();
    if (scheme === '') c.fail('expected an auth scheme');
    const challenge: Challenge = { scheme, params: {} };
    out.push(challenge);
    c.skipSpaces();
    if (!c.done && c.peek() !== ',' && !c.atParam()) {
      // token68 form: the rest up to a comma.
      const start = c.pos;
      while (!c.done && TOKEN68_CHAR.test(c.peek())) c.pos++;
      while (c.peek() === '=') c.pos++;
      if (c.pos === start) c.fail('expected a parameter or token68');
      challenge.token68 = header.slice(start, c.pos);
      c.skipSpaces();
    }
    // Parameters, until something that is not `name=` (the next challenge's scheme).
    for (;;) {
      c.skipSpacesAndCommas();
      if (c.done || !c.atParam() || challenge.token68 !== undefined) break;
      const name = c.token().toLowerCase();
      c.skipSpaces();
      c.pos++; // '='
      c.skipSpaces();
      let value: string;
      if (c.peek() === '"') value = c.quoted();
      else {
        value = c.token();
        if (value === '') c.fail(`expected a value for ${name}`);
      }
      // RFC 7235: a parameter must occur once per challenge; keep the first.
      if (!(name in challenge.params)) challenge.params[name] = value;
      c.skipSpaces();
      if (!c.done && c.peek() !== ',') c.fail(`expected ',' after ${name}`);
    }
  }
}

/** All challenges in one or several WWW-Authenticate header values, in order. */
export function parseChallenges(headers: string | readonly string[] | undefined): Challenge[] {
  const out: Challenge[] = [];
  if (headers === undefined) return out;
  for (const h of typeof headers === 'string' ? [headers] : headers) parseOne(h, out);
  return out;
}

/** A challenge as text for messages (`Digest algorithm=SHA-256`), without nonces. */
export function describeChallenge(ch: Challenge): string {
  const algorithm = ch.params['algorithm'];
  return algorithm ? `${ch.scheme} algorithm=${algorithm}` : ch.scheme;
}
