// Whether the camera's video source delivers a picture. Normally always; fault injection
// switches it off to simulate a lost signal: videostatus.cgi then answers `no video` and
// frames show a flat "NO VIDEO" card (the stream itself goes on, as on an encoder whose
// input is unplugged). The signal is not camera configuration: reboots keep it.
import type { VirtualCameraState } from '../state.ts';
import { perCamera } from '../per-camera.ts';

export interface VideoSource {
  readonly live: boolean;
  set(live: boolean): void;
}

class SourceSwitch implements VideoSource {
  live = true;
  set(live: boolean): void {
    this.live = live;
  }
}

export const videoSourceOf: (cam: VirtualCameraState) => VideoSource = perCamera(() => new SourceSwitch());
