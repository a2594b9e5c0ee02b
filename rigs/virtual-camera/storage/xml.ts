// The storage chapter's XML answers (spec §8.3, §8.4), well-formed: the spec's sample of
// the recordings list lacks `</root>`; we close it. Attribute values are escaped.
import type { Recording } from './sd-card.ts';

export interface DiskStatus {
  diskid: string;
  totalsize: number;
  freesize: number;
  cleanuplevel: string;
  cleanupmaxage: string;
  cleanuppolicy: string;
  locked: string;
  full: string;
  readonly: string;
  status: string;
}

const HEAD = '<?xml version="1.0" ?>\r\n';

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function attrs(o: object): string {
  return Object.entries(o)
    .map(([k, v]) => `${k}="${escapeXml(String(v))}"`)
    .join(' ');
}

export function disksXml(disks: readonly DiskStatus[]): string {
  const lines = disks.map((d) => `<disk ${attrs(d)} />\r\n`).join('');
  return `${HEAD}<root>\r\n<disks numberofdisks="${disks.length}">\r\n${lines}</disks>\r\n</root>\r\n`;
}

export function recordingsXml(diskid: string, recs: readonly Recording[]): string {
  const lines = recs
    .map((r) => {
      const a = attrs({ recordingid: r.id, diskid, starttime: r.starttime, date: r.starttime.slice(0, 8), recordingtype: r.recordingtype });
      return `  <recording ${a}>\r\n  </recording>\r\n`;
    })
    .join('');
  return `${HEAD}<root>\r\n<recordings>\r\n${lines}</recordings>\r\n</root>\r\n`;
}
