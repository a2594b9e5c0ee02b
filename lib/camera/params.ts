// The parameter list format (spec 1.1.2): one `<parameter>=<value>` pair per line.
// Values may contain `=` and spaces (`Image.I0.Text.String=a = b`), lines end in CRLF
// or LF, and a `# Error: ...` line means the camera refused (part of) the request.

import { CameraDefect } from '../errors.ts';

/** Parameters in the order the camera listed them. */
export type Params = Map<string, string>;

export class ParamListError extends CameraDefect {
  override name = 'ParamListError';
  constructor(
    message: string,
    /** The camera's `# Error:` text when that is what the list held. */
    readonly cameraError?: string,
  ) {
    super(message);
  }
}

/**
 * Parses a list reply. Blank lines are skipped; other `#` lines are comments; the
 * first `# Error:` line throws with its text. The name is everything before the first
 * `=` (trimmed), the value everything after it, kept as is except a trailing CR.
 * A name listed twice keeps the last value (as a later update would).
 */
export function parseParamList(text: string): Params {
  const params: Params = new Map();
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    const error = /^\s*#\s*Error\s*:\s?(.*)$/i.exec(line);
    if (error) throw new ParamListError(`camera reported an error: ${error[1].trim()}`, error[1].trim());
    if (line.trimStart().startsWith('#')) return;
    const eq = line.indexOf('=');
    const name = eq < 0 ? '' : line.slice(0, eq).trim();
    if (name === '' || /\s/.test(name)) {
      throw new ParamListError(`line ${i + 1} is not <parameter>=<value>: ${JSON.stringify(line.slice(0, 120))}`);
    }
    params.set(name, line.slice(eq + 1));
  });
  return params;
}

/** The parameters under a group prefix (`Motion.M1` matches `Motion.M1.Top`, not `Motion.M10.Top`). */
export function paramsUnder(params: Params, group: string): Params {
  const prefix = `${group}.`;
  return new Map([...params].filter(([k]) => k === group || k.startsWith(prefix)));
}

/** A yes/no parameter value as a boolean; undefined for anything else. */
export function yesNo(value: string | undefined): boolean | undefined {
  const v = value?.trim().toLowerCase();
  if (v === 'yes' || v === 'true' || v === '1' || v === 'on') return true;
  if (v === 'no' || v === 'false' || v === '0' || v === 'off') return false;
  return undefined;
}

/** An integer parameter value; undefined when absent or not an integer. */
export function intParam(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*[-+]?\d+\s*$/.test(value)) return undefined;
  return Number.parseInt(value, 10);
}
