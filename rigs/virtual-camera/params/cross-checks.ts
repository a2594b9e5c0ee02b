// Rules that tie parameters together (a window's Top above its Bottom, a zoom limit
// pair the wrong way round). Checked on the state a write WOULD produce, so a request
// that breaks one is refused whole, as a single bad value is.
export type Lookup = (name: string) => string | undefined;
export type CrossCheck = (get: Lookup, names: readonly string[]) => string | undefined;

/** `<prefix>.<lo>` must not exceed `<prefix>.<hi>` for every prefix among the names. */
function ordered(pattern: RegExp, lo: string, hi: string): CrossCheck {
  return (get, names) => {
    const prefixes = new Set(names.map((n) => pattern.exec(n)?.[1]).filter((p): p is string => !!p));
    for (const p of prefixes) {
      const a = get(`${p}.${lo}`);
      const b = get(`${p}.${hi}`);
      if (a !== undefined && b !== undefined && Number(a) > Number(b)) return `${p}.${lo} (${a}) must not exceed ${p}.${hi} (${b})`;
    }
    return undefined;
  };
}

export const CROSS_CHECKS: readonly CrossCheck[] = [
  ordered(/^(Motion\.M\d+)\./, 'Top', 'Bottom'),
  ordered(/^(Motion\.M\d+)\./, 'Left', 'Right'),
  ordered(/^(PTZ\.Limit\.L\d+)\./, 'MinPan', 'MaxPan'),
  ordered(/^(PTZ\.Limit\.L\d+)\./, 'MinTilt', 'MaxTilt'),
  ordered(/^(PTZ\.Limit\.L\d+)\./, 'MinZoom', 'MaxZoom'),
];
