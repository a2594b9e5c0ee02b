// The virtual camera's I/O state (rigs/virtual-camera/io/state.ts) without HTTP: input
// circuits and Trig, outputs and Active, sequences, edges, reboots and factory defaults,
// the IOPort twins and the system log.
import { expect, test } from '@playwright/test';
import { parseAction } from '../../../rigs/virtual-camera/io/action.ts';
import { ioOf, type IoState } from '../../../rigs/virtual-camera/io/state.ts';
import { MODELS } from '../../../rigs/virtual-camera/models.ts';
import { VirtualCameraState } from '../../../rigs/virtual-camera/state.ts';

function camera(): VirtualCameraState {
  return new VirtualCameraState({ model: MODELS['IPC-7100'], firmware: 'V5.0.2.3843', user: 'root', password: 'pass', rebootMs: 50, serial: '00408C000001' });
}

/** Records every edge and contact change, in order. */
function record(io: IoState): string[] {
  const seen: string[] = [];
  io.events.on('edge', (port, active) => seen.push(`port ${port} ${active ? 'active' : 'inactive'}`));
  io.events.on('contact', (n, closed) => seen.push(`output ${n} ${closed ? 'closed' : 'open'}`));
  return seen;
}

/** Resolves when the event log has `n` entries (the sequences here are a few ms long). */
async function until(seen: string[], n: number, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (seen.length < n) {
    if (Date.now() > end) throw new Error(`only ${seen.length} of ${n} events: ${seen.join('; ')}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('one state per camera; everything starts inactive and open', () => {
  const cam = camera();
  expect(ioOf(cam)).toBe(ioOf(cam));
  expect(ioOf(camera())).not.toBe(ioOf(cam));
  expect(ioOf(cam).isActive(1)).toBe(false);
  expect(ioOf(cam).isActive(2)).toBe(false);
  expect(ioOf(cam).contactClosed(1)).toBe(false);
});

test('an input follows its circuit; edges only on change', () => {
  const io = ioOf(camera());
  const seen = record(io);
  io.setInput(1, true);
  io.setInput(1, true);
  io.setInput(1, false);
  expect(seen).toEqual(['port 1 active', 'port 1 inactive']);
  expect(() => io.setInput(2, true)).toThrow(/has no input 2 \(inputs: 1\.\.1\)/);
  expect(() => io.setInput(0, true)).toThrow(/has no input 0/);
});

test('Input.I0.Trig=open inverts the input, with an edge when it changes; its IOPort twin follows', () => {
  const cam = camera();
  const io = ioOf(cam);
  const seen = record(io);
  io.setInput(1, true);
  cam.changed(cam.params.update([['Input.I0.Trig', 'open']]));
  expect(io.isActive(1)).toBe(false);
  expect(cam.params.get('IOPort.I0.Input.Trig')).toBe('open');
  io.setInput(1, false);
  expect(io.isActive(1)).toBe(true);
  expect(seen).toEqual(['port 1 active', 'port 1 inactive', 'port 1 active']);
  // The twin the other way round.
  cam.changed(cam.params.update([['IOPort.I0.Input.Trig', 'closed']]));
  expect(cam.params.get('Input.I0.Trig')).toBe('closed');
  expect(io.isActive(1)).toBe(false);
});

test('an output drives its port and contacts; Output.O0.Active=open opens the contacts when active', () => {
  const cam = camera();
  const io = ioOf(cam);
  const seen = record(io);
  io.run(1, parseAction('1:/').steps, 'test');
  expect([io.isActive(2), io.contactClosed(1)]).toEqual([true, true]);
  cam.changed(cam.params.update([['Output.O0.Active', 'open']]));
  expect([io.isActive(2), io.contactClosed(1)]).toEqual([true, false]);
  expect(cam.params.get('IOPort.I1.Output.Active')).toBe('open');
  io.run(1, parseAction('1:\\').steps, 'test');
  expect([io.isActive(2), io.contactClosed(1)]).toEqual([false, true]);
  expect(seen).toEqual(['port 2 active', 'output 1 closed', 'output 1 open', 'port 2 inactive', 'output 1 closed']);
});

test('a pulse train runs its steps in order after the call returns', async () => {
  const io = ioOf(camera());
  const seen = record(io);
  io.run(1, parseAction('1:/5\\5/5\\').steps, 'test');
  // The first step is immediate; the rest wait for their timers.
  expect(seen).toEqual(['port 2 active', 'output 1 closed']);
  expect(io.busy(1)).toBe(true);
  await until(seen, 8);
  expect(seen).toEqual([
    'port 2 active', 'output 1 closed', 'port 2 inactive', 'output 1 open',
    'port 2 active', 'output 1 closed', 'port 2 inactive', 'output 1 open',
  ]);
  expect(io.busy(1)).toBe(false);
});

test('a new action replaces the sequence still running', async () => {
  const io = ioOf(camera());
  const seen = record(io);
  io.run(1, parseAction('1:/30\\').steps, 'test');
  io.run(1, parseAction('1:/').steps, 'test');
  expect(io.busy(1)).toBe(false);
  await new Promise((r) => setTimeout(r, 80));
  expect(io.isActive(2)).toBe(true);
  expect(seen).toEqual(['port 2 active', 'output 1 closed']);
});

for (const [what, fire] of [
  ['a reboot', (cam: VirtualCameraState) => cam.events.emit('shutdown', 50)],
  ['a factory default', (cam: VirtualCameraState) => cam.events.emit('factory', false)],
] as const) {
  test(`${what} cancels sequences and leaves outputs inactive; inputs keep their circuit`, async () => {
    const cam = camera();
    const io = ioOf(cam);
    io.setInput(1, true);
    io.run(1, parseAction('1:/20\\20/').steps, 'test');
    fire(cam);
    expect(io.busy(1)).toBe(false);
    expect(io.isActive(2)).toBe(false);
    await new Promise((r) => setTimeout(r, 80));
    expect(io.isActive(2)).toBe(false);
    expect(io.isActive(1)).toBe(true);
  });
}

test('output changes are in the system log, with who asked', () => {
  const cam = camera();
  ioOf(cam).run(1, parseAction('1:/100\\').steps, 'output.cgi by root');
  const log = cam.log.text();
  expect(log).toContain('io: output 1: sequence /100\\ (output.cgi by root)');
  expect(log).toContain('io: output 1 active (output.cgi by root)');
  cam.events.emit('shutdown', 50);
  expect(cam.log.text()).toContain('io: output 1 inactive (camera going down)');
});
