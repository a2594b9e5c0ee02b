// Value validation by type. Returns an error text naming what is wrong, or undefined.
import type { ParamDef } from './types.ts';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function checkValue(def: Pick<ParamDef, 'name' | 'type'>, value: string): string | undefined {
  const t = def.type;
  // Control characters would break the line-based list format of §1.1.2.
  if (/[\r\n\0]/.test(value)) return `${def.name}: value contains a line break or NUL`;
  switch (t.kind) {
    case 'string':
      if (t.maxLength !== undefined && value.length > t.maxLength)
        return `${def.name}: value is ${value.length} characters, at most ${t.maxLength} allowed`;
      if (t.pattern && !t.pattern.test(value)) return `${def.name}: "${clip(value)}" is not a valid value`;
      return undefined;
    case 'int': {
      if (!/^-?\d+$/.test(value)) return `${def.name}: "${clip(value)}" is not an integer`;
      const n = Number(value);
      if (n < t.min || n > t.max) return `${def.name}: ${n} is out of range ${t.min}..${t.max}`;
      return undefined;
    }
    case 'enum':
      return t.values.includes(value) ? undefined : `${def.name}: "${clip(value)}" is not one of ${t.values.join(', ')}`;
    case 'bool':
      return value === 'yes' || value === 'no' ? undefined : `${def.name}: "${clip(value)}" is not yes or no`;
    case 'ipv4':
      return IPV4.test(value) ? undefined : `${def.name}: "${clip(value)}" is not an IPv4 address`;
    case 'list': {
      if (value === '') return undefined;
      const bad = value.split(',').filter((v) => !t.values.includes(v));
      return bad.length ? `${def.name}: ${bad.map(clip).join(', ')} not among ${t.values.join(', ')}` : undefined;
    }
  }
}

/** Keeps error lines short when a client sends a 64 KiB value. */
export function clip(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max)}...(${s.length} chars)` : s;
}
