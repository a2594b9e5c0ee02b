// The lab report's input: each camera's allure-results without its attachments. The lab
// report is the overview of every camera (verdicts, failures, steps, the summary's rows);
// transcripts, frames and diffs stay in each camera's own report, which the lab report names.
// With them, eight cameras made a 43 MB page that took 3.5 s of CPU to write and as long for a
// browser to open; without them it is a few MB.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** allure-js names attachment files `<uuid>-attachment[.ext]`. */
const ATTACHMENT_FILE = /-attachment(\.[^.]+)?$/;

interface AllureNode {
  attachments?: unknown[];
  steps?: AllureNode[];
  befores?: AllureNode[];
  afters?: AllureNode[];
}

function dropAttachments(node: AllureNode): void {
  if (Array.isArray(node.attachments)) node.attachments = [];
  for (const child of [...(node.steps ?? []), ...(node.befores ?? []), ...(node.afters ?? [])]) dropAttachments(child);
}

/** Copies the results in `from` to `into` (created), leaving out every attachment and the references to them. */
export function copyWithoutAttachments(from: string, into: string): void {
  mkdirSync(into, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (!entry.isFile() || ATTACHMENT_FILE.test(entry.name)) continue;
    const source = join(from, entry.name);
    if (entry.name.endsWith('-result.json') || entry.name.endsWith('-container.json')) {
      const node = JSON.parse(readFileSync(source, 'utf8')) as AllureNode;
      dropAttachments(node);
      writeFileSync(join(into, entry.name), JSON.stringify(node));
    } else {
      copyFileSync(source, join(into, entry.name));
    }
  }
}
