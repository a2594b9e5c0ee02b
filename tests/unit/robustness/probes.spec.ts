// The robustness probe lists and how an answer is judged, without a camera: no list holds
// a destructive CGI (for the virtual camera's route table and for a physical camera's spec
// list alike), the catalogue gives them no requests at all, and a refusal is read as the
// spec leaves it open (a 4xx, or a `# Error:` line under any status below 500).
import { expect, test } from '@playwright/test';
import { HarnessDefect } from '../../../lib/errors.ts';
import { houseRule } from '../../../lib/signoff/house-rules/index.ts';
import { startVirtualCamera } from '../../../rigs/virtual-camera/index.ts';
import { CGI_CATALOG } from '../../robustness/cgi-catalog.ts';
import { DESTRUCTIVE_CGIS, destructiveEffect, isDestructiveCgi } from '../../robustness/destructive-cgis.ts';
import { assertNoDestructive, badValueProbes, fuzzList, fuzzSeeds, junkProbes, TRAVERSAL_PATHS, type ProbeKind } from '../../robustness/probes.ts';
import { judgeRefusal, type Answer } from '../../robustness/send.ts';
import { probeableCgis } from '../../robustness/target-cgis.ts';

const answer = (status: number, text: string, contentType = 'text/plain'): Answer => ({ status, text, contentType, headers: {} });

test('the destructive list is the spec\'s seven CGIs, each with its effect, matched as a lenient server routes', () => {
  expect([...DESTRUCTIVE_CGIS].sort()).toEqual(['/factorydefault.cgi', '/firmwareupgrade.cgi', '/format.cgi', '/hardfactorydefault.cgi', '/reboot.cgi', '/remove.cgi', '/restore.cgi']);
  for (const path of DESTRUCTIVE_CGIS) expect(destructiveEffect(path), path).not.toMatch(/restarts, resets or erases the camera/);
  for (const path of ['/REBOOT.CGI', '/reboot.cgi?x=1', '/a/../reboot.cgi', '/%72eboot.cgi', '/reboot.cgi;x', '/format.cgi%00.jpg']) expect(isDestructiveCgi(path), path).toBe(true);
  for (const path of ['/config.cgi', '/rebooted.cgi', '/', '/list.cgi', '/mount.cgi']) expect(isDestructiveCgi(path), path).toBe(false);
});

test('the catalogue holds no request to a destructive CGI, valid or bad', () => {
  const destructive = CGI_CATALOG.filter((e) => isDestructiveCgi(e.path));
  expect(destructive.map((e) => e.path).sort()).toEqual([...DESTRUCTIVE_CGIS].sort());
  for (const e of destructive) {
    expect(e.valid, e.path).toBeUndefined();
    expect(e.bad, e.path).toEqual([]);
  }
});

test('no probe list holds a destructive CGI, on the virtual camera\'s routes or the spec\'s CGIs', async () => {
  const cam = await startVirtualCamera();
  try {
    for (const target of [{ virtual: cam }, {}]) {
      const { cgis, leftOut } = probeableCgis(target);
      expect(cgis.filter((c) => isDestructiveCgi(c.path))).toEqual([]);
      expect(leftOut).toHaveLength(DESTRUCTIVE_CGIS.length);
      const all = [
        ...junkProbes(target).flatMap((g) => g.probes),
        ...badValueProbes(target).flatMap((g) => g.probes),
        ...fuzzList(fuzzSeeds(target), 1, 2000),
        ...TRAVERSAL_PATHS.map((path) => ({ path })),
      ];
      expect(all.length).toBeGreaterThan(2000);
      expect(all.filter((p) => isDestructiveCgi(p.path)).map((p) => p.path)).toEqual([]);
      const kinds = new Set<ProbeKind>([...junkProbes(target), ...badValueProbes(target)].flatMap((g) => g.probes.map((p) => p.kind)));
      for (const kind of kinds) expect(houseRule(`robustness.${kind}.refused`), `house rule of probe kind ${kind}`).toBeDefined();
    }
  } finally {
    await cam.stop();
  }
  expect(() => assertNoDestructive([{ path: '/config.cgi' }, { path: '/Reboot.cgi' }], 'a list')).toThrow(HarnessDefect);
});

test('a refusal is a 4xx or a "# Error:" line under any status below 500; its form is judged apart', () => {
  expect(judgeRefusal(answer(400, '# Error: unknown parameter hilbogus\r\n'))).toMatchObject({ refused: true, status4xx: true, unexplained: undefined });
  // refusal-200 cameras: the same line under 200 is a refusal, only its status differs from ours.
  expect(judgeRefusal(answer(200, '# Error: unknown parameter hilbogus\r\n'))).toMatchObject({ refused: true, status4xx: false, unexplained: undefined });
  expect(judgeRefusal(answer(200, 'OK\r\n'))).toMatchObject({ refused: false });
  expect(judgeRefusal(answer(200, '', 'image/jpeg'))).toMatchObject({ refused: false });
  expect(judgeRefusal(answer(400, 'bad request\r\n'))).toMatchObject({ refused: true, unexplained: expect.stringMatching(/no "# Error:" line/) });
  expect(judgeRefusal(answer(400, ''))).toMatchObject({ refused: true, unexplained: expect.stringMatching(/empty body/) });
  expect(judgeRefusal(answer(404, ''))).toMatchObject({ refused: true, unexplained: undefined });
  expect(judgeRefusal(answer(414, '', 'text/html'), { serverLevel: true })).toMatchObject({ refused: true, unexplained: undefined });
  // A 5xx is neither: the caller files it as a server error.
  expect(judgeRefusal(answer(500, '# Error: internal\r\n'))).toMatchObject({ refused: false });
});
