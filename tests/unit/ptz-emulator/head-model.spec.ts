// The virtual PTZ head's motion model, on an explicit clock (no sleeping): moves take time
// in proportion to distance / speed, targets clamp to the limits, continuous moves run to
// a limit or a stop, and boot / factory default re-home the head.
import { expect, test } from '@playwright/test';
import { DEFAULT_FIRMWARE, modelSpec } from '../../../rigs/virtual-camera/models.ts';
import { horizontalFov, magnification, panTiltRate, zoomRate } from '../../../rigs/virtual-camera/ptz/optics.ts';
import { PtzState, ptzOf } from '../../../rigs/virtual-camera/ptz/state.ts';
import { VirtualCameraState } from '../../../rigs/virtual-camera/state.ts';

function camera(model = 'IPC-7100'): VirtualCameraState {
  return new VirtualCameraState({ model: modelSpec(model), firmware: DEFAULT_FIRMWARE, user: 'root', password: 'pass', rebootMs: 10, serial: '00408C000001' });
}

test('an absolute move takes distance / rate and passes through the way there', () => {
  const head = new PtzState(camera(), 0);
  head.setSpeed(50); // 60 deg/s
  head.moveTo({ pan: 30 }, 0);
  const arrive = (30 / panTiltRate(50)) * 1000;
  expect(arrive).toBeCloseTo(500, 6);
  expect(head.position(250).pan).toBeCloseTo(15, 6);
  expect(head.moving(250)).toBe(true);
  expect(head.position(arrive).pan).toBe(30);
  expect(head.moving(arrive)).toBe(false);
  // Twice the speed, half the time.
  head.setSpeed(100);
  head.moveTo({ pan: 0 }, 1000);
  expect(head.position(1125).pan).toBeCloseTo(15, 6);
  expect(head.position(1250).pan).toBe(0);
});

test('each axis moves at its own rate; zoom crosses the whole range in 2 s at speed 100', () => {
  const head = new PtzState(camera(), 0);
  head.setSpeed(100);
  head.moveTo({ tilt: -12, zoom: 9999 }, 0);
  expect(zoomRate(100)).toBeCloseTo(4999, 0);
  expect(head.position(100).tilt).toBe(-12);
  expect(head.position(1000).zoom).toBeCloseTo(5000, 0);
  expect(head.position(2000).zoom).toBe(9999);
  expect(head.position(2000).pan).toBe(0);
});

test('targets clamp to PTZ.Limit.L1.*; the position shows the clamped value', () => {
  const cam = camera();
  const head = new PtzState(cam, 0);
  head.moveTo({ pan: 179, tilt: 45, zoom: 9999 }, 0);
  expect(head.target()).toEqual({ pan: 170, tilt: 10, zoom: 9999 });
  cam.params.update([['PTZ.Limit.L1.MaxZoom', '5000']]);
  head.moveTo({ pan: -179, tilt: -90.5, zoom: 9000 }, 10_000);
  expect(head.target()).toEqual({ pan: -170, tilt: -90, zoom: 5000 });
});

test('relative moves add to the target of a move under way, so two steps make twice the step', () => {
  const head = new PtzState(camera(), 0);
  head.moveBy({ pan: 10 }, 0);
  head.moveBy({ pan: 10 }, 50); // still on the way to 10
  expect(head.target().pan).toBe(20);
  head.moveBy({ zoom: -500 }, 60); // zoom already at its minimum: stays clamped
  expect(head.target().zoom).toBe(1);
});

test('a continuous move runs to the limit at the given share of the top rate, and stop freezes it', () => {
  const head = new PtzState(camera(), 0);
  head.continuous({ pan: 50, tilt: -100 }, 0); // 60 deg/s right, 120 deg/s down
  expect(head.position(1000).pan).toBeCloseTo(60, 6);
  expect(head.position(1000).tilt).toBe(-90); // limit after 0.75 s
  head.stop(1000);
  expect(head.position(5000)).toMatchObject({ pan: 60, tilt: -90 });
  // A relative move after a continuous one starts from where the head is.
  head.continuous({ pan: 100 }, 5000);
  head.moveBy({ pan: 5 }, 5100);
  expect(head.target().pan).toBeCloseTo(60 + 12 + 5, 6);
  head.continuous({ pan: 0 }, 6000); // zero stops that axis
  expect(head.moving(6000)).toBe(false);
});

test('the speed never exceeds PTZ.Limit.L1.MaxSpeed', () => {
  const cam = camera();
  const head = new PtzState(cam, 0);
  cam.params.update([['PTZ.Limit.L1.MaxSpeed', '20']]);
  head.setSpeed(90);
  expect(head.speed).toBe(20);
  head.continuous({ pan: 100 }, 0);
  expect(head.position(1000).pan).toBeCloseTo(panTiltRate(20), 6);
});

test('zooming in narrows the field of view tenfold over the range; view() carries it', () => {
  expect(magnification(1)).toBe(1);
  expect(magnification(9999)).toBeCloseTo(10, 9);
  expect(horizontalFov(1)).toBe(60);
  const head = new PtzState(camera(), 0);
  head.moveTo({ zoom: 5000 }, 0);
  const v = head.view(10_000);
  expect(v.zoom).toBe(5000);
  expect(v.hfov).toBeCloseTo(60 / 10 ** (4999 / 9998), 9);
});

test('reboot and factory default bring the head home; new limits pull it inside; a new MoveSpeed applies', () => {
  const cam = camera();
  const head = ptzOf(cam);
  expect(ptzOf(cam)).toBe(head);
  head.moveTo({ pan: 100, tilt: -40 }, 0);
  cam.events.emit('boot');
  expect(head.position()).toEqual({ pan: 0, tilt: 0, zoom: 1 });
  head.setSpeed(100);
  head.moveTo({ pan: 100 }, performance.now() - 10_000);
  cam.params.update([['PTZ.Limit.L1.MaxPan', '50']]);
  cam.changed(['PTZ.Limit.L1.MaxPan']);
  expect(head.target().pan).toBe(50);
  cam.params.update([['PTZ.UserAdv.U1.MoveSpeed', '7']]);
  cam.changed(['PTZ.UserAdv.U1.MoveSpeed']);
  expect(head.speed).toBe(7);
  cam.params.resetToFactory();
  cam.events.emit('factory', false);
  expect(head.position()).toEqual({ pan: 0, tilt: 0, zoom: 1 });
  expect(head.speed).toBe(50);
});

test('home is the home preset, else pan 0, tilt 0 and the widest zoom inside the limits', () => {
  const cam = camera();
  const head = new PtzState(cam, 0);
  cam.params.update([['PTZ.Preset.P0.Position.P1.Data', 'pan=12.5:tilt=-3:zoom=400']]);
  expect(head.homePosition()).toEqual({ pan: 12.5, tilt: -3, zoom: 400 });
  cam.params.update([['PTZ.Preset.P0.HomePosition', '0'], ['PTZ.Limit.L1.MinZoom', '100']]);
  expect(head.homePosition()).toEqual({ pan: 0, tilt: 0, zoom: 100 });
});

test('a fixed camera has a still view at home and no PTZ parameters', () => {
  const cam = camera('IPC-2100');
  const head = ptzOf(cam);
  expect(head.hasPtz).toBe(false);
  expect(head.view()).toMatchObject({ pan: 0, tilt: 0, zoom: 1, hfov: 60 });
  expect(cam.params.names().some((n) => n.startsWith('PTZ.'))).toBe(false);
});
