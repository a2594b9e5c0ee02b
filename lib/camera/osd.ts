// OSD text (spec 1.11). setosd.cgi takes the string as `text=`; whether the overlay is
// shown, and the stored string, are the VAPIX-style parameters Image.I0.Text.String and
// Image.I0.Text.TextEnabled (yes/no), read and written through config.cgi.

import type { Config } from './config.ts';
import type { CameraClient } from './http.ts';
import { yesNo } from './params.ts';
import { expectOk } from './reply.ts';

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
  async setText(text: string): Promise<void> {
    if (/[\r\n]/.test(text)) throw new Error('OSD text is one line: no line breaks');
    expectOk(await this.client.get('/setosd.cgi', { text }));
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
