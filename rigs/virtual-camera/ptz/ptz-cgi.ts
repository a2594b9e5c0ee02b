// ptz.cgi (spec §3.1) with the VAPIX analogs of docs/virtual-camera.md. Choices where the spec is silent:
// - A command answers `OK\r\n` with 200 (VAPIX answers 204), the family's style for a set;
//   the head then moves in the background: poll `query=position` to see it arrive.
// - `move=left|right|up|down|...` steps a quarter of the current horizontal field of view
//   (VAPIX: 25% of the view), so a step looks the same at every zoom.
// - Targets outside PTZ.Limit.L1.* are clamped, not refused; values outside the head's
//   range (pan/tilt ±180, zoom 1..9999) are refused.
// - Relative moves start from the target of a move under way, so `rpan=10` twice is 20°.
// - `speed=` (alone or with a move) sets the head speed for this and later moves until a
//   reboot or factory default (then PTZ.UserAdv.U1.MoveSpeed again); PTZ.Limit.L1.MaxSpeed
//   caps it. Speed 100 turns 120°/s and crosses the zoom range in 2 s (optics.ts).
// - `continuouspantiltmove=x,y` / `continuouszoommove=z` run at |v|% of those top rates
//   (capped by MaxSpeed) towards the limit until `move=stop` or a zero velocity.
// - `gotoserverpresetno=0` and `gotoserverpresetname=Home` (when no preset has that name)
//   go home, as NVR software expects.
// - A fixed model answers 404 `# Error: this camera has no PTZ`; PTZ.Various.V1.Locked=yes
//   refuses moves (queries still work).
import type { ServerResponse } from 'node:http';
import { sendOk, sendText } from '../http/reply.ts';
import { CgiError, type CgiRequest, type Route } from '../http/route.ts';
import type { VirtualCameraState } from '../state.ts';
import { horizontalFov } from './optics.ts';
import { LOCKED } from './params.ts';
import { formatDeg, listPresets, presetByName, presetByNo, type Position } from './presets.ts';
import { parsePtzRequest, type MoveWord, type PtzCommand, type QueryWord } from './ptz-request.ts';
import { ptzOf } from './state.ts';

/** Refuses every PTZ request on a model without a head (shared with configptz.cgi). */
export function requirePtz(cam: VirtualCameraState): void {
  if (!cam.model.ptz) throw new CgiError(`this camera has no PTZ (${cam.model.prodNbr}, Properties.PTZ.PTZ=no)`, 404);
}

/** Pan/tilt signs of each direction word: right and up are positive, as in VAPIX. */
const STEP: Record<Exclude<MoveWord, 'home' | 'stop'>, [number, number]> = {
  up: [0, 1],
  down: [0, -1],
  left: [-1, 0],
  right: [1, 0],
  upleft: [-1, 1],
  upright: [1, 1],
  downleft: [-1, -1],
  downright: [1, -1],
};

function answer(what: QueryWord, cam: VirtualCameraState): string {
  const head = ptzOf(cam);
  switch (what) {
    case 'position': {
      const p = head.position();
      return `pan=${formatDeg(p.pan)}\r\ntilt=${formatDeg(p.tilt)}\r\nzoom=${Math.round(p.zoom)}\r\n`;
    }
    case 'limits': {
      const l = head.limits();
      return `MinPan=${l.minPan}\r\nMaxPan=${l.maxPan}\r\nMinTilt=${l.minTilt}\r\nMaxTilt=${l.maxTilt}\r\nMinZoom=${l.minZoom}\r\nMaxZoom=${l.maxZoom}\r\n`;
    }
    case 'speed':
      return `speed=${head.speed}\r\n`;
    case 'presetposall':
      return listPresets(cam.params).map((p) => `presetposno${p.no}=${p.name}\r\n`).join('');
  }
}

/** Where a preset request goes, or a clear error (nothing has moved yet). */
function presetTarget(cmd: { name?: string; no?: number }, cam: VirtualCameraState): Position {
  const head = ptzOf(cam);
  if (cmd.no === 0) return head.homePosition();
  const p = cmd.name !== undefined ? presetByName(cam.params, cmd.name) : presetByNo(cam.params, cmd.no!);
  if (!p && cmd.name === 'Home') return head.homePosition();
  if (!p) throw new CgiError(cmd.name !== undefined ? `no preset named ${cmd.name.slice(0, 40)}` : `no preset number ${cmd.no}`);
  if (!p.pos) throw new CgiError(`preset ${p.no} (${p.name}) has no stored position`);
  return p.pos;
}

function apply(cmd: Exclude<PtzCommand, { kind: 'query' }>, cam: VirtualCameraState): void {
  const head = ptzOf(cam);
  if (cmd.kind !== 'speed' && cam.params.get(LOCKED) === 'yes') throw new CgiError(`PTZ is locked (${LOCKED}=yes)`);
  // Resolve a preset before touching the speed: a missing preset must change nothing.
  const target = cmd.kind === 'preset' ? presetTarget(cmd, cam) : undefined;
  if (cmd.speed !== undefined) head.setSpeed(cmd.speed);
  switch (cmd.kind) {
    case 'speed':
      return;
    case 'preset':
      return head.moveTo(target!);
    case 'continuous':
      return head.continuous(cmd.velocity);
    case 'position':
      head.moveBy(cmd.rel);
      return head.moveTo(cmd.abs);
    case 'move': {
      if (cmd.move === 'stop') return head.stop();
      if (cmd.move === 'home') return head.moveTo(head.homePosition());
      const step = horizontalFov(head.target().zoom) / 4;
      const [dp, dt] = STEP[cmd.move];
      return head.moveBy({ pan: dp ? dp * step : undefined, tilt: dt ? dt * step : undefined });
    }
  }
}

function handle(req: CgiRequest, res: ServerResponse, cam: VirtualCameraState): void {
  requirePtz(cam);
  const cmd = parsePtzRequest(req.query);
  if (cmd.kind === 'query') return sendText(res, answer(cmd.what, cam));
  apply(cmd, cam);
  sendOk(res);
}

export const ptzCgiRoute: Route = {
  path: '/ptz.cgi',
  role: 'operator',
  summary: 'PTZ moves (absolute, relative, continuous, presets, home) and position/limits/speed/preset queries',
  handle,
};
