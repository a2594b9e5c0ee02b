// Parameters of image.cgi / image.jpg and video.cgi / video.mjpg (VAPIX analogs):
//   resolution=WxH     one of Properties.Image.Resolution (default Image.I0.Appearance.Resolution)
//   camera=1           the only video source (2 and up do not exist)
//   compression=0..100 (default Image.I0.Appearance.Compression; higher = smaller file)
//   clock=0|1, date=0|1, text=0|1   overlay switches (default Image.I0.Text.*Enabled)
//   textstring=...     overlay text for this request (printable ASCII, at most 64
//                      characters; shows it unless text=0)
// video only:
//   fps=1..30          (default Image.I0.Stream.FPS)
//   duration=seconds   0..86400, 0 = endless (default Image.I0.Stream.Duration)
//   nbrofframes=N      0..1000000, 0 = endless (default Image.I0.Stream.NbrOfFrames)
// Everything is validated before anything starts; unknown parameters are refused.
import { intParam, onlyKnown, single } from '../http/query.ts';
import { CgiError } from '../http/route.ts';
import type { VirtualCameraState } from '../state.ts';
import type { OverlayRequest } from './osd.ts';
import type { FrameSpec } from './scene.ts';
import type { ClientLimits } from './stream-client.ts';
import type { StreamSettings } from './stream-hub.ts';

const IMAGE_PARAMS = ['resolution', 'camera', 'compression', 'clock', 'date', 'text', 'textstring'] as const;
const VIDEO_PARAMS = [...IMAGE_PARAMS, 'fps', 'duration', 'nbrofframes'] as const;
export const CAMERAS = 1;
const TEXT = /^[\x20-\x7e]{0,64}$/;

export interface ImageRequest {
  spec: FrameSpec;
  compression: number;
}

export interface VideoRequest {
  settings: StreamSettings;
  limits: ClientLimits;
}

/** The sizes this camera offers (Properties.Image.Resolution), as `WxH` strings. */
export function offeredResolutions(cam: VirtualCameraState): string[] {
  return cam.params.must('Properties.Image.Resolution').split(',');
}

/** `WxH` checked against the offered sizes; the CGI parameter name goes into the error. */
export function parseResolution(cam: VirtualCameraState, value: string, name = 'resolution'): { width: number; height: number } {
  const offered = offeredResolutions(cam);
  if (!offered.includes(value)) {
    const shown = value.length > 40 ? `${value.slice(0, 40)}...` : value;
    throw new CgiError(`${name}: ${shown} is not a supported resolution (supported: ${offered.join(', ')})`);
  }
  const [width, height] = value.split('x').map(Number);
  return { width, height };
}

/** camera=N: only camera 1 exists. */
export function checkCamera(q: URLSearchParams): void {
  const v = single(q, 'camera');
  if (v === undefined) return;
  if (!/^\d{1,6}$/.test(v)) throw new CgiError(`camera: "${v.slice(0, 40)}" is not a camera number`);
  if (Number(v) < 1 || Number(v) > CAMERAS) throw new CgiError(`camera ${Number(v)} does not exist (this camera has ${CAMERAS} video source)`);
}

export function parseImageRequest(cam: VirtualCameraState, q: URLSearchParams, known: readonly string[] = IMAGE_PARAMS): ImageRequest {
  onlyKnown(q, known);
  checkCamera(q);
  const { width, height } = parseResolution(cam, single(q, 'resolution') ?? cam.params.must('Image.I0.Appearance.Resolution'));
  const compression = intParam(q, 'compression', 0, 100) ?? Number(cam.params.must('Image.I0.Appearance.Compression'));
  return { spec: { width, height, overlay: parseOverlay(q) }, compression };
}

export function parseVideoRequest(cam: VirtualCameraState, q: URLSearchParams): VideoRequest {
  const { spec, compression } = parseImageRequest(cam, q, VIDEO_PARAMS);
  const fps = intParam(q, 'fps', 1, 30) ?? Number(cam.params.must('Image.I0.Stream.FPS'));
  const duration = intParam(q, 'duration', 0, 86_400) ?? Number(cam.params.must('Image.I0.Stream.Duration'));
  const frames = intParam(q, 'nbrofframes', 0, 1_000_000) ?? Number(cam.params.must('Image.I0.Stream.NbrOfFrames'));
  return {
    settings: { ...spec, compression, fps },
    limits: { durationMs: duration > 0 ? duration * 1000 : undefined, frames: frames > 0 ? frames : undefined },
  };
}

function parseOverlay(q: URLSearchParams): OverlayRequest {
  const textString = single(q, 'textstring');
  if (textString !== undefined && !TEXT.test(textString))
    throw new CgiError(`textstring: at most 64 printable ASCII characters (got ${textString.length} characters${/[^\x20-\x7e]/.test(textString) ? ', some not printable ASCII' : ''})`);
  return { clock: flag(q, 'clock'), date: flag(q, 'date'), text: flag(q, 'text'), textString };
}

function flag(q: URLSearchParams, name: string): boolean | undefined {
  const v = single(q, name);
  if (v === undefined) return undefined;
  if (v !== '0' && v !== '1') throw new CgiError(`${name}: "${v.slice(0, 40)}" is not 0 or 1`);
  return v === '1';
}
