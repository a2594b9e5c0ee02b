// The camera models the virtual camera can be, and the firmware versions it knows.
// Two models differ in capabilities so capability-aware skips can be tested.

export interface ModelSpec {
  prodNbr: string;
  fullName: string;
  type: string;
  resolutions: readonly string[]; // largest first, as Properties.Image.Resolution lists them
  ptz: boolean;
  audio: boolean;
  storage: boolean;
  inputs: number;
  outputs: number;
}

export const MODELS: Record<string, ModelSpec> = {
  'IPC-7100': {
    prodNbr: 'IPC-7100',
    fullName: 'camera-hil Virtual PTZ Network Camera IPC-7100',
    type: 'PTZ Network Camera',
    resolutions: ['1920x1080', '1280x720', '640x480', '320x240'],
    ptz: true,
    audio: true,
    storage: true,
    inputs: 1,
    outputs: 1,
  },
  'IPC-2100': {
    prodNbr: 'IPC-2100',
    fullName: 'camera-hil Virtual Fixed Network Camera IPC-2100',
    type: 'Network Camera',
    resolutions: ['1280x720', '640x480', '320x240'],
    ptz: false,
    audio: false,
    storage: false,
    inputs: 1,
    outputs: 1,
  },
};
export const DEFAULT_MODEL = 'IPC-7100';

/** Versions from the spec's document history, with their release dates as build dates. */
const KNOWN_FIRMWARE: Record<string, string> = {
  'V3.0.0.0': 'May 14 2007 10:00',
  'V3.0.2.1691': 'Dec 28 2007 10:00',
  'V5.0.0.0': 'May 22 2008 10:00',
  'V5.0.1.3714': 'Dec 10 2009 10:00',
  'V5.0.2.3843': 'Jan 07 2010 10:00',
};
export const DEFAULT_FIRMWARE = 'V5.0.2.3843';

const VERSION = /^V\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,6}$/;

export function checkFirmwareVersion(v: string): string | undefined {
  return VERSION.test(v) ? undefined : `firmware version "${v}" is not of the form V<major>.<minor>.<patch>.<build>, e.g. V5.0.2.3843`;
}

export function buildDateOf(version: string): string {
  return KNOWN_FIRMWARE[version] ?? 'Nov 25 2026 10:00';
}

export function modelSpec(name: string): ModelSpec {
  const m = MODELS[name];
  if (!m) throw new Error(`unknown model "${name}" (known: ${Object.keys(MODELS).join(', ')})`);
  return m;
}
