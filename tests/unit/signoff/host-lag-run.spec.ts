// A real run: a measurement breaches its limit while the harness's event loop is blocked on
// purpose (80 ms busy-wait inside the window) → the test fails as a `lab problem` and the
// sign-off says ERROR with a `lab problem:` reason; the same breach without the stall, far
// beyond what a stall could add, stays a camera defect.
import { test, expect } from '@playwright/test';
import { loadProfile } from '../../../lib/signoff/profile.ts';
import { runDir, runFiles } from '../../../lib/signoff/report-paths.ts';
import { readRunResults } from '../../../lib/signoff/results.ts';
import { computeSignoff } from '../../../lib/signoff/verdict.ts';
import { fileURLToPath } from 'node:url';
import { PLAYWRIGHT_CLI, SAMPLE_PROFILE, runNode, signoffRunEnv } from './child.ts';
import { removeTempDirs, tempDir } from './synthetic.ts';

const LAG_CONFIG = fileURLToPath(new URL('./fixtures/sample/lag.config.ts', import.meta.url));

test.afterAll(removeTempDirs);

test('a breach the blocked harness explains is a lab problem; one it cannot is a camera defect', async () => {
  test.setTimeout(90_000);
  const identity = { model: 'IPC-7100', firmware: 'V5.0.2.3843' };
  const dir = runDir(identity.model, identity.firmware, tempDir('host-lag-'));
  const env = signoffRunEnv(dir, identity);
  const { code, out } = await runNode([PLAYWRIGHT_CLI, 'test', '-c', LAG_CONFIG], env);
  expect(code, out).toBe(1);

  const results = readRunResults(runFiles(dir).results);
  const byTitle = Object.fromEntries(results.tests.map((t) => [t.titlePath.at(-1)!, t]));
  const blocked = byTitle['a breach while the harness itself is blocked'];
  expect(blocked.status).toBe('failed');
  expect(blocked.category).toBe('lab problem');
  expect(blocked.error).toMatch(/^LabProblem: measurement snapshot\.latency = 140 ms breaches 100 ms, but the test host itself lagged \d+(\.\d+)? ms \(event-loop delay max\) with load [\d.]+ on \d+ cores: a lab problem, re-run on a quiet host \(profile sample\)/);
  const [m] = blocked.measurements;
  expect(m.verdict).toBe('FAIL');
  expect(m.lag!.maxMs).toBeGreaterThanOrEqual(60);

  const quiet = byTitle['a breach on a loop that was not blocked'];
  expect(quiet.category).toBe('camera defect');
  expect(quiet.measurements[0].lag!.maxMs).toBeLessThan(300);
  expect(byTitle['a lab-problem breach, then a camera defect: the first error decides'].category).toBe('lab problem');

  const s = computeSignoff({ results, profile: loadProfile(SAMPLE_PROFILE), identity, target: { kind: 'virtual', url: 'sample', relay: 'none' }, harnessVersion: 'test' });
  const mine = (title: string) => s.reasons.filter((r) => r.includes(title));
  expect(mine('a breach while the harness itself is blocked').map((r) => r.split(':')[0]).sort()).toEqual(['lab problem', 'lab problem']);
  expect(mine('a breach while the harness itself is blocked')).toContainEqual(expect.stringMatching(/^lab problem: snapshot\.latency = 140 ms breaches 100 ms, but the test host itself lagged/));
  expect(mine('a breach on a loop that was not blocked').map((r) => r.split(':')[0]).sort()).toEqual(['camera defect', 'camera defect']);
  // The unblocked breach and the fps error are camera defects: FAIL outranks the lab problems.
  expect(s.verdict).toBe('FAIL');
});
