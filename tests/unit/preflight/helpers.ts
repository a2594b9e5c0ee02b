// Shared by the preflight tests: a port nothing listens on, and the one-line check.
import { expect } from '@playwright/test';
import { createServer } from 'node:net';

/** A port nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** Exactly one non-empty line, and nothing that looks like a stack frame. */
export function expectOneLine(out: string): string {
  const lines = out.split(/\r?\n/).filter((l) => l.trim());
  expect(lines, out).toHaveLength(1);
  expect(out, 'no stack frame').not.toMatch(/^\s*at /m);
  expect(out, 'no source location').not.toMatch(/\.ts:\d+/);
  return lines[0];
}
