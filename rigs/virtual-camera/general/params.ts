// Brand, Properties, Network, Time, System: what every camera of the family lists.
import type { ModelSpec } from '../models.ts';
import { buildDateOf } from '../models.ts';
import type { ParamDef } from '../params/types.ts';

const str = (maxLength = 64) => ({ kind: 'string', maxLength }) as const;
const yesno = { kind: 'bool' } as const;
const ip = { kind: 'ipv4' } as const;

export function generalParams(m: ModelSpec, firmware: string, serial: string): ParamDef[] {
  const ro = (name: string, value: string): ParamDef => ({ name, value, type: str(128), readOnly: true });
  const yn = (b: boolean) => (b ? 'yes' : 'no');
  return [
    ro('Brand.Brand', 'camera-hil'),
    ro('Brand.ProdFullName', m.fullName),
    ro('Brand.ProdNbr', m.prodNbr),
    ro('Brand.ProdShortName', m.prodNbr),
    ro('Brand.ProdType', m.type),
    ro('Brand.WebURL', 'https://example.invalid/camera-hil'),
    ro('Properties.API.HTTP.Version', '3'),
    ro('Properties.Firmware.Version', firmware),
    ro('Properties.Firmware.BuildDate', buildDateOf(firmware)),
    ro('Properties.Firmware.BuildNumber', firmware.split('.').pop() ?? '0'),
    ro('Properties.Image.Resolution', m.resolutions.join(',')),
    ro('Properties.Image.Format', 'jpeg,mjpeg'),
    ro('Properties.Image.NbrOfViews', '1'),
    ro('Properties.PTZ.PTZ', yn(m.ptz)),
    ro('Properties.Motion.Motion', 'yes'),
    ro('Properties.Motion.MaxNbrOfWindows', '10'),
    ro('Properties.Audio.Audio', yn(m.audio)),
    ro('Properties.Audio.Format', m.audio ? 'audio/basic' : ''),
    ro('Properties.Storage.Storage', yn(m.storage)),
    ro('Properties.System.SerialNumber', serial),
    ro('Properties.System.HardwareID', '1A4'),
    ro('Properties.System.Architecture', 'armv5tejl'),
    ro('Properties.IOPort.NbrOfPorts', String(m.inputs + m.outputs)),
    { name: 'Network.BootProto', value: 'none', type: { kind: 'enum', values: ['none', 'dhcp'] } },
    // Documentation addresses: the camera "has" them, nothing is ever sent there.
    { name: 'Network.IPAddress', value: '192.0.2.90', type: ip },
    { name: 'Network.SubnetMask', value: '255.255.255.0', type: ip },
    { name: 'Network.Broadcast', value: '192.0.2.255', type: ip },
    { name: 'Network.DefaultRouter', value: '192.0.2.1', type: ip },
    { name: 'Network.HostName', value: `cam-${serial.slice(-6).toLowerCase()}`, type: { kind: 'string', maxLength: 63, pattern: /^[A-Za-z0-9][A-Za-z0-9-]*$/ } },
    { name: 'Network.DomainName', value: '', type: str(128) },
    { name: 'Network.DNSServer1', value: '192.0.2.53', type: ip },
    { name: 'Network.DNSServer2', value: '0.0.0.0', type: ip },
    ro('Network.eth0.MACAddress', serial.replace(/(..)(?!$)/g, '$1:')),
    { name: 'Network.HTTP.Port', value: '80', type: { kind: 'int', min: 1, max: 65535 } },
    { name: 'Network.HTTP.AuthenticationPolicy', value: 'basic_digest', type: { kind: 'enum', values: ['basic_digest', 'digest', 'basic'] } },
    { name: 'Network.RTSP.Port', value: '554', type: { kind: 'int', min: 1, max: 65535 } },
    { name: 'Network.UPnP.Enabled', value: 'yes', type: yesno },
    { name: 'Network.Bonjour.Enabled', value: 'yes', type: yesno },
    { name: 'Network.ZeroConf.Enabled', value: 'yes', type: yesno },
    { name: 'Network.Filter.Enabled', value: 'no', type: yesno },
    { name: 'Network.Filter.Input.AcceptAddresses', value: '', type: { kind: 'string', maxLength: 2048, pattern: /^[0-9./ ]*$/ } },
    { name: 'Time.POSIXTimeZone', value: 'UTC0', type: { kind: 'string', maxLength: 64, pattern: /^[A-Za-z<>+\-0-9,./:]+$/ } },
    { name: 'Time.DST.Enabled', value: 'no', type: yesno },
    { name: 'Time.SyncSource', value: 'NONE', type: { kind: 'enum', values: ['NONE', 'NTP'] } },
    { name: 'Time.NTP.Server', value: '', type: str(128) },
    { name: 'System.BoundRequest', value: 'no', type: yesno },
    { name: 'System.Language', value: 'en', type: { kind: 'enum', values: ['en', 'de', 'fr', 'es', 'ja', 'zh'] } },
    { name: 'System.RebootDelay', value: '0', type: { kind: 'int', min: 0, max: 60 } },
    ...Array.from({ length: 3 }, (_, i) => [
      { name: `SMTP.S${i}.Server`, value: '', type: str(128) },
      { name: `SMTP.S${i}.Port`, value: '25', type: { kind: 'int', min: 1, max: 65535 } },
      { name: `SMTP.S${i}.From`, value: '', type: str(128) },
    ] as ParamDef[]).flat(),
  ];
}
