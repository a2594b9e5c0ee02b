// The camera's two file formats: backup.bin (written and read by the camera) and
// firmware images (built by the harness's independent builder in fixtures/firmware,
// validated by the camera). Each damage is refused with its own reason.
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { buildImage, corruptChecksum, notAnImage, truncated } from '../../../fixtures/firmware/image-format.ts';
import { SAMPLE_IMAGES } from '../../../fixtures/firmware/samples.ts';
import { decodeBackup, encodeBackup, type Backup } from '../../../rigs/virtual-camera/general/backup-format.ts';
import { decodeFirmwareImage } from '../../../rigs/virtual-camera/general/firmware-image.ts';

const backup: Backup = {
  model: 'IPC-7100',
  serial: '00408C0A0B0C',
  firmware: 'V5.0.2.3843',
  created: '2008-10-03T15:16:04.000Z',
  params: { 'Network.IPAddress': '192.0.2.90', 'Image.I0.Text.String': 'ünïcode & "quotes"' },
  users: [{ name: 'root', password: 'pass', groups: ['admin', 'operator', 'viewer', 'ptz'] }],
};

test.describe('backup.bin', () => {
  test('round-trips every field', () => {
    expect(decodeBackup(encodeBackup(backup))).toEqual(backup);
  });

  test('a flipped byte, a truncated file, garbage and an unknown format version are refused', () => {
    const file = encodeBackup(backup);
    const flipped = Buffer.from(file);
    flipped[40] ^= 0x01;
    expect(() => decodeBackup(flipped)).toThrow(/checksum does not match/);
    expect(() => decodeBackup(file.subarray(0, file.length - 10))).toThrow(/corrupt or truncated/);
    expect(() => decodeBackup(file.subarray(0, 9))).toThrow(/truncated/);
    expect(() => decodeBackup(Buffer.from('PK\x03\x04 a zip file'))).toThrow(/not a backup file/);
    const v2 = Buffer.from(file);
    v2.writeUInt16BE(2, 8); // checksum fails first: a damaged header is "corrupt"
    expect(() => decodeBackup(v2)).toThrow(/checksum/);
  });
});

test.describe('firmware images (fixtures builder -> camera validator)', () => {
  const good = { model: 'IPC-7100', version: 'V5.0.3.3900', buildDate: 'Mar 01 2010 10:00' };

  test('a good image is read back as built', () => {
    expect(decodeFirmwareImage(buildImage(good))).toEqual({ ...good, payloadBytes: 2048 });
  });

  test('each kind of bad image is refused for its own reason', () => {
    const img = buildImage(good);
    expect(() => decodeFirmwareImage(corruptChecksum(img))).toThrow(/checksum does not match/);
    expect(() => decodeFirmwareImage(truncated(img))).toThrow(/corrupt or truncated/);
    expect(() => decodeFirmwareImage(notAnImage())).toThrow(/not a firmware image/);
    expect(() => decodeFirmwareImage(buildImage({ ...good, version: '5.0.3' }))).toThrow(/not of the form V/);
    expect(() => decodeFirmwareImage(buildImage({ ...good, buildDate: '2010-03-01' }))).toThrow(/build date/);
    expect(() => decodeFirmwareImage(buildImage({ ...good, formatVersion: 7 }))).toThrow(/format version 7 is unknown/);
    expect(() => decodeFirmwareImage(buildImage({ ...good, payload: Buffer.alloc(0) }))).toThrow(/empty payload/);
  });

  test('the committed sample files are what make-images.ts makes, and each is judged as labelled', () => {
    for (const s of SAMPLE_IMAGES) {
      const onDisk = readFileSync(new URL(`../../../fixtures/firmware/${s.file}`, import.meta.url));
      expect(onDisk.equals(s.make()), `${s.file} is stale: run npx tsx fixtures/firmware/make-images.ts`).toBe(true);
      if (s.good) expect(decodeFirmwareImage(onDisk)).toMatchObject({ model: s.model, version: s.version });
      else expect(() => decodeFirmwareImage(onDisk), s.file).toThrow();
    }
  });
});
