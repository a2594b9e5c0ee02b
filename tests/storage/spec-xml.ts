// The XML list.cgi answers as spec §8.3 and §8.4 show it, read strictly: an XML declaration
// of version 1.0, `<root>`, then `<disks numberofdisks="N">` with N `<disk .../>` elements,
// or `<recordings>` with `<recording ...>` elements, carrying the attributes the spec shows,
// spelt as it spells them. Only whitespace may sit between elements. §8.4's own sample ends
// without `</root>`: that one omission is allowed there. Returns what it read and every
// problem found, so a report lists them all at once.
// (lib/camera/xml.ts is the lenient reader the harness uses for its own work.)

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
}

export interface Checked<T> {
  items: T[];
  problems: string[];
}

const DECLARATION = /^<\?xml\s+version\s*=\s*(["'])1\.0\1(\s+encoding\s*=\s*(["'])[A-Za-z][\w.-]*\3)?(\s+standalone\s*=\s*(["'])(yes|no)\5)?\s*\?>/;
const NAME = /^[A-Za-z_][\w.-]*/;
const ATTR = /^\s+([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/;

function decode(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!);
}

/** Parses the document after its declaration; throws with what is wrong. */
export function parseXml(text: string, opts: { rootMayStayOpen?: boolean } = {}): XmlElement {
  const decl = DECLARATION.exec(text);
  if (!decl) throw new Error(`no XML declaration <?xml version="1.0" ?> at the start: ${JSON.stringify(text.slice(0, 40))}`);
  let i = decl[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const at = () => `at ${JSON.stringify(text.slice(i, i + 30))}`;
  for (;;) {
    const gap = /^[^<]*/.exec(text.slice(i))![0];
    if (gap.trim() !== '') throw new Error(`text ${JSON.stringify(gap.trim().slice(0, 30))} between elements (the spec shows only elements)`);
    i += gap.length;
    if (i >= text.length) break;
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i);
      if (end < 0) throw new Error('a comment is not closed');
      i = end + 3;
      continue;
    }
    if (text.startsWith('</', i)) {
      const m = /^<\/([A-Za-z_][\w.-]*)\s*>/.exec(text.slice(i));
      const open = stack.pop();
      if (!m || !open || m[1] !== open.name) throw new Error(`closing tag does not match ${open ? `<${open.name}>` : 'any open element'} ${at()}`);
      i += m[0].length;
      continue;
    }
    if (root && stack.length === 0) throw new Error(`a second top-level element ${at()}`);
    const name = NAME.exec(text.slice(i + 1))?.[0];
    if (!name) throw new Error(`not an element ${at()}`);
    i += 1 + name.length;
    const el: XmlElement = { name, attrs: {}, children: [] };
    for (let m = ATTR.exec(text.slice(i)); m; m = ATTR.exec(text.slice(i))) {
      if (m[1] in el.attrs) throw new Error(`<${name}> repeats attribute ${m[1]}`);
      el.attrs[m[1]] = decode(m[2] ?? m[3]);
      i += m[0].length;
    }
    const end = /^\s*(\/?)>/.exec(text.slice(i));
    if (!end) throw new Error(`<${name}> is not closed properly ${at()}`);
    i += end[0].length;
    if (stack.length) stack[stack.length - 1].children.push(el);
    else root = el;
    if (end[1] !== '/') stack.push(el);
  }
  if (!root) throw new Error('no root element');
  const open = stack.map((e) => e.name);
  const allowed = opts.rootMayStayOpen && open.length === 1 && open[0] === root.name;
  if (open.length && !allowed) throw new Error(`elements left open at the end: ${open.map((n) => `<${n}>`).join(' ')}`);
  return root;
}

const INT = /^\d+$/;
const YES_NO = /^(yes|no)$/;

