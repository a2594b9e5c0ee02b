// A small well-formedness check for the report's SVG charts, strict enough to catch what a
// string-built chart gets wrong: an unescaped <, & or quote, a tag left open or closed twice,
// an attribute without quotes, content outside the root, anything that loads from elsewhere.

const NAME = '[A-Za-z_][\\w.:-]*';
const ATTR = new RegExp(`^\\s+(${NAME})="([^"<]*)"`);
const ENTITY = /&(#\d+|#x[0-9a-fA-F]+|amp|lt|gt|quot|apos);/g;

function checkText(text: string, where: string): void {
  if (text.replace(ENTITY, '').includes('&')) throw new Error(`${where}: a bare & in ${JSON.stringify(text.slice(0, 60))}`);
}

/** Throws, naming the first fault, unless `svg` is one well-formed <svg> element. */
export function checkWellFormedSvg(svg: string): void {
  if (!svg.startsWith('<svg ')) throw new Error('does not start with <svg');
  if (!svg.endsWith('</svg>')) throw new Error('does not end with </svg>');
  if (/<script|\bhref=|url\(|@import/i.test(svg)) throw new Error('refers to something outside itself');
  const stack: string[] = [];
  let pos = 0;
  let rootClosed = false;
  while (pos < svg.length) {
    const lt = svg.indexOf('<', pos);
    const text = svg.slice(pos, lt < 0 ? svg.length : lt);
    checkText(text, `text at ${pos}`);
    if ((stack.length === 0) && text.trim()) throw new Error(`text outside the root at ${pos}`);
    if (lt < 0) break;
    const gt = svg.indexOf('>', lt);
    if (gt < 0) throw new Error(`tag at ${lt} never ends`);
    const tag = svg.slice(lt, gt + 1);
    if (tag.includes('<', 1)) throw new Error(`a < inside the tag at ${lt}: ${tag.slice(0, 60)}`);
    const close = new RegExp(`^</(${NAME})\\s*>$`).exec(tag);
    if (close) {
      const open = stack.pop();
      if (open !== close[1]) throw new Error(`</${close[1]}> at ${lt} closes <${open ?? 'nothing'}>`);
      if (stack.length === 0) rootClosed = true;
    } else {
      const m = new RegExp(`^<(${NAME})`).exec(tag);
      if (!m) throw new Error(`not a tag at ${lt}: ${tag.slice(0, 60)}`);
      if (rootClosed || (stack.length === 0 && m[1] !== 'svg')) throw new Error(`a second root <${m[1]}> at ${lt}`);
      let rest = tag.slice(m[0].length, tag.endsWith('/>') ? -2 : -1);
      const seen = new Set<string>();
      for (let a = ATTR.exec(rest); a; a = ATTR.exec(rest)) {
        if (seen.has(a[1])) throw new Error(`attribute ${a[1]} twice in <${m[1]}> at ${lt}`);
        seen.add(a[1]);
        checkText(a[2], `attribute ${a[1]} of <${m[1]}> at ${lt}`);
        rest = rest.slice(a[0].length);
      }
      if (rest.trim()) throw new Error(`<${m[1]}> at ${lt}: cannot read ${JSON.stringify(rest.slice(0, 40))}`);
      if (!tag.endsWith('/>')) stack.push(m[1]);
    }
    pos = gt + 1;
  }
  if (stack.length) throw new Error(`<${stack.join('>, <')}> never closed`);
}

/** The attributes of every element named `tag` whose class is `cls` (any class when omitted). */
export function elements(svg: string, tag: string, cls?: string): Record<string, string>[] {
  return [...svg.matchAll(new RegExp(`<${tag}\\b([^>]*?)/?>`, 'g'))]
    .map((m) => Object.fromEntries([...m[1].matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])))
    .filter((a) => cls === undefined || a.class === cls);
}
