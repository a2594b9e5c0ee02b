// The in-process virtual camera reports a bug in itself on the console ("virtual camera
// internal error: ...") and answers 500 — unless the client is already gone, when the 500
// is never seen. Watching the console catches those too. Physical cameras: nothing to watch.
import { format } from 'node:util';

export interface InternalErrorWatch {
  /** Stops watching; returns the first line of every internal error seen. */
  stop(): string[];
}

export function watchInternalErrors(): InternalErrorWatch {
  const seen: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => {
    const text = format(...args);
    if (text.includes('virtual camera internal error')) seen.push(text.split('\n')[0].slice(0, 200));
    original.apply(console, args);
  };
  return {
    stop() {
      console.error = original;
      return seen;
    },
  };
}
