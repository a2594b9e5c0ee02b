// The virtual camera's action-string parser (output.cgi / port.cgi): what it accepts and
// how it refuses the rest, always before anything is driven.
import { expect, test } from '@playwright/test';
import { actionDuration, formatSteps, MAX_STEPS, MAX_WAIT_MS, parseAction } from '../../../rigs/virtual-camera/io/action.ts';
import { CgiError } from '../../../rigs/virtual-camera/http/route.ts';

const set = (active: boolean) => ({ kind: 'set', active });
const wait = (ms: number) => ({ kind: 'wait', ms });

test('plain active and inactive', () => {
  expect(parseAction('1:/')).toEqual({ port: 1, steps: [set(true)] });
  expect(parseAction('2:\\')).toEqual({ port: 2, steps: [set(false)] });
});

test('a pulse and a pulse train keep their order and waits', () => {
  expect(parseAction('1:/300\\').steps).toEqual([set(true), wait(300), set(false)]);
  const train = parseAction('1:/300\\300/300\\');
  expect(train.steps).toEqual([set(true), wait(300), set(false), wait(300), set(true), wait(300), set(false)]);
  expect(actionDuration(train)).toBe(900);
  expect(formatSteps(train.steps)).toBe('/300\\300/300\\');
});

test('a leading wait delays the first change', () => {
  expect(parseAction('1:500/').steps).toEqual([wait(500), set(true)]);
});

for (const [text, why] of [
  ['', /not <port>:<steps>/],
  ['1', /not <port>:<steps>/],
  ['/', /not <port>:<steps>/],
  [':/', /port "" is not a number/],
  ['0:/', /port "0" is not a number 1\.\.99/],
  ['100:/', /port "100"/],
  ['x:/', /port "x"/],
  ['-1:/', /port "-1"/],
  ['1:', /has no steps/],
  ['1:/300', /ends with a wait/],
  ['1:/ \\', /" \\" is not a step/],
  ['1:/H', /"H" is not a step/],
  ['1:/0\\', /wait 0 ms is out of range/],
  [`1:/${MAX_WAIT_MS + 1}\\`, /out of range 1\.\.600000/],
  ['1:/300\\,2:/', /",2:\/" is not a step/],
] as const) {
  test(`refuses ${JSON.stringify(text)}`, () => {
    let err: unknown;
    try {
      parseAction(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CgiError);
    expect((err as CgiError).message).toMatch(why);
    expect((err as CgiError).status).toBe(400);
  });
}

test('refuses more steps than allowed, accepts exactly the limit', () => {
  const steps = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? '/' : '\\')).join('');
  expect(parseAction(`1:${steps(MAX_STEPS)}`).steps).toHaveLength(MAX_STEPS);
  expect(() => parseAction(`1:${steps(MAX_STEPS + 1)}`)).toThrow(/65 steps, at most 64/);
});

test('a long hostile string is refused quickly with a short message', () => {
  const err = (() => {
    try {
      parseAction(`1:${'/'.repeat(10_000)}x`);
    } catch (e) {
      return e as Error;
    }
    throw new Error('accepted');
  })();
  expect(err.message.length).toBeLessThan(200);
});
