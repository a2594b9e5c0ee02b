// Parameter definitions: what a parameter is, its factory value and what it accepts.
// A chapter lists its parameters in `<chapter>/params.ts`; params/catalog.ts joins them.

export type ParamType =
  | { kind: 'string'; maxLength?: number; pattern?: RegExp }
  | { kind: 'int'; min: number; max: number }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'bool' } // yes | no
  | { kind: 'ipv4' }
  | { kind: 'list'; values: readonly string[] }; // comma list, each from values

export interface ParamDef {
  /** Full name, e.g. `Image.I0.Stream.FPS`. */
  name: string;
  /** Factory value (a string, as listed). */
  value: string;
  type: ParamType;
  /** Refused by update (Brand.*, Properties.*). */
  readOnly?: boolean;
}

/**
 * A template for `config.cgi?action=add&group=G&template=T`: the new group is
 * `<group>.<prefix><n>` (e.g. `Motion.M0`) with these sub-parameters.
 */
export interface TemplateDef {
  name: string; // e.g. 'motion'
  group: string; // e.g. 'Motion'
  prefix: string; // e.g. 'M'
  /** Sub-parameter name (after `Motion.M<n>.`) -> definition without the full name. */
  params: Record<string, Omit<ParamDef, 'name'>>;
  /** At most this many instances. */
  max: number;
}
