// Spec 1.8 (reboot.cgi): the camera answers, goes away, comes back; the time it is
// gone is measured (`reboot.duration`, seconds from the request to the first answer).
import { test, expect } from '../../fixtures/index.ts';
import { newLogLines, restartBudgetMs, waitForRestart } from './support.ts';

test.describe('reboot (reboot.cgi)', () => {
  test('the camera reboots and answers again', async ({ camera, target, measure }) => {
    test.setTimeout(restartBudgetMs(target.isVirtual));
    const logBefore = await camera.system.systemLog();
    const marker = await camera.config.get('Image.I0.Text.String');

    const times = await test.step('reboot: OK, unreachable, then back', async () => {
      const answer = await camera.system.reboot();
      if (target.isVirtual) expect(answer.trim()).toBe('OK');
      return waitForRestart(camera, target.isVirtual);
    });
    measure('reboot.duration', times.backAfterMs / 1000, { unit: 's' });

    await test.step('it works as before: configuration kept', async () => {
      expect(await camera.config.get('Image.I0.Text.String')).toBe(marker);
    });

    await test.step('the system log records the reboot and the boot after it', async () => {
      const added = newLogLines(logBefore, await camera.system.systemLog());
      const reboot = added.findIndex((l) => /reboot|restart/i.test(l));
      expect(reboot, `new log lines:\n${added.join('\n')}`).toBeGreaterThanOrEqual(0);
      if (target.isVirtual) expect(added.slice(reboot + 1).some((l) => /boot: .* firmware /.test(l))).toBe(true);
    });
  });
});
