// Joins every chapter's parameters into one factory catalog for a model and firmware.
import { audioParams } from '../audio/params.ts';
import { generalParams } from '../general/params.ts';
import { ioParams } from '../io/params.ts';
import type { ModelSpec } from '../models.ts';
import { MOTION_TEMPLATE, motionParams } from '../motion/params.ts';
import { ptzParams } from '../ptz/params.ts';
import { storageParams } from '../storage/params.ts';
import { videoParams } from '../video/params.ts';
import type { ParamDef, TemplateDef } from './types.ts';

export function factoryCatalog(m: ModelSpec, firmware: string, serial: string): ParamDef[] {
  return [
    ...generalParams(m, firmware, serial),
    ...videoParams(m),
    ...ptzParams(m),
    ...motionParams(),
    ...ioParams(m),
    ...audioParams(m),
    ...storageParams(m),
  ];
}

export const TEMPLATES: readonly TemplateDef[] = [MOTION_TEMPLATE];

/** The five parameters factorydefault.cgi keeps (spec §1.3). */
export const NETWORK_KEPT = [
  'Network.BootProto',
  'Network.IPAddress',
  'Network.SubnetMask',
  'Network.Broadcast',
  'Network.DefaultRouter',
] as const;
