// What the harness leaves behind when a camera fails in the middle of a test: relays it
// switched on are off again (rigs/relay/safe-state.ts, as the stimulus fixture uses it),
// and the camera's configuration is restored by the state guard once the camera answers
// again (fixtures/state-guard.ts).
import { expect, test } from '@playwright/test';
import { saveState } from '../../fixtures/state-guard.ts';
import { openBoard } from '../../rigs/relay/open.ts';
import { guardBoard } from '../../rigs/relay/safe-state.ts';
import { defaultWiringFor, wireRelayBoard } from '../../rigs/virtual-camera/relay-wiring.ts';
import { startVirtualRelayBoard } from '../../rigs/virtual-relay/pty-board.ts';
import { categoryOf, failureOf, faultyCamera, type FaultyCamera } from './support.ts';

let cam: FaultyCamera | undefined;
test.afterEach(async () => {
  await cam?.close();
  cam = undefined;
});

test.describe('the harness cleans up after a failing camera', () => {
  test.describe.configure({ timeout: 30_000 });

  test('a relay switched on before the camera failed is off again, and the camera sees its input go inactive', async () => {
    cam = await faultyCamera('');
    const vboard = await startVirtualRelayBoard();
    const wiring = defaultWiringFor(cam.vc.state);
    const wires = wireRelayBoard(cam.vc.state, vboard, wiring);
    const channel = wiring.inputs[1];
    test.skip(channel === undefined, 'the default wiring has no relay on camera input 1 for this model');
    const board = guardBoard(await openBoard({ driver: 'numato', path: vboard.path, binding: vboard.binding }));
    try {
      let failure: Error | undefined;
      try {
        await board.channel(channel!).set(true); // close input 1's circuit, as a stimulus does
        expect((await cam.camera.io.checkInputs([1]))[0].active).toBe(true);
        cam.faults.set('reset=1@/input.cgi');
        await cam.camera.io.checkInputs([1]); // the camera fails mid-test
      } catch (e) {
        failure = e as Error;
      } finally {
        await board.restore(); // what the stimulus fixture does after every test
      }
      expect(failure?.message).toMatch(/^camera dropped the connection: GET \/input\.cgi\?check=1: connection/);
      expect(categoryOf(failure!)).toBe('camera defect');
      expect(vboard.relayState(channel!), 'the relay is off again').toBe(false);
      cam.faults.clear();
      expect((await cam.camera.io.checkInputs([1]))[0].active, 'the camera sees input 1 inactive again').toBe(false);
    } finally {
      await board.close();
      wires.unwire();
      await vboard.close();
    }
  });

  test('the state guard restores the configuration once the camera answers again', async () => {
    cam = await faultyCamera('');
    const { guard, finish } = await saveState(cam.camera);
    await cam.camera.config.update({ 'Image.I0.Text.String': 'changed-by-test' });
    cam.faults.set('reset=1@/config.cgi');
    const err = await failureOf(cam.camera.config.update({ 'Image.I0.Text.TextEnabled': 'yes' }));
    expect(err.message).toMatch(/^camera dropped the connection: GET \/config\.cgi\?action=update/);
    expect(categoryOf(err)).toBe('camera defect');
    cam.faults.clear(); // the network hiccup is over
    await finish();
    expect(await cam.camera.config.list()).toEqual(guard.before);
  });

  test('the state guard cannot restore a camera that answers OK and does nothing, and says which parameters differ', async () => {
    cam = await faultyCamera('');
    const { guard, finish } = await saveState(cam.camera);
    await cam.camera.config.update({ 'Image.I0.Text.String': 'left-behind' });
    cam.faults.set('noop=/restore.cgi');
    const err = await failureOf(finish());
    const was = JSON.stringify(guard.before.get('Image.I0.Text.String'));
    expect(err.message).toBe(`state guard: the camera was not restored to its state before the test; differing parameters:\n  Image.I0.Text.String: was ${was}, now "left-behind"`);
    expect(categoryOf(err), 'a restore that answers OK and does nothing is the camera\'s fault').toBe('camera defect');
  });
});
