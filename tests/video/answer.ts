// A camera's answer to a request it may refuse, told apart from an answer that obeys. The
// spec never says how a camera refuses (§1-§4 show no error answer), so whether it refuses
// and in what form are house expectations (observed); what the spec does say — a refused
// value changes nothing, an accepted one is kept — the suites check after this.
import type { Observe } from '../../fixtures/observe.ts';
import { cameraErrorOf, firstLineOf, type CameraResponse } from '../../lib/camera/index.ts';

export interface Answer {
  status: number;
  contentType: string;
  /** The text after `# Error:`, when the camera sent such a line. */
  cameraError?: string;
  /** The first line of a text answer, or a description of a binary one. */
  firstLine: string;
}

export function answerOf(res: Pick<CameraResponse, 'status' | 'contentType' | 'text' | 'body'>): Answer {
  const binary = /^(image|video|audio|multipart)\//i.test(res.contentType);
  return {
    status: res.status,
    contentType: res.contentType,
    cameraError: binary ? undefined : cameraErrorOf(res.text),
    firstLine: binary ? `${res.contentType}, ${res.body.length} bytes` : firstLineOf(res.text, 120) || 'an empty answer',
  };
}

/** An HTTP error status or a `# Error:` line: the camera said no. */
export function isRefusal(a: Answer): boolean {
  return a.status >= 400 || a.cameraError !== undefined;
}

export function describeAnswer(a: Answer): string {
  return `HTTP ${a.status}, ${a.firstLine}`;
}

/** How the camera refused: the family answers 400 with a `# Error: <what is wrong>` line. */
export function observeRefusalForm(observe: Observe, rule: string, a: Answer): void {
  observe(rule, { expected: 'HTTP 400, # Error: <what is wrong>', observed: describeAnswer(a), holds: a.status === 400 && a.cameraError !== undefined });
}
