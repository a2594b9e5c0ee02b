// The catalogue of house expectations: every check about a camera is either required by the
// spec (a miss fails the test) or one of these, a choice our virtual camera makes where the
// spec is silent. A house expectation that a camera does not meet is an *observation*
// (fixtures/observe.ts): it goes into the report and signoff.json/md under "Where the spec is
// silent" and never fails a camera, unless the sign-off profile promotes it
// (`promoteObservations`). README's section of the same name lists exactly these (a unit
// test keeps the two equal). One file per suite folder, names prefixed by it.
import { AUDIO_RULES } from './audio.ts';
import { GENERAL_RULES } from './general.ts';
import { IO_RULES } from './io.ts';
import { IPFILTER_RULES } from './ipfilter.ts';
import { MOTION_RULES } from './motion.ts';
import { PTZ_RULES } from './ptz.ts';
import { ROBUSTNESS_RULES } from './robustness.ts';
import { STORAGE_RULES } from './storage.ts';
import type { HouseRule } from './types.ts';
import { VIDEO_RULES } from './video.ts';

export type { HouseRule } from './types.ts';

export const HOUSE_RULES: Readonly<Record<string, HouseRule>> = {
  ...GENERAL_RULES, ...VIDEO_RULES, ...PTZ_RULES, ...MOTION_RULES, ...IO_RULES,
  ...IPFILTER_RULES, ...AUDIO_RULES, ...STORAGE_RULES, ...ROBUSTNESS_RULES,
};

export function houseRule(name: string): HouseRule | undefined {
  return Object.hasOwn(HOUSE_RULES, name) ? HOUSE_RULES[name] : undefined;
}

/** README's table rows, in catalogue order. */
export function renderHouseRulesTable(): string {
  const rows = ['| observation | spec | house expectation (what the virtual camera does) |', '|---|---|---|'];
  for (const [name, r] of Object.entries(HOUSE_RULES)) rows.push(`| \`${name}\` | ${r.chapter === '-' ? '—' : `§${r.chapter}`} | ${r.expectation.replace(/\|/g, '\\|')} |`);
  return rows.join('\n');
}
