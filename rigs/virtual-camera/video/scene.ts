// What the virtual camera's sensor delivers at a given moment: the panorama through the
// PTZ viewport (ptz/state.ts), the lamp (lamp.ts) and, for frames, the OSD line (osd.ts).
// Appearance parameters apply live: Image.I0.Appearance.ColorEnabled=no gives a one-
// channel (gray) frame, MirrorEnabled and Rotation=180 flip the scene (the lamp and OSD
// keep their image positions).
//
// A frame is read from the camera first (`pictureAt`: plain data) and drawn from that alone
// (`drawPicture`), so cameras showing an equal picture can share its JPEG (shared-pictures.ts).
//
// `renderGray` is the motion chapter's view: the same scene without the OSD (motion
// detection runs on the picture, not on the overlay), cheap at low resolution.
import { ptzOf } from '../ptz/state.ts';
import type { VirtualCameraState } from '../state.ts';
import type { Canvas } from './draw.ts';
import { lampOf } from './lamp.ts';
import { drawOverlay, overlayLine, type OverlayLine, type OverlayRequest } from './osd.ts';
import { renderScene, type SceneOptions } from './render.ts';
import { videoSourceOf } from './source.ts';

export interface FrameSpec {
  width: number;
  height: number;
  overlay: OverlayRequest;
}

export interface RawFrame extends Canvas {
  data: Buffer;
  channels: 1 | 3;
}

/**
 * Everything a frame's pixels depend on, as plain data: two pictures that are equal (as
 * JSON) render to the same pixels and encode to the same JPEG, whichever camera they come
 * from (shared-pictures.ts relies on this). drawPicture reads nothing else.
 */
export interface Picture {
  width: number;
  height: number;
  channels: 1 | 3;
  scene: SceneOptions;
  /** The OSD line to draw, or undefined when no overlay is on. */
  overlay: OverlayLine | undefined;
}

/** What the camera's sensor shows at nowMs (performance.now() clock) in a frame of `spec`. */
export function pictureAt(cam: VirtualCameraState, spec: FrameSpec, nowMs = performance.now()): Picture {
  return {
    width: spec.width,
    height: spec.height,
    channels: cam.params.get('Image.I0.Appearance.ColorEnabled') === 'no' ? 1 : 3,
    scene: sceneOptions(cam, nowMs),
    overlay: overlayLine((n) => cam.params.get(n), spec.overlay, cam.clock.now()),
  };
}

/**
 * The picture's pixels. `reuse` is a buffer from an earlier frame the caller no longer
 * needs (a stream renders into the same one every tick: a new 1-6 MB buffer per frame
 * makes V8 collect garbage every second, pausing the frame clock); used when its size fits.
 */
export function drawPicture(p: Picture, reuse?: Buffer): RawFrame {
  const bytes = p.width * p.height * p.channels;
  const data = reuse?.length === bytes ? reuse : Buffer.allocUnsafeSlow(bytes);
  const frame: RawFrame = { data, width: p.width, height: p.height, channels: p.channels };
  renderScene(frame, p.scene);
  if (p.overlay) drawOverlay(frame, p.overlay);
  return frame;
}

/** Luma of the scene (no OSD), width x height bytes; nowMs on the performance.now() clock. */
export function renderGray(cam: VirtualCameraState, width: number, height: number, nowMs = performance.now()): Uint8Array {
  const c = { data: new Uint8Array(width * height), width, height, channels: 1 as const };
  renderScene(c, sceneOptions(cam, nowMs));
  return c.data;
}

function sceneOptions(cam: VirtualCameraState, nowMs: number): SceneOptions {
  const v = ptzOf(cam).view(nowMs);
  return {
    view: { pan: v.pan, tilt: v.tilt, hfov: v.hfov },
    mirror: cam.params.get('Image.I0.Appearance.MirrorEnabled') === 'yes',
    rotate180: cam.params.get('Image.I0.Appearance.Rotation') === '180',
    lampOn: lampOf(cam).on,
    live: videoSourceOf(cam).live,
  };
}
