// The action strings of output.cgi and port.cgi (VAPIX convention, docs/virtual-camera.md "Parameter
// analogs"): `<port>:<steps>`, where a step is `/` (active), `\` (inactive) or a number of
// milliseconds to wait before the next step:
//   1:/           active            1:\   inactive
//   1:/300\       active for 300 ms, then inactive (a pulse)
//   1:/300\300/300\   two pulses, 300 ms apart
//   1:500/        active after 500 ms
// The whole string is checked before anything happens, so a bad step late in a sequence
// never leaves the output half-driven. Written from the spec and docs/virtual-camera.md, not shared
// with the harness's builder in lib/camera/io.ts.
import { CgiError } from '../http/route.ts';

export type ActionStep = { kind: 'set'; active: boolean } | { kind: 'wait'; ms: number };

export interface Action {
  /** The port number as given (from 1); its meaning depends on the CGI. */
  port: number;
  steps: ActionStep[];
}

/** One wait may last this long (10 min): longer is more likely a typo than a plan. */
export const MAX_WAIT_MS = 600_000;
/** Steps in one action; a sequence is a pulse train, not a program. */
export const MAX_STEPS = 64;
const MAX_PORT = 99;

const TOKEN = /\/|\\|\d+/y;

export function parseAction(text: string): Action {
  // Quoted as sent (JSON would double every backslash); control characters never reach
  // the error line, where a CR LF could forge a second line.
  const shown = `"${printable(text.slice(0, 60))}"`;
  const colon = text.indexOf(':');
  if (colon < 0) throw new CgiError(`action ${shown} is not <port>:<steps>, e.g. 1:/ (active), 1:\\ (inactive) or 1:/300\\ (a 300 ms pulse)`);
  const portText = text.slice(0, colon);
  if (!/^\d{1,2}$/.test(portText) || Number(portText) < 1 || Number(portText) > MAX_PORT)
    throw new CgiError(`action ${shown}: port "${printable(portText.slice(0, 10))}" is not a number 1..${MAX_PORT}`);
  const body = text.slice(colon + 1);
  if (body === '') throw new CgiError(`action ${shown} has no steps: give / (active), \\ (inactive) or waits in ms between them`);

  const steps: ActionStep[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < body.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(body);
    if (!m) throw new CgiError(`action ${shown}: "${printable(body.slice(at, at + 10))}" is not a step (/ active, \\ inactive, or a wait in ms)`);
    const tok = m[0];
    if (tok === '/' || tok === '\\') {
      steps.push({ kind: 'set', active: tok === '/' });
      continue;
    }
    const ms = Number(tok);
    if (ms < 1 || ms > MAX_WAIT_MS) throw new CgiError(`action ${shown}: wait ${tok.slice(0, 12)} ms is out of range 1..${MAX_WAIT_MS}`);
    steps.push({ kind: 'wait', ms });
  }
  if (steps.length > MAX_STEPS) throw new CgiError(`action ${shown}: ${steps.length} steps, at most ${MAX_STEPS}`);
  // A trailing wait would wait for nothing: most likely a forgotten `\` at the end.
  if (steps[steps.length - 1].kind === 'wait') throw new CgiError(`action ${shown} ends with a wait: end it with / or \\`);
  return { port: Number(portText), steps };
}

function printable(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, '?');
}

/** The action's total duration in ms (0 for a plain set). */
export function actionDuration(a: Action): number {
  return a.steps.reduce((sum, s) => sum + (s.kind === 'wait' ? s.ms : 0), 0);
}

/** The steps back in wire form, for the system log (`/300\`). */
export function formatSteps(steps: readonly ActionStep[]): string {
  return steps.map((s) => (s.kind === 'wait' ? String(s.ms) : s.active ? '/' : '\\')).join('');
}
