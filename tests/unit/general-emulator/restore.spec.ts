// restore is all or nothing: a backup that fails any check leaves parameters and users
// exactly as they were; a good one brings both back (network parameters included).
import { test, expect } from '@playwright/test';
import { makeBackup, restoreBackup } from '../../../rigs/virtual-camera/general/backup-cgi.ts';
import { decodeBackup, encodeBackup } from '../../../rigs/virtual-camera/general/backup-format.ts';
import { factoryDefault } from '../../../rigs/virtual-camera/general/factory-cgi.ts';
import { UserDb } from '../../../rigs/virtual-camera/general/users.ts';
import { modelSpec } from '../../../rigs/virtual-camera/models.ts';
import { NETWORK_KEPT } from '../../../rigs/virtual-camera/params/catalog.ts';
import { VirtualCameraState } from '../../../rigs/virtual-camera/state.ts';

function camera(serial = '00408C000001', model = 'IPC-7100') {
  return new VirtualCameraState({ model: modelSpec(model), firmware: 'V5.0.2.3843', user: 'root', password: 'pass', rebootMs: 10, serial });
}

test('a good backup restores parameters (network too) and users', () => {
  const cam = camera();
  const file = makeBackup(cam);
  cam.params.update([['Network.IPAddress', '192.0.2.77'], ['Image.I0.Text.String', 'changed']]);
  cam.users.add('alice', 'secret', UserDb.parseGroups('viewer'));
  restoreBackup(cam, file);
  expect(cam.params.get('Network.IPAddress')).toBe('192.0.2.90');
  expect(cam.params.get('Image.I0.Text.String')).not.toBe('changed');
  expect(cam.users.get('alice')).toBeUndefined();
});

test('a foreign, invalid or damaged backup changes nothing', () => {
  const cam = camera();
  cam.params.update([['Network.IPAddress', '192.0.2.77']]);
  cam.users.add('alice', 'secret', UserDb.parseGroups('viewer'));
  const before = { params: cam.params.snapshot(), users: cam.users.export() };
  const good = decodeBackup(makeBackup(cam));
  const attempts: [RegExp, Buffer][] = [
    [/another unit/, makeBackup(camera('00408C000002'))],
    [/from model IPC-2100/, makeBackup(camera('00408C000001', 'IPC-2100'))],
    [/Network\.IPAddress.*not an IPv4/, encodeBackup({ ...good, params: { ...good.params, 'Network.IPAddress': '999.1.1.1' } })],
    [/unknown parameter Bogus/, encodeBackup({ ...good, params: { ...good.params, 'Bogus.Param': '1' } })],
    [/backup has no root user/, encodeBackup({ ...good, users: good.users.filter((u) => u.name !== 'root') })],
    [/checksum/, Buffer.concat([makeBackup(cam).subarray(0, 100), Buffer.alloc(50)])],
  ];
  for (const [why, file] of attempts) {
    expect(() => restoreBackup(cam, file), String(why)).toThrow(why);
    expect(cam.params.snapshot()).toEqual(before.params);
    expect(cam.users.export()).toEqual(before.users);
  }
});

test('a backup from another firmware keeps the running firmware version', () => {
  const cam = camera();
  const file = makeBackup(cam);
  cam.installFirmware('V5.0.3.3900');
  restoreBackup(cam, file);
  expect(cam.params.get('Properties.Firmware.Version')).toBe('V5.0.3.3900');
});

test('factory default keeps exactly the five network parameters and the users; hard keeps neither', () => {
  const cam = camera();
  const factory = cam.params.snapshot();
  const changes: [string, string][] = [
    ['Network.BootProto', 'dhcp'], ['Network.IPAddress', '192.0.2.77'], ['Network.SubnetMask', '255.255.0.0'],
    ['Network.Broadcast', '192.0.255.255'], ['Network.DefaultRouter', '192.0.2.254'], ['Network.HostName', 'changed'], ['Time.POSIXTimeZone', 'CET-1'],
  ];
  cam.params.update(changes);
  cam.users.add('alice', 'secret', UserDb.parseGroups('viewer'));
  factoryDefault(cam, false);
  const kept = Object.keys(factory).filter((n) => cam.params.get(n) !== factory[n]);
  expect(kept.sort()).toEqual([...NETWORK_KEPT].sort());
  expect(cam.users.get('alice')).toBeDefined();
  cam.users.update('root', 'newpass', undefined);
  factoryDefault(cam, true);
  expect(cam.params.snapshot()).toEqual(factory);
  expect(cam.users.export().map((u) => u.name)).toEqual(['root']);
  expect(cam.users.get('root')?.password).toBe('pass');
});
