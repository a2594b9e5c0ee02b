// Capability discovery (the ONVIF test tool's "features first"): one config.cgi list,
// read into typed facts, so each suite can skip with a reason that names the missing
// capability and the parameter it was read from, e.g.
//   camera lacks PTZ (Properties.PTZ.PTZ=no)
// The parameters are the ones docs/virtual-camera.md says every camera lists; a physical camera may
// lack some, and `missing` says which.

import { Config } from './config.ts';
import type { CameraClient } from './http.ts';
import { intParam, yesNo, type Params } from './params.ts';

/** Parameters every camera of the family should list. */
const CAPABILITY_PARAMS = [
  'Brand.Brand', 'Brand.ProdFullName', 'Brand.ProdNbr', 'Properties.Firmware.Version',
  'Properties.Firmware.BuildDate', 'Properties.Image.Resolution', 'Properties.PTZ.PTZ',
  'Properties.Motion.Motion', 'Properties.Audio.Audio', 'Properties.Audio.Format',
  'Properties.Storage.Storage', 'Network.BootProto', 'Network.IPAddress', 'Network.SubnetMask',
  'Network.Broadcast', 'Network.DefaultRouter', 'Network.HostName', 'Image.I0.Appearance.Resolution',
  'Image.I0.Appearance.Compression', 'Image.I0.Stream.FPS', 'Image.I0.Text.String',
  'Image.I0.Text.TextEnabled', 'Input.NbrOfInputs', 'Output.NbrOfOutputs', 'Time.POSIXTimeZone',
] as const;

/**
 * What a test can require: a feature, `inputs:<n>` / `outputs:<n>` (at least n ports),
 * `resolution:<WxH>` or `audio:<format>`.
 */
export type CapabilityName =
  | 'ptz' | 'motion' | 'audio' | 'storage' | 'inputs' | 'outputs' | 'osd' | 'timezone' | 'network'
  | `inputs:${number}` | `outputs:${number}` | `resolution:${string}` | `audio:${string}`;

export interface Capabilities {
  brand?: string;
  /** Brand.ProdNbr, e.g. the model number used for report folders. */
  model?: string;
  fullName?: string;
  firmwareVersion?: string;
  buildDate?: string;
  /** Sizes offered (Properties.Image.Resolution), e.g. ['1920x1080', '640x480']. */
  resolutions: string[];
  hasPtz: boolean;
  hasMotion: boolean;
  hasAudio: boolean;
  audioFormats: string[];
  hasStorage: boolean;
  nbrInputs: number;
  nbrOutputs: number;
  timezone?: string;
  network: {
    bootProto?: string;
    ipAddress?: string;
    subnetMask?: string;
    broadcast?: string;
    defaultRouter?: string;
    hostName?: string;
  };
  image: {
    resolution?: string;
    compression?: number;
    fps?: number;
    textString?: string;
    textEnabled?: boolean;
  };
  /** CAPABILITY_PARAMS the camera did not list. */
  missing: string[];
  /** The whole list as read. */
  params: Params;
  /** undefined when every named capability is there, else the reason to skip with (the first missing one). */
  require(...caps: CapabilityName[]): string | undefined;
}

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function shown(params: Params, name: string): string {
  const v = params.get(name);
  return v === undefined ? `${name} not listed` : `${name}=${v}`;
}

