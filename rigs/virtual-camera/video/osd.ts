// The OSD line (spec 1.11 as the image shows it): date, clock and text in one band at the
// top or bottom of the image, from Image.I0.Text.* unless a request overrides them
// (image.cgi / video.cgi `clock=`, `date=`, `text=`, `textstring=`). Overrides left out
// follow the parameters live, so a stream shows a new text as soon as setosd.cgi sets it.
//
// Band geometry (documented for tests that compare the band): scale s = max(1, floor(H/200)),
// band height (7 + 4) x s pixels over the full width, flush with the top or bottom edge;
// text starts 2s from the left. Date is YYYY-MM-DD, clock HH:MM:SS (camera clock, time.cgi).
import { fillRect, type Canvas } from './draw.ts';
import { drawText, GLYPH_HEIGHT } from './font.ts';

export interface OverlayRequest {
  clock?: boolean;
  date?: boolean;
  text?: boolean;
  textString?: string;
}

export interface OverlayLine {
  text: string;
  position: 'top' | 'bottom';
  color: readonly number[];
  /** Undefined: transparent background. */
  background?: readonly number[];
}

type ParamReader = (name: string) => string | undefined;

const COLORS: Record<string, readonly number[]> = { white: [255, 255, 255], black: [0, 0, 0] };

/** The line to draw now, or undefined when nothing is enabled. */
export function overlayLine(param: ParamReader, req: OverlayRequest, now: Date): OverlayLine | undefined {
  const yes = (name: string) => param(`Image.I0.Text.${name}`) === 'yes';
  const parts: string[] = [];
  const p2 = (n: number) => String(n).padStart(2, '0');
  if (req.date ?? yes('DateEnabled')) parts.push(`${now.getUTCFullYear()}-${p2(now.getUTCMonth() + 1)}-${p2(now.getUTCDate())}`);
  if (req.clock ?? yes('ClockEnabled')) parts.push(`${p2(now.getUTCHours())}:${p2(now.getUTCMinutes())}:${p2(now.getUTCSeconds())}`);
  if (req.text ?? (req.textString !== undefined || yes('TextEnabled'))) {
    const text = req.textString ?? param('Image.I0.Text.String') ?? '';
    if (text !== '') parts.push(text);
  }
  if (parts.length === 0) return undefined;
  const bg = param('Image.I0.Text.BGColor') ?? 'black';
  return {
    text: parts.join('  '),
    position: param('Image.I0.Text.Position') === 'bottom' ? 'bottom' : 'top',
    color: COLORS[param('Image.I0.Text.Color') ?? 'white'] ?? COLORS.white,
    background: COLORS[bg],
  };
}

function osdScale(height: number): number {
  return Math.max(1, Math.floor(height / 200));
}

/** Rows [y0, y1) of the OSD band in an image of this height. */
export function osdBand(height: number, position: 'top' | 'bottom'): { y0: number; y1: number } {
  const h = (GLYPH_HEIGHT + 4) * osdScale(height);
  return position === 'top' ? { y0: 0, y1: h } : { y0: height - h, y1: height };
}

export function drawOverlay(c: Canvas, line: OverlayLine): void {
  const s = osdScale(c.height);
  const { y0, y1 } = osdBand(c.height, line.position);
  if (line.background) fillRect(c, 0, y0, c.width, y1 - y0, line.background);
  drawText(c, line.text, 2 * s, y0 + 2 * s, s, line.color);
}
