// Dialects: where the camera spec is silent, the virtual camera makes one choice (400 for
// a refusal, a space-separated accept list, an initial input-monitor part, HTTP/1.1 with
// Content-Length, quick answers). Real cameras that follow the spec choose differently.
// A dialect switches one such choice, so the harness can be shown to cope with every
// conformant camera, not just with ours. Names are a contract (CLI, lab files, reports).
//
//   startVirtualCamera({ dialects: ['refusal-200', 'lenient'] })
//   npm run emulator -- --dialect refusal-200,lenient

/**
 * Every dialect with its one-line description, a verb phrase ("the virtual camera then ...").
 * README's table (bin/readme-tables.ts) and the emulator's `--help` are made from it.
 */
export const DIALECTS = [
  {
    name: 'refusal-200',
    description: 'answers a refusal (bad value, unknown parameter, no such resource, conflict, ...) with status 200 and the `# Error:` line; 401, 403 and an unknown CGI (404) keep their status',
  },
  {
    name: 'lenient',
    description: 'ignores query parameters a CGI does not know instead of refusing them (reboot.cgi?bogus=1 reboots); config.cgi still refuses an unknown action or parameter name to update',
  },
  { name: 'comma-list', description: 'answers ipfilter.cgi?action=list with `Accept addresses: a,b` (comma-separated, no spaces)' },
  { name: 'changes-only', description: 'sends no initial part on input.cgi?monitor=, only a part when a monitored port changes' },
  {
    name: 'http10',
    description: "speaks HTTP/1.0 as the spec's examples do: one request per connection, `Connection: close`, every body ends when the connection closes (no Content-Length, no chunked)",
  },
  { name: 'slow', description: 'waits 150 ms before every answer and stays down 40 seconds after a reboot (an explicit rebootMs / --reboot-ms still wins)' },
] as const;

export type DialectName = (typeof DIALECTS)[number]['name'];

/** The `slow` dialect's wait before each answer. */
export const SLOW_ANSWER_MS = 150;
/** The `slow` dialect's reboot time, used unless rebootMs / --reboot-ms is given. */
export const SLOW_REBOOT_MS = 40_000;

export const DIALECT_NAMES: readonly DialectName[] = DIALECTS.map((d) => d.name);

class DialectError extends Error {}

/**
 * Names (each may be a comma-separated list, as `--dialect a,b`) to a set; an unknown or
 * empty name is an error naming it and listing the known ones.
 */
export function parseDialects(names: readonly string[] = []): ReadonlySet<DialectName> {
  const out = new Set<DialectName>();
  for (const item of names.flatMap((n) => n.split(','))) {
    const name = item.trim();
    if (name === '') throw new DialectError(`empty dialect name in "${names.join(',')}" (known: ${DIALECT_NAMES.join(', ')})`);
    if (!(DIALECT_NAMES as readonly string[]).includes(name))
      throw new DialectError(`unknown dialect "${name.slice(0, 40)}" (known: ${DIALECT_NAMES.join(', ')})`);
    out.add(name as DialectName);
  }
  return out;
}

/** Whether the camera speaks this dialect (a camera built without the option speaks none). */
export function hasDialect(cam: { options: { dialects?: ReadonlySet<DialectName> } }, name: DialectName): boolean {
  return cam.options.dialects?.has(name) === true;
}

/** `--help` lines: the name padded, then the description wrapped to about `columns`. */
export function dialectHelp(indent = '  ', columns = 100): string {
  const width = Math.max(...DIALECT_NAMES.map((n) => n.length));
  const hang = ' '.repeat(indent.length + width + 2);
  return DIALECTS.map((d) => {
    const lines = [`${indent}${d.name.padEnd(width)}  `];
    for (const word of d.description.split(' ')) {
      if (lines[lines.length - 1].length + word.length + 1 > columns && lines[lines.length - 1] !== hang) lines.push(hang);
      const last = lines.length - 1;
      lines[last] += lines[last].endsWith(' ') ? word : ` ${word}`;
    }
    return lines.join('\n');
  }).join('\n');
}
