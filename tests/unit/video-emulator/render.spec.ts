// The virtual camera's scene renderer: a textured panorama seen through the PTZ viewport
// (pan right moves the scene left, tilt up moves it down, zoom narrows the view), the lamp
// confined to its documented rectangle, the OSD confined to its band, the bitmap font.
import { expect, test } from '@playwright/test';
import { estimateShift } from '../../../lib/media/shift.ts';
import type { Canvas } from '../../../rigs/virtual-camera/video/draw.ts';
import { ADVANCE, drawText, glyphPixel, GLYPH_HEIGHT, textWidth } from '../../../rigs/virtual-camera/video/font.ts';
import { LAMP_RECT, lampPixels } from '../../../rigs/virtual-camera/video/lamp.ts';
import { drawOverlay, osdBand, overlayLine } from '../../../rigs/virtual-camera/video/osd.ts';
import { panorama, PANORAMA_HEIGHT, PANORAMA_WIDTH } from '../../../rigs/virtual-camera/video/panorama.ts';
import { renderScene, type FrameCanvas, type SceneOptions } from '../../../rigs/virtual-camera/video/render.ts';
import { samplingTables } from '../../../rigs/virtual-camera/video/viewport.ts';

const scene = (o: Partial<SceneOptions> & { pan?: number; tilt?: number; hfov?: number } = {}): SceneOptions => ({
  view: { pan: o.pan ?? 0, tilt: o.tilt ?? 0, hfov: o.hfov ?? 60 },
  mirror: o.mirror ?? false,
  rotate180: o.rotate180 ?? false,
  lampOn: o.lampOn ?? false,
  live: o.live ?? true,
});

function gray(w: number, h: number, o: SceneOptions): FrameCanvas {
  const c: FrameCanvas = { data: new Uint8Array(w * h), width: w, height: h, channels: 1 };
  renderScene(c, o);
  return c;
}

/** Pixels that differ, as a bounding box (undefined when none). */
function diffBox(a: Canvas, b: Canvas): { x0: number; y0: number; x1: number; y1: number; count: number } | undefined {
  let x0 = Infinity, y0 = Infinity, x1 = -1, y1 = -1, count = 0;
  for (let y = 0; y < a.height; y++)
    for (let x = 0; x < a.width; x++) {
      const i = (y * a.width + x) * a.channels;
      if (a.data[i] !== b.data[i]) {
        count++;
        x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
      }
    }
  return count ? { x0, y0, x1, y1, count } : undefined;
}

test('the panorama is textured everywhere: every 32x32 block has visible spread', () => {
  const p = panorama();
  expect(p.width).toBe(PANORAMA_WIDTH);
  expect(p.height).toBe(PANORAMA_HEIGHT);
  expect(p.pixels.length).toBe(p.width * p.height);
  expect(p.gray.length).toBe(p.width * p.height);
  let flattest = Infinity;
  for (let by = 0; by + 32 <= p.height; by += 32)
    for (let bx = 0; bx + 32 <= p.width; bx += 32) {
      let sum = 0, sq = 0;
      for (let y = by; y < by + 32; y++)
        for (let x = bx; x < bx + 32; x++) {
          const v = p.gray[y * p.width + x];
          sum += v; sq += v * v;
        }
      const mean = sum / 1024;
      flattest = Math.min(flattest, Math.sqrt(sq / 1024 - mean * mean));
    }
  expect(flattest).toBeGreaterThan(4);
});

test('the panorama wraps seamlessly at pan +-180 (noise continues across the edge)', () => {
  const p = panorama();
  // Mean step between the last and first column vs between neighbouring columns elsewhere.
  const step = (a: number, b: number) => {
    let s = 0;
    for (let y = 0; y < p.height; y++) s += Math.abs(p.gray[y * p.width + a] - p.gray[y * p.width + b]);
    return s / p.height;
  };
  const inside = [100, 1000, 2500, 4000].map((x) => step(x, x + 1));
  expect(step(p.width - 1, 0)).toBeLessThan(3 * Math.max(...inside));
});

