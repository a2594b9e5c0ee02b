// The fault-set grammar (rigs/virtual-camera/faults/spec.ts) and its seeded dice: strict
// parsing with messages that name the item, a canonical form that parses back to the
// same set, and decisions that repeat exactly for the same seed.
import { test, expect } from '@playwright/test';
import { FaultDice } from '../../../rigs/virtual-camera/faults/random.ts';
import { formatFaultSpec, parseFaultSpec, pathMatches } from '../../../rigs/virtual-camera/faults/spec.ts';

test('a full fault set parses, and its canonical text parses back to the same set', () => {
  const text = 'seed=7,latency=200@/config.cgi,latency=50,reset=0.1,reset=every:3@/image.*,refuse=/time.cgi,noop=/config.cgi,hangup=0.5@/x.cgi,bodylength=every:2,drop=every:5,dup=0.25,late=every:4,late-ms=300,truncate=every:6,bitflip=1,partlength=0,stall=12,reboot=never,novideo=1';
  const spec = parseFaultSpec(text);
  expect(spec.seed).toBe(7);
  expect(spec.requests.map((r) => `${r.kind}:${r.pattern}`)).toEqual([
    'latency:/config.cgi', 'latency:*', 'reset:*', 'reset:/image.*', 'refuse:/time.cgi', 'noop:/config.cgi', 'hangup:/x.cgi', 'bodylength:*',
  ]);
  expect(spec.requests[0].ms).toBe(200);
  expect(spec.requests[3].trigger).toEqual({ every: 3 });
  expect(spec.requests[4].trigger).toEqual({ probability: 1 });
  expect(spec.frames).toEqual({ drop: { every: 5 }, dup: { probability: 0.25 }, late: { every: 4 }, truncate: { every: 6 }, bitflip: { probability: 1 }, partlength: { probability: 0 } });
  expect(spec.lateMs).toBe(300);
  expect(spec.stallAfter).toBe(12);
  expect(spec.rebootMs).toBe(Infinity);
  expect(spec.noVideo).toBe(true);
  expect(parseFaultSpec(formatFaultSpec(spec))).toEqual(spec);
  expect(formatFaultSpec(parseFaultSpec(''))).toBe('');
  expect(formatFaultSpec(parseFaultSpec('refuse=1@/a.cgi,reboot=2500'))).toBe('refuse=/a.cgi,reboot=2500');
});

test('bad fault sets are refused with a message naming the item', () => {
  const cases: [string, RegExp][] = [
    ['bogus=1', /unknown fault "bogus" \(keys: seed, latency/],
    ['latency', /fault "latency" is not key=value/],
    ['latency=abc', /latency=abc: "abc" is not milliseconds/],
    ['latency=700000', /is not milliseconds \(an integer 0\.\.600000\)/],
    ['reset=1.5', /reset=1\.5: "1\.5" is neither a probability 0\.\.1/],
    ['reset=every:0', /every:N needs N >= 1/],
    ['drop=often', /drop=often: "often" is neither a probability/],
    ['stall=-1', /stall=-1: "-1" is not a frame count/],
    ['reboot=forever', /"forever" is not milliseconds or "never"/],
    ['novideo=yes', /novideo=yes: "yes" is not 1/],
    ['latency=10@config.cgi', /path pattern "config\.cgi" must start with \/ or \*/],
    ['noop=/config.cgi?action=update', /may not contain spaces, \?, # or @/],
    ['drop=0.1,drop=0.2', /fault "drop" is given twice/],
    ['latency=10@/a.cgi,latency=20@/a.cgi', /fault "latency@\/a\.cgi" is given twice/],
    ['seed=x', /"x" is not a seed/],
    [`latency=${'9'.repeat(5000)}`, /at most 4096/],
  ];
  for (const [text, message] of cases) expect(() => parseFaultSpec(text), text).toThrow(message);
});

test('path patterns match the whole path; * is any run of characters', () => {
  expect(pathMatches('*', '/anything')).toBe(true);
  expect(pathMatches('/config.cgi', '/config.cgi')).toBe(true);
  expect(pathMatches('/config.cgi', '/config.cgix')).toBe(false);
  expect(pathMatches('/config.cgi', '/configXcgi')).toBe(false); // the dot is literal
  expect(pathMatches('/video.*', '/video.mjpg')).toBe(true);
  expect(pathMatches('/video.*', '/image.cgi')).toBe(false);
  expect(pathMatches('*ptz*', '/configptz.cgi')).toBe(true);
});

test('dice: every:N fires on exactly the Nth events; a probability repeats with the seed and differs without it', () => {
  const every = new FaultDice(1, 'x', { every: 3 });
  expect(Array.from({ length: 9 }, () => every.fires())).toEqual([false, false, true, false, false, true, false, false, true]);
  const run = (seed: number, name: string) => { const d = new FaultDice(seed, name, { probability: 0.3 }); return Array.from({ length: 200 }, () => d.fires()); };
  expect(run(42, 'reset')).toEqual(run(42, 'reset'));
  expect(run(42, 'reset')).not.toEqual(run(43, 'reset'));
  expect(run(42, 'reset')).not.toEqual(run(42, 'drop')); // each fault its own generator
  const share = run(42, 'reset').filter(Boolean).length / 200;
  expect(share).toBeGreaterThan(0.15);
  expect(share).toBeLessThan(0.45);
  const never = new FaultDice(5, 'n', { probability: 0 });
  const always = new FaultDice(5, 'a', { probability: 1 });
  expect(Array.from({ length: 50 }, () => never.fires()).some(Boolean)).toBe(false);
  expect(Array.from({ length: 50 }, () => always.fires()).every(Boolean)).toBe(true);
});
