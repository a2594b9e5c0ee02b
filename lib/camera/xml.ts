// A deliberately tiny XML reader for the storage replies (spec 8.3, 8.4): all we need
// is the attributes of every `<disk .../>` or `<recording ...>` element. It tolerates
// what the spec's own examples show: attributes spread over lines, self-closing and
// open/close forms, a missing closing </root>. No dependency, no DTDs, no namespaces.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ent: string) => {
    if (ent[0] === '#') {
      const code = ent[1].toLowerCase() === 'x' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ent.toLowerCase()] ?? whole;
  });
}

/** Parses `name="v" other='w'` up to the end of the tag; returns the attributes and where the tag ends. */
function readAttributes(xml: string, from: number, tag: string): { attrs: Record<string, string>; end: number } {
  const attrs: Record<string, string> = {};
  let i = from;
  for (;;) {
    while (i < xml.length && /\s/.test(xml[i])) i++;
    if (i >= xml.length) throw new Error(`<${tag}> element is not closed`);
    if (xml[i] === '>') return { attrs, end: i + 1 };
    if (xml.startsWith('/>', i)) return { attrs, end: i + 2 };
    const nameMatch = /^[A-Za-z_:][\w.:-]*/.exec(xml.slice(i, i + 200));
    if (!nameMatch) throw new Error(`<${tag}>: unexpected ${JSON.stringify(xml.slice(i, i + 20))}`);
    const name = nameMatch[0];
    i += name.length;
    while (/\s/.test(xml[i] ?? '')) i++;
    if (xml[i] !== '=') throw new Error(`<${tag}>: attribute ${name} has no value`);
    i++;
    while (/\s/.test(xml[i] ?? '')) i++;
    const quote = xml[i];
    if (quote !== '"' && quote !== "'") throw new Error(`<${tag}>: attribute ${name} value is not quoted`);
    const close = xml.indexOf(quote, i + 1);
    if (close < 0) throw new Error(`<${tag}>: attribute ${name} value is not terminated`);
    attrs[name] = decode(xml.slice(i + 1, close));
    i = close + 1;
  }
}

/** The attributes of every element named `tag` (case-insensitive), in document order. */
export function xmlElements(xml: string, tag: string): Array<Record<string, string>> {
  const text = xml.replace(/<!--[\s\S]*?-->/g, '');
  const out: Array<Record<string, string>> = [];
  const open = new RegExp(`<${tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[\\s/>])`, 'gi');
  let m: RegExpExecArray | null;
  while ((m = open.exec(text))) {
    const { attrs, end } = readAttributes(text, m.index + m[0].length, tag);
    out.push(attrs);
    open.lastIndex = end;
  }
  return out;
}
