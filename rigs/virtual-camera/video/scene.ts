// What the virtual camera's sensor delivers at a given moment: the panorama through the
// PTZ viewport (ptz/state.ts), the lamp (lamp.ts) and, for frames, the OSD line (osd.ts).
// Appearance parameters apply live: Image.I0.Appearance.ColorEnabled=no gives a one-
// channel (gray) frame, MirrorEnabled and Rotation=180 flip the scene (the lamp and OSD
// keep their image positions).
//
// `renderGray` is the motion chapter's view: the same scene without the OSD (motion
// detection runs on the picture, not on the overlay), cheap at low resolution.
import { ptzOf } from '../ptz/state.ts';
import type { VirtualCameraState } from '../state.ts';
import type { Canvas } from './draw.ts';
import { lampOf } from './lamp.ts';
import { drawOverlay, overlayLine, type OverlayRequest } from './osd.ts';
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
 * One RGB (or gray, when colour is off) frame; nowMs on the performance.now() clock.
 * `reuse` is a buffer from an earlier frame the caller no longer needs (a stream renders
 * into the same one every tick: a new 1-6 MB buffer per frame makes V8 collect garbage
 * every second, pausing the frame clock); used when its size fits.
 */
export function renderFrame(cam: VirtualCameraState, spec: FrameSpec, nowMs = performance.now(), reuse?: Buffer): RawFrame {
  const channels = cam.params.get('Image.I0.Appearance.ColorEnabled') === 'no' ? 1 : 3;
  const bytes = spec.width * spec.height * channels;
  const data = reuse?.length === bytes ? reuse : Buffer.allocUnsafeSlow(bytes);
  const frame: RawFrame = { data, width: spec.width, height: spec.height, channels };
  renderScene(frame, sceneOptions(cam, nowMs));
  const line = overlayLine((n) => cam.params.get(n), spec.overlay, cam.clock.now());
  if (line) drawOverlay(frame, line);
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
