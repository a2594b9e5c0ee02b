// OSD text (spec 1.11). setosd.cgi takes the family's settings: `text=` (the string),
// `enabled=`, `clock=`, `date=` (yes/no) and `position=` (top/bottom). The stored string and
// whether it is shown are the VAPIX-style parameters Image.I0.Text.String and
// Image.I0.Text.TextEnabled (yes/no), read and written through config.cgi. The spec shows no
// answer to setosd.cgi: the calls resolve to the camera's answer text for a suite to observe.

import type { Config } from './config.ts';
import type { CameraClient } from './http.ts';
import { yesNo } from './params.ts';
import { expectNoError } from './reply.ts';

export interface OsdSettings {
  text?: string;
  /** Shows the text (enabled=yes|no). */
  enabled?: boolean;
  clock?: boolean;
  date?: boolean;
  position?: 'top' | 'bottom';
}

export interface OsdState {
  text: string | undefined;
  enabled: boolean | undefined;
}

const STRING = 'Image.I0.Text.String';
const ENABLED = 'Image.I0.Text.TextEnabled';

export class Osd {
  constructor(
    private readonly client: CameraClient,
    private readonly config: Config,
  ) {}

  /** Sets the overlay string through setosd.cgi?text=. */
  setText(text: string): Promise<string> {
    return this.set({ text });
  }

  /** setosd.cgi with the settings given (at least one); a `# Error:` answer throws. */
  async set(s: OsdSettings): Promise<string> {
    if (s.text !== undefined && /[\r\n]/.test(s.text)) throw new Error('OSD text is one line: no line breaks');
    if (s.position !== undefined && s.position !== 'top' && s.position !== 'bottom') throw new Error(`OSD position is top or bottom, got ${JSON.stringify(s.position)}`);
    const query = { text: s.text, enabled: s.enabled, clock: s.clock, date: s.date, position: s.position };
    if (Object.values(query).every((v) => v === undefined)) throw new Error('setosd: give at least one setting');
    const res = await this.client.get('/setosd.cgi', query);
    expectNoError(res);
    return res.text;
  }

  /** Sets the overlay string through the parameter (config.cgi update). */
  async setTextParam(text: string): Promise<void> {
    if (/[\r\n]/.test(text)) throw new Error('OSD text is one line: no line breaks');
    await this.config.update({ [STRING]: text });
  }

  /** Shows or hides the overlay text (Image.I0.Text.TextEnabled=yes|no). */
  async setEnabled(on: boolean): Promise<void> {
    await this.config.update({ [ENABLED]: on ? 'yes' : 'no' });
  }

  /** The stored string and whether it is shown; undefined fields are not listed by the camera. */
  async get(): Promise<OsdState> {
    const p = await this.config.list(['Image.I0.Text']);
    return { text: p.get(STRING), enabled: yesNo(p.get(ENABLED)) };
  }
}
