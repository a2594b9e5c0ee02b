// HTML for the markdown our own renderers write (compare.ts, observation-changes.ts), so
// signoff.pdf shows the firmware comparison exactly as comparison-<A>-vs-<B>.md says it, with
// whatever sections the comparison grows. Not a general markdown parser: it knows headings,
// GFM tables (cells escaped with `\|`, as measurement.ts `cell` does), list items,
// paragraphs, **bold** and code spans of any fence length. Everything else is text, escaped.

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

// A PDF has no colour-emoji font to count on (Debian's Chromium brings none): the icons our
// renderers use become plain symbols every DejaVu/Liberation install has.
const SYMBOLS: [RegExp, string][] = [
  [/✅/gu, '✓'], [/❌/gu, '✗'], [/⚠️?/gu, '⚠'], [/🟡/gu, '●'], [/ℹ️?/gu, 'i'], [/⏸️?/gu, '‖'], [/⏭️?/gu, '»'],
];

/**
 * Our icons as font-safe symbols; any other character that only exists as a colour emoji is
 * dropped rather than printed as a box (text symbols such as ©, ™ or ↔ stay).
 */
function plainSymbols(s: string): string {
  let out = s;
  for (const [re, to] of SYMBOLS) out = out.replace(re, to);
  return out.replace(/\p{Emoji_Presentation}|\uFE0F/gu, '');
}

/** One line of inline markdown as HTML: code spans verbatim, `**bold**`, `\|` as `|`. */
function inlineHtml(md: string): string {
  let out = '';
  let i = 0;
  while (i < md.length) {
    const tick = md.indexOf('`', i);
    if (tick < 0) break;
    const fence = /^`+/.exec(md.slice(tick))![0];
    const close = findFence(md, tick + fence.length, fence.length);
    if (close < 0) {
      out += text(md.slice(i, tick + fence.length));
      i = tick + fence.length;
      continue;
    }
    out += text(md.slice(i, tick));
    let code = md.slice(tick + fence.length, close);
    // CommonMark: one space on both sides is padding (it lets a span start or end with a backtick).
    if (code.length > 1 && code.startsWith(' ') && code.endsWith(' ') && code.trim()) code = code.slice(1, -1);
    out += `<code>${escapeHtml(code.replace(/\\\|/g, '|'))}</code>`;
    i = close + fence.length;
  }
  return out + text(md.slice(i));
}

/** Index of a backtick run of exactly `n` at or after `from`, or -1. */
function findFence(s: string, from: number, n: number): number {
  const re = /`+/g;
  re.lastIndex = from;
  for (let m = re.exec(s); m; m = re.exec(s)) if (m[0].length === n) return m.index;
  return -1;
}

function text(md: string): string {
  return escapeHtml(plainSymbols(md).replace(/\\\|/g, '|')).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
}

/** Splits a table row on the pipes that are not escaped. */
function cells(row: string): string[] {
  const inner = row.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => c.trim());
}

const isRow = (l: string) => l.trim().startsWith('|');
const isRule = (l: string) => /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(l);

/** The markdown document as HTML. Headings are shifted down by `headingShift` levels. */
export function markdownToHtml(md: string, headingShift = 0): string {
  const lines = md.split(/\r?\n/);
  const out: string[] = [];
  let list: string[] = [];
  const flushList = () => {
    if (list.length) out.push(`<ul>${list.map((l) => `<li>${l}</li>`).join('')}</ul>`);
    list = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const item = /^\s*[-*]\s+(.*)$/.exec(line);
    if (item) {
      list.push(inlineHtml(item[1]));
      continue;
    }
    flushList();
    if (!line.trim()) continue;
    if (heading) {
      const level = Math.min(6, heading[1].length + headingShift);
      out.push(`<h${level}>${inlineHtml(heading[2])}</h${level}>`);
    } else if (isRow(line) && i + 1 < lines.length && isRule(lines[i + 1])) {
      const head = cells(line);
      const body: string[][] = [];
      for (i += 2; i < lines.length && isRow(lines[i]); i++) body.push(cells(lines[i]));
      i--;
      out.push(
        `<table><thead><tr>${head.map((c) => `<th>${inlineHtml(c)}</th>`).join('')}</tr></thead>` +
          `<tbody>${body.map((r) => `<tr>${r.map((c) => `<td>${inlineHtml(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`,
      );
    } else out.push(`<p>${inlineHtml(line)}</p>`);
  }
  flushList();
  return out.join('\n');
}
