// The virtual SD card's bookkeeping and the chapter 8 XML it is listed in.
import { test, expect } from '@playwright/test';
import { checkRecordingId } from '../../../rigs/virtual-camera/storage/disk.ts';
import { FS_OVERHEAD_KB, SdCard, TOTAL_KB, sampleRecordings } from '../../../rigs/virtual-camera/storage/sd-card.ts';
import { disksXml, recordingsXml } from '../../../rigs/virtual-camera/storage/xml.ts';

test('free space follows the recordings; format empties the card', () => {
  const card = new SdCard();
  const used = sampleRecordings().reduce((s, r) => s + r.sizeKB, 0);
  expect(card.freeKB).toBe(TOTAL_KB - FS_OVERHEAD_KB - used);
  expect(card.remove('20090101_010201.avi')).toBe(true);
  expect(card.remove('20090101_010201.avi')).toBe(false);
  expect(card.freeKB).toBe(TOTAL_KB - FS_OVERHEAD_KB - used + 1536);
  card.format();
  expect(card.recordings()).toEqual([]);
  expect(card.freeKB).toBe(124032); // the spec's sample: an empty 124048 KB card
});

test('recording ids are file names: paths and odd characters refused', () => {
  expect(() => checkRecordingId('20090101_010101.avi')).not.toThrow();
  for (const bad of ['../x.avi', 'a/b.avi', '..', 'a\\b', '/etc/passwd']) expect(() => checkRecordingId(bad), bad).toThrow(/is a path/);
  expect(() => checkRecordingId('a b.avi')).toThrow(/not a recording id/);
});

test('XML answers are well-formed, escaped and in the spec shape', () => {
  const recs = recordingsXml('SD_DISK', sampleRecordings().slice(0, 1));
  expect(recs).toBe(
    '<?xml version="1.0" ?>\r\n<root>\r\n<recordings>\r\n' +
      '  <recording recordingid="20090101_010101.avi" diskid="SD_DISK" starttime="20090101_010101" date="20090101" recordingtype="scheduled">\r\n  </recording>\r\n' +
      '</recordings>\r\n</root>\r\n',
  );
  const disks = disksXml([{ diskid: 'SD_DISK', totalsize: 1, freesize: 0, cleanuplevel: '95', cleanupmaxage: '1', cleanuppolicy: 'a"<b', locked: 'no', full: 'yes', readonly: 'no', status: 'OK' }]);
  expect(disks).toContain('<disks numberofdisks="1">');
  expect(disks).toContain('cleanuppolicy="a&quot;&lt;b"');
  expect(disks.trimEnd().endsWith('</root>')).toBe(true);
});
