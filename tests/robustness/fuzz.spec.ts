// A bounded fuzz run: valid, harmless requests to every CGI the camera lists, mutated
// (hostile values, dropped, repeated, renamed and invented parameters, stray syntax, cut
// queries), sent one after another. The camera must answer every one below 500 and stay
// up. Reproducible: the seed is printed and the run is the same for the same seed.
//   HIL_FUZZ_COUNT   requests (default 300)
//   HIL_FUZZ_SECONDS time limit (default 20; the run stops at whichever comes first)
//   HIL_FUZZ_SEED    seed (default 20240611)
// Destructive CGIs (destructive-cgis.ts: reboot, factory defaults, upgrade, restore,
// format, remove) and mount.cgi are never fuzzed: a mutation may turn a refused request
// into a valid one, and a camera that ignores unknown parameters would act on it.
import { expect, spec, test } from '../../fixtures/index.ts';
import { runOptions } from '../../fixtures/options.ts';
import { isNoAnswer } from '../../lib/camera/index.ts';
import { CameraDefect } from '../../lib/errors.ts';
import { fuzzRequests, fuzzSeeds } from './probes.ts';
import { send } from './send.ts';
import { probeableCgis } from './target-cgis.ts';

// Read at collection time (the seed is in the test's title), checked with every other setting.
const { count: COUNT, seconds: SECONDS, seed: SEED } = runOptions().suite.fuzz;

test.describe('fuzz', () => {
  test(`mutated requests never get a server error and never bring the camera down (seed ${SEED})`, spec('1.1', 'every CGI', { severity: 'critical', tags: ['@changes-config'] }), async ({ camera, target, measure }) => {
    test.setTimeout(SECONDS * 1000 + 60_000);
    // @changes-config: a mutation may be valid and change something; the state guard puts it back
    for (const why of probeableCgis(target).leftOut) console.log(`robustness: ${why}`);
    const seeds = fuzzSeeds(target);
    expect(seeds.length, 'CGIs with a harmless valid request to start from').toBeGreaterThan(5);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const started = Date.now();
    let sent = 0;
    for (const r of fuzzRequests(seeds, SEED)) {
      if (sent >= COUNT || Date.now() - started >= SECONDS * 1000) break;
      sent++;
      const shown = `#${r.n} ${r.method} ${r.path}?${r.query.slice(0, 120)}${r.query.length > 120 ? '...' : ''} (${r.how.join('; ')})`;
      try {
        const a = await send(camera, r.path, r);
        statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
        if (a.status >= 500) failures.push(`${shown}: HTTP ${a.status} ${a.text.split(/\r?\n/)[0].slice(0, 120)}`);
      } catch (e) {
        if (!isNoAnswer(e)) throw e; // a harness defect (a guard refusal...) ends the run as such
        failures.push(`${shown}: ${(e as Error).message}`);
        // No answer: is the camera still there? If not, the run ends here.
        const back = await camera.client.waitUntilReachable(10_000).then(() => true, () => false);
        if (!back) throw new CameraDefect(`the camera stopped answering after fuzz request ${shown} (reproduce with HIL_FUZZ_SEED=${SEED})\nearlier failures:\n${failures.join('\n')}`);
      }
    }
    const seconds = (Date.now() - started) / 1000;
    const summary = `fuzz seed ${SEED}: ${sent} requests in ${seconds.toFixed(1)} s (${(sent / seconds).toFixed(0)}/s), statuses ${[...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}x${n}`).join(' ')}, ${failures.length} failures`;
    console.log(summary);
    test.info().annotations.push({ type: 'fuzz', description: summary });
    measure('robustness.fuzz.requests', sent, { unit: 'requests', note: summary });
    measure('robustness.fuzz.failures', failures.length, { unit: 'requests' });

    await test.step('the camera is up afterwards; outputs and PTZ are left at rest', async () => {
      expect((await camera.video.videoStatus())[0].camera).toBe(1);
      const listed = new Set(seeds.map((s) => s.path));
      if (listed.has('/output.cgi')) await camera.client.get('/output.cgi', 'action=1:%5C', { expectStatus: 'any' });
      if (listed.has('/ptz.cgi')) await camera.client.get('/ptz.cgi', { move: 'stop' }, { expectStatus: 'any' });
    });
    expect(sent, 'fuzz requests sent').toBeGreaterThan(0);
    expect(failures, `requests answered with a server error or not at all (reproduce with HIL_FUZZ_SEED=${SEED})`).toEqual([]);
  });
});