/** §8.3's sample attributes and what their values look like. */
const DISK_ATTRS: Record<string, RegExp> = {
  diskid: /^\S+$/, totalsize: INT, freesize: INT, cleanuplevel: INT, cleanupmaxage: INT,
  cleanuppolicy: /^\S+$/, locked: YES_NO, full: YES_NO, readonly: YES_NO, status: /^\S+$/,
};
/** §8.4's sample attributes: the start time as YYYYMMDD_hhmmss, the date as YYYYMMDD. */
const RECORDING_ATTRS: Record<string, RegExp> = {
  recordingid: /^\S+$/, diskid: /^\S+$/, starttime: /^\d{8}_\d{6}$/, date: /^\d{8}$/, recordingtype: /^\S+$/,
};

function attrProblems(el: XmlElement, spec: Record<string, RegExp>, label: string): string[] {
  const out: string[] = [];
  for (const [name, shape] of Object.entries(spec)) {
    const v = el.attrs[name];
    if (v === undefined) out.push(`${label} lacks ${name}="..."`);
    else if (!shape.test(v)) out.push(`${label} ${name}="${v.slice(0, 40)}" is not like the spec's`);
  }
  if (el.children.length) out.push(`${label} holds elements (${el.children.map((c) => `<${c.name}>`).join(' ')})`);
  return out;
}

function within(read: () => XmlElement): { root?: XmlElement; problems: string[] } {
  try {
    return { root: read(), problems: [] };
  } catch (err) {
    return { problems: [`not well-formed as §8 shows it: ${(err as Error).message}`] };
  }
}

/** §8.3: `<root><disks numberofdisks="N"><disk .../>...</disks></root>`. */
export function checkDisksXml(text: string): Checked<Record<string, string>> {
  const { root, problems } = within(() => parseXml(text));
  if (!root) return { items: [], problems };
  if (root.name !== 'root') problems.push(`the root element is <${root.name}>, not <root>`);
  const [disks, ...more] = root.children;
  if (!disks || disks.name !== 'disks' || more.length) return { items: [], problems: [...problems, `<root> must hold one <disks> element, holds ${root.children.map((c) => `<${c.name}>`).join(' ') || 'nothing'}`] };
  const n = disks.attrs['numberofdisks'];
  if (n === undefined || !INT.test(n) || Number(n) !== disks.children.length) problems.push(`<disks numberofdisks="${n ?? ''}"> but ${disks.children.length} <disk> element(s)`);
  disks.children.forEach((d, k) => {
    if (d.name !== 'disk') problems.push(`<disks> holds <${d.name}>`);
    else problems.push(...attrProblems(d, DISK_ATTRS, `<disk> #${k + 1}`));
  });
  return { items: disks.children.filter((d) => d.name === 'disk').map((d) => d.attrs), problems };
}

/** §8.4: `<root><recordings><recording ...></recording>...</recordings>` (`</root>` may be missing, as in the spec). */
export function checkRecordingsXml(text: string): Checked<Record<string, string>> {
  const { root, problems } = within(() => parseXml(text, { rootMayStayOpen: true }));
  if (!root) return { items: [], problems };
  if (root.name !== 'root') problems.push(`the root element is <${root.name}>, not <root>`);
  const [recs, ...more] = root.children;
  if (!recs || recs.name !== 'recordings' || more.length) return { items: [], problems: [...problems, `<root> must hold one <recordings> element, holds ${root.children.map((c) => `<${c.name}>`).join(' ') || 'nothing'}`] };
  recs.children.forEach((r, k) => {
    if (r.name !== 'recording') problems.push(`<recordings> holds <${r.name}>`);
    else {
      problems.push(...attrProblems(r, RECORDING_ATTRS, `<recording> #${k + 1}`));
      if (r.attrs['date'] && r.attrs['starttime'] && !r.attrs['starttime'].startsWith(r.attrs['date'])) problems.push(`<recording> #${k + 1}: date ${r.attrs['date']} is not the day of starttime ${r.attrs['starttime']}`);
    }
  });
  return { items: recs.children.filter((r) => r.name === 'recording').map((r) => r.attrs), problems };
}