/** Reads the facts out of a parameter list (pure; discoverCapabilities fetches the list). */
export function capabilitiesFromParams(params: Params): Capabilities {
  const get = (n: string) => params.get(n);
  const flag = (n: string) => yesNo(get(n)) === true;
  const caps: Omit<Capabilities, 'require'> = {
    brand: get('Brand.Brand'),
    model: get('Brand.ProdNbr'),
    fullName: get('Brand.ProdFullName'),
    firmwareVersion: get('Properties.Firmware.Version'),
    buildDate: get('Properties.Firmware.BuildDate'),
    resolutions: list(get('Properties.Image.Resolution')),
    hasPtz: flag('Properties.PTZ.PTZ'),
    hasMotion: flag('Properties.Motion.Motion'),
    hasAudio: flag('Properties.Audio.Audio'),
    audioFormats: list(get('Properties.Audio.Format')),
    hasStorage: flag('Properties.Storage.Storage'),
    nbrInputs: intParam(get('Input.NbrOfInputs')) ?? 0,
    nbrOutputs: intParam(get('Output.NbrOfOutputs')) ?? 0,
    timezone: get('Time.POSIXTimeZone'),
    network: {
      bootProto: get('Network.BootProto'),
      ipAddress: get('Network.IPAddress'),
      subnetMask: get('Network.SubnetMask'),
      broadcast: get('Network.Broadcast'),
      defaultRouter: get('Network.DefaultRouter'),
      hostName: get('Network.HostName'),
    },
    image: {
      resolution: get('Image.I0.Appearance.Resolution'),
      compression: intParam(get('Image.I0.Appearance.Compression')),
      fps: intParam(get('Image.I0.Stream.FPS')),
      textString: get('Image.I0.Text.String'),
      textEnabled: yesNo(get('Image.I0.Text.TextEnabled')),
    },
    missing: CAPABILITY_PARAMS.filter((p) => !params.has(p)),
    params,
  };
  return { ...caps, require: (...names) => firstMissing(caps, names) };
}

function firstMissing(c: Omit<Capabilities, 'require'>, names: CapabilityName[]): string | undefined {
  for (const name of names) {
    const reason = whyMissing(c, name);
    if (reason) return reason;
  }
  return undefined;
}

function whyMissing(c: Omit<Capabilities, 'require'>, name: CapabilityName): string | undefined {
  const p = c.params;
  const feature = (has: boolean, what: string, param: string) => (has ? undefined : `camera lacks ${what} (${shown(p, param)})`);
  const [kind, arg] = name.includes(':') ? [name.slice(0, name.indexOf(':')), name.slice(name.indexOf(':') + 1)] : [name, undefined];
  switch (kind) {
    case 'ptz': return feature(c.hasPtz, 'PTZ', 'Properties.PTZ.PTZ');
    case 'motion': return feature(c.hasMotion, 'motion detection', 'Properties.Motion.Motion');
    case 'storage': return feature(c.hasStorage, 'storage', 'Properties.Storage.Storage');
    case 'audio':
      if (arg === undefined) return feature(c.hasAudio, 'audio', 'Properties.Audio.Audio');
      if (!c.hasAudio) return feature(false, 'audio', 'Properties.Audio.Audio');
      return c.audioFormats.some((f) => f.toLowerCase() === arg.toLowerCase())
        ? undefined
        : `camera lacks audio format ${arg} (${shown(p, 'Properties.Audio.Format')})`;
    case 'inputs':
    case 'outputs': {
      const want = arg === undefined ? 1 : Number(arg);
      if (!Number.isInteger(want) || want < 1) throw new Error(`capability ${name}: the count must be a positive integer`);
      const [have, param, what] = kind === 'inputs' ? [c.nbrInputs, 'Input.NbrOfInputs', 'digital input'] : [c.nbrOutputs, 'Output.NbrOfOutputs', 'digital output'];
      return have >= want ? undefined : `camera has fewer than ${want} ${what}${want > 1 ? 's' : ''} (${shown(p, param)})`;
    }
    case 'resolution':
      if (!arg || !/^\d+x\d+$/.test(arg)) throw new Error(`capability ${name}: give resolution:<W>x<H>`);
      return c.resolutions.includes(arg) ? undefined : `camera does not offer ${arg} (${shown(p, 'Properties.Image.Resolution')})`;
    case 'osd': return p.has('Image.I0.Text.String') ? undefined : `camera lacks OSD text (${shown(p, 'Image.I0.Text.String')})`;
    case 'timezone': return c.timezone !== undefined ? undefined : `camera lacks a time zone (${shown(p, 'Time.POSIXTimeZone')})`;
    case 'network': {
      const absent = CAPABILITY_PARAMS.filter((n) => n.startsWith('Network.') && !p.has(n));
      return absent.length === 0 ? undefined : `camera does not list ${absent.join(', ')}`;
    }
    default:
      throw new Error(`unknown capability ${JSON.stringify(name)}`);
  }
}

/** Reads the whole parameter list once and returns the facts. */
export async function discoverCapabilities(client: CameraClient): Promise<Capabilities> {
  return capabilitiesFromParams(await new Config(client).list());
}
