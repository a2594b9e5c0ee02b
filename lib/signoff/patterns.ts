// Test selection patterns of sign-off profiles (documented in profiles/README.md):
//   "@tag"            a test carrying that tag
//   glob (`*`, `?`)   matched against the whole test id `file › describe › title` or the bare title
// One small matcher, so `required` and `acceptableSkips` select tests the same way.

export interface TestRef {
  /** Spec file relative to the Playwright test dir, with forward slashes. */
  file: string;
  /** describe titles then the test title. */
  titlePath: string[];
  /** Tags without the leading `@`, as Playwright's JSON report lists them. */
  tags: string[];
  project: string;
}

export function testId(t: Pick<TestRef, 'file' | 'titlePath'>): string {
  return [t.file, ...t.titlePath].join(' › ');
}

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string, flags = ''): RegExp {
  const key = `${flags}:${glob}`;
  let re = cache.get(key);
  if (!re) {
    const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]');
    re = new RegExp(`^${body}$`, flags);
    cache.set(key, re);
  }
  return re;
}

export function matchesTest(pattern: string, t: TestRef): boolean {
  if (pattern.startsWith('@')) {
    const tag = pattern.slice(1);
    return t.tags.some((x) => x.replace(/^@/, '') === tag);
  }
  const re = globToRegExp(pattern);
  return re.test(testId(t)) || re.test(t.titlePath[t.titlePath.length - 1] ?? '');
}

/** Case-insensitive glob on free text (skip reasons). */
export function matchesText(pattern: string, text: string): boolean {
  return globToRegExp(pattern, 'i').test(text);
}
