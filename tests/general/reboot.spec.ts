// Spec §1.8 (reboot.cgi, "Restart server"). Required: the request is carried out (a 2xx
// without `# Error:`), the camera goes away and comes back — never going down or never
// coming back is a CameraDefect — and it keeps its configuration (status values that move
// by themselves are reported, fixtures/state-guard.ts). The time it is gone is measured
// (`reboot.duration`, seconds from the request to the first answer). House (observed): the
// `OK` answer and the log's reboot and boot lines.
import { test, expect, spec } from '../../fixtures/index.ts';
import { compareConfiguration, listAnswering, reportMoved } from '../../fixtures/state-guard.ts';
import { answerOf, expectAccepted, isHouseOk, newLogLines, restartBudgetMs, waitForRestart } from './support.ts';

test.describe('reboot (reboot.cgi)', () => {
  test('the camera reboots and answers again', spec('1.8', 'reboot.cgi', { severity: 'critical' }), async ({ camera, target, measure, observe }) => {
    test.setTimeout(restartBudgetMs(target));
    const logBefore = await camera.system.systemLog();
    const before = await camera.config.list();

    const times = await test.step('reboot: carried out, unreachable, then back', async () => {
      const res = await camera.client.get('/reboot.cgi', undefined, { expectStatus: 'any' });
      expectAccepted(res, 'reboot.cgi');
      observe('general.reboot.ok', { expected: 'HTTP 200 "OK"', observed: answerOf(res), holds: isHouseOk(res) });
      return waitForRestart(camera, target, 'reboot');
    });
    measure('reboot.duration', times.backAfterMs / 1000, { unit: 's' });

    await test.step('it works as before: configuration kept', async () => {
      const { lost, moved } = await compareConfiguration(camera, before, await listAnswering(camera));
      await reportMoved(camera, 'reboot', moved);
      expect(lost, 'configuration that differs after the reboot').toEqual([]);
    });

    await test.step('the system log records the reboot and the boot after it', async () => {
      const added = newLogLines(logBefore, await camera.system.systemLog());
      const reboot = added.findIndex((l) => /reboot|restart/i.test(l));
      const boot = reboot >= 0 && added.slice(reboot + 1).some((l) => /boot: .* firmware /.test(l));
      observe('general.systemlog.reboot', { expected: 'a reboot line, then `boot: <model> firmware <version>`', observed: added.join(' | ').slice(0, 250) || '(no new line)', holds: boot });
    });
  });
});
