// README's multi-station command shards only the camera suites: each shard lists camera
// tests (and the preflight they depend on), none of the unit tests, and the shards together
// are exactly the camera project.
import { test, expect } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanEnv } from '../signoff/child.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const README = readFileSync(`${ROOT}README.md`, 'utf8');

// The listings' reporters write into a folder of their own, never into the run hosting this test.
const OUT = mkdtempSync(join(tmpdir(), 'shard-list-'));
test.afterAll(() => rmSync(OUT, { recursive: true, force: true }));

function list(args: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    // As on a station: a physical camera (listing connects to nothing), so the camera project
    // stands alone, without the unit and harness tests it waits for in npm test.
    const env = cleanEnv({ HIL_REPORT_DIR: join(OUT, args.join('_').replace(/[^\w=-]/g, '_')), CAMERA_URL: 'http://127.0.0.1:9', CAMERA_PASSWORD: 'x' });
    execFile(process.execPath, [`${ROOT}node_modules/@playwright/test/cli.js`, 'test', ...args, '--list'], { cwd: ROOT, env, timeout: 60_000, maxBuffer: 8 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${args.join(' ')}: ${err.message}\n${stderr}`));
      else resolve(stdout.split('\n').filter((l) => /^\s*\[\w+\] › /.test(l)).map((l) => l.trim()));
    });
  });
}

test('README\'s shard command shards the camera suites only', async () => {
  test.setTimeout(120_000);
  const m = /npx playwright test (--project=camera --shard=i\/N) --reporter=blob/.exec(README);
  expect(m, 'README shows the shard command').not.toBeNull();
  const shards = await Promise.all([1, 2].map((i) => list(m![1].replace('i/N', `${i}/2`).split(' '))));
  const all = await list(['--project=camera']);
  const camera = (ls: string[]) => ls.filter((l) => l.startsWith('[camera]'));
  for (const s of shards) {
    expect(camera(s).length, 'each shard has camera tests').toBeGreaterThan(10);
    expect(s.filter((l) => !/^\[(camera|preflight)\]/.test(l)), 'nothing but camera suites and their preflight').toEqual([]);
  }
  expect([...camera(shards[0]), ...camera(shards[1])].sort()).toEqual(camera(all).sort());
});
