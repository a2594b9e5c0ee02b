// The one error a chapter throws to refuse a request. Below http/route.ts, so that the
// camera's state (parameter store, users) can refuse without depending on the HTTP layer.

/** A request the camera refuses with a clear message (turned into 400 `# Error: ...`). */
export class CgiError extends Error {
  constructor(message: string, readonly status = 400) {
    super(message);
  }
}