test('a positive pan moves the scene left, a positive tilt moves it down (VAPIX)', () => {
  const w = 320, h = 240;
  const base = gray(w, h, scene());
  // 60 degrees across 320 px: 3 degrees = 16 px.
  const right = estimateShift(base, gray(w, h, scene({ pan: 3 })));
  expect(right.dx).toBeGreaterThanOrEqual(-17);
  expect(right.dx).toBeLessThanOrEqual(-15);
  expect(Math.abs(right.dy)).toBeLessThanOrEqual(1);
  const up = estimateShift(base, gray(w, h, scene({ tilt: 3 })));
  expect(up.dy).toBeGreaterThanOrEqual(15);
  expect(up.dy).toBeLessThanOrEqual(17);
  expect(Math.abs(up.dx)).toBeLessThanOrEqual(1);
});

test('shifts are measurable far from home too: at the pan limit, looking down, zoomed in', () => {
  const w = 320, h = 240;
  for (const at of [{ pan: 170, tilt: -90, hfov: 60 }, { pan: -170, tilt: 10, hfov: 6 }, { pan: 45, tilt: 60, hfov: 20 }]) {
    const a = gray(w, h, scene(at));
    const degPerPx = at.hfov / w;
    const b = gray(w, h, scene({ ...at, pan: at.pan + 10 * degPerPx }));
    const s = estimateShift(a, b);
    expect(s.dx, JSON.stringify(at)).toBeGreaterThanOrEqual(-11);
    expect(s.dx, JSON.stringify(at)).toBeLessThanOrEqual(-9);
  }
});

test('the word-wise RGB path gives the same pixels as the byte-wise one', () => {
  const o = scene({ pan: 33.3, tilt: -12, hfov: 25, lampOn: true });
  const n = 640 * 480 * 3;
  const aligned: FrameCanvas = { data: new Uint8Array(n), width: 640, height: 480, channels: 3 };
  // An odd byte offset forces the byte-wise path.
  const odd: FrameCanvas = { data: new Uint8Array(n + 1).subarray(1), width: 640, height: 480, channels: 3 };
  renderScene(aligned, o);
  renderScene(odd, o);
  expect(Buffer.from(aligned.data).equals(Buffer.from(odd.data))).toBe(true);
  // And the colours are the panorama's: the centre pixel of a home view.
  const p = panorama();
  const home: FrameCanvas = { data: new Uint8Array(64 * 48 * 3), width: 64, height: 48, channels: 3 };
  renderScene(home, scene({ hfov: 4 }));
  const { columns, rows } = samplingTables({ pan: 0, tilt: 0, hfov: 4 }, 64, 48);
  const px = p.pixels[rows[10] * p.width + columns[20]];
  const at = (10 * 64 + 20) * 3;
  expect([home.data[at], home.data[at + 1], home.data[at + 2]]).toEqual([px & 0xff, (px >>> 8) & 0xff, (px >>> 16) & 0xff]);
});

test('a narrower field of view magnifies the centre', () => {
  const wide = samplingTables({ pan: 0, tilt: 0, hfov: 60 }, 640, 480);
  const tele = samplingTables({ pan: 0, tilt: 0, hfov: 6 }, 640, 480);
  const span = (t: Int32Array) => t[t.length - 1] - t[0];
  expect(span(wide.columns) / span(tele.columns)).toBeCloseTo(10, 0);
  expect(span(wide.rows) / span(tele.rows)).toBeCloseTo(10, 0);
});

test('mirror reverses columns; rotation 180 reverses rows and columns', () => {
  const v = { pan: 20, tilt: -5, hfov: 40 };
  const plain = samplingTables(v, 64, 48);
  const mirrored = samplingTables(v, 64, 48, true);
  const rotated = samplingTables(v, 64, 48, false, true);
  expect([...mirrored.columns]).toEqual([...plain.columns].reverse());
  expect([...mirrored.rows]).toEqual([...plain.rows]);
  expect([...rotated.columns]).toEqual([...plain.columns].reverse());
  expect([...rotated.rows]).toEqual([...plain.rows].reverse());
});

