// The camera's wall clock: set by time.cgi, then runs on from what was set.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export class CameraClock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  set(d: Date): void {
    this.offsetMs = d.getTime() - Date.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }

  /** `Oct 03, 2008 15:16:04` (spec §1.10.1; the camera's local time, kept as UTC fields). */
  static format(d: Date): string {
    const p = (n: number) => String(n).padStart(2, '0');
    return `${MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())}, ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
  }
}
