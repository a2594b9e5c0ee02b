// The system log behind systemlog.cgi: real events, newest last, bounded in size.
import type { CameraClock } from './clock.ts';

export class SystemLog {
  private readonly lines: string[] = [];
  constructor(private readonly clock: CameraClock, private readonly max = 2000) {}

  add(source: string, message: string): void {
    const t = this.clock.now().toISOString().replace('T', ' ').slice(0, 19);
    this.lines.push(`${t} ${source}: ${message}`);
    if (this.lines.length > this.max) this.lines.splice(0, this.lines.length - this.max);
  }

  text(): string {
    return this.lines.map((l) => `${l}\r\n`).join('');
  }

  clear(): void {
    this.lines.length = 0;
  }
}