test('the lamp changes only pixels inside LAMP_RECT, in every size and PTZ position', () => {
  for (const [w, h, pan] of [[640, 480, 0], [1280, 720, 77], [320, 240, -150]] as const) {
    const off = gray(w, h, scene({ pan }));
    const on = gray(w, h, scene({ pan, lampOn: true }));
    const box = diffBox(off, on);
    expect(box).toBeDefined();
    const r = lampPixels(w, h);
    expect(box!.x0).toBeGreaterThanOrEqual(r.x0);
    expect(box!.y0).toBeGreaterThanOrEqual(r.y0);
    expect(box!.x1).toBeLessThan(r.x1);
    expect(box!.y1).toBeLessThan(r.y1);
    // A real change: most of the rectangle's inner ellipse lights up.
    expect(box!.count).toBeGreaterThan((r.x1 - r.x0) * (r.y1 - r.y0) * 0.3);
  }
  expect(LAMP_RECT.left).toBeLessThan(LAMP_RECT.right);
  expect(LAMP_RECT.bottom).toBeLessThanOrEqual(9999);
});

test('without a video signal the frame is a flat card with NO VIDEO, whatever the view', () => {
  const a = gray(320, 240, scene({ live: false }));
  const b = gray(320, 240, scene({ live: false, pan: 90, lampOn: true }));
  expect(diffBox(a, b)).toBeUndefined();
  const values = new Set(a.data);
  expect(values.size).toBe(2); // background and text
});

test('the OSD line is drawn inside its band only, top or bottom', () => {
  const params: Record<string, string> = {
    'Image.I0.Text.TextEnabled': 'yes',
    'Image.I0.Text.String': 'Gate 3',
    'Image.I0.Text.ClockEnabled': 'no',
    'Image.I0.Text.DateEnabled': 'no',
    'Image.I0.Text.Position': 'bottom',
    'Image.I0.Text.Color': 'white',
    'Image.I0.Text.BGColor': 'black',
  };
  const line = overlayLine((n) => params[n], {}, new Date(Date.UTC(2008, 9, 3, 15, 16, 4)));
  expect(line?.text).toBe('Gate 3');
  expect(line?.position).toBe('bottom');
  const base = gray(640, 480, scene());
  const withOsd = gray(640, 480, scene());
  drawOverlay(withOsd, line!);
  const box = diffBox(base, withOsd)!;
  const band = osdBand(480, 'bottom');
  expect(box.y0).toBeGreaterThanOrEqual(band.y0);
  expect(box.y1).toBeLessThan(band.y1);
});

test('overlay requests override the parameters; date and clock come from the given time', () => {
  const params: Record<string, string> = { 'Image.I0.Text.DateEnabled': 'yes', 'Image.I0.Text.ClockEnabled': 'yes', 'Image.I0.Text.TextEnabled': 'no', 'Image.I0.Text.String': 'stored' };
  const at = new Date(Date.UTC(2008, 9, 3, 15, 16, 4));
  const get = (n: string) => params[n];
  expect(overlayLine(get, {}, at)?.text).toBe('2008-10-03  15:16:04');
  expect(overlayLine(get, { date: false }, at)?.text).toBe('15:16:04');
  expect(overlayLine(get, { date: false, clock: false, text: true }, at)?.text).toBe('stored');
  expect(overlayLine(get, { date: false, clock: false, textString: 'given' }, at)?.text).toBe('given');
  expect(overlayLine(get, { date: false, clock: false, text: false, textString: 'given' }, at)).toBeUndefined();
});

test('the font covers printable ASCII; unknown characters draw as "?"', () => {
  const c: Canvas = { data: new Uint8Array(200 * 20), width: 200, height: 20, channels: 1 };
  const end = drawText(c, 'Hi!', 0, 0, 2, [255]);
  expect(end).toBe(3 * ADVANCE * 2);
  expect(textWidth('Hi!', 2)).toBe((3 * ADVANCE - 1) * 2);
  const lit = c.data.reduce((n, v) => n + (v ? 1 : 0), 0);
  // H has 17 font pixels, i 9, ! 6; each is a 2x2 block.
  expect(lit).toBe((17 + 9 + 6) * 4);
  for (let row = 0; row < GLYPH_HEIGHT; row++) expect(glyphPixel('\u00e9', 0, row)).toBe(glyphPixel('?', 0, row));
  expect(glyphPixel(' ', 2, 3)).toBe(false);
});
