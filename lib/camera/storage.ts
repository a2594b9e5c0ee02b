// Storage (spec chapter 8), for cameras with an SD socket: mount/umount, format, list
// disks and recordings (XML), remove recordings. Disk id SD_DISK, recordingid=<id>|all.
// The spec shows no reply for mount/format/remove; success is a 2xx without
// `# Error:` and without an <error> element.
//
// Method: the spec says "Method: GET/POST" (8.1). GET (the default) carries the
// parameters in the query; POST carries them as an application/x-www-form-urlencoded
// body, with no query: `camera.storage.via('POST').mount()`.

import { CameraReplyError } from './errors.ts';
import { URLENCODED, urlencodedForm } from './form.ts';
import type { CameraClient, CameraResponse } from './http.ts';
import { intParam, yesNo } from './params.ts';
import { expectNoError, parseReply } from './reply.ts';
import { xmlElements } from './xml.ts';

export interface Disk {
  diskId: string;
  /** As the camera reports them (the spec does not give units; KB in the family). */
  totalSize?: number;
  freeSize?: number;
  cleanupLevel?: number;
  cleanupMaxAge?: number;
  cleanupPolicy?: string;
  locked?: boolean;
  full?: boolean;
  readonly?: boolean;
  status?: string;
  attrs: Record<string, string>;
}

export interface Recording {
  recordingId: string;
  diskId?: string;
  startTime?: string;
  date?: string;
  recordingType?: string;
  attrs: Record<string, string>;
}

export const SD_DISK = 'SD_DISK';

function id(what: string, v: string): string {
  if (v.trim() === '' || /[\s&#]/.test(v)) throw new Error(`bad ${what} ${JSON.stringify(v)}`);
  return v;
}

// Attribute names are matched case-insensitively (`diskID` and `diskid` alike).
function lowerKeys(attrs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k.toLowerCase(), v]));
}

export function parseDisks(xml: string): Disk[] {
  return xmlElements(xml, 'disk').map(lowerKeys).map((a) => {
    if (!a['diskid']) throw new Error('<disk> without diskid');
    return {
      diskId: a['diskid'],
      totalSize: intParam(a['totalsize']),
      freeSize: intParam(a['freesize']),
      cleanupLevel: intParam(a['cleanuplevel']),
      cleanupMaxAge: intParam(a['cleanupmaxage']),
      cleanupPolicy: a['cleanuppolicy'],
      locked: yesNo(a['locked']),
      full: yesNo(a['full']),
      readonly: yesNo(a['readonly']),
      status: a['status'],
      attrs: a,
    };
  });
}

export function parseRecordings(xml: string): Recording[] {
  return xmlElements(xml, 'recording').map(lowerKeys).map((a) => {
    if (!a['recordingid']) throw new Error('<recording> without recordingid');
    return {
      recordingId: a['recordingid'],
      diskId: a['diskid'],
      startTime: a['starttime'],
      date: a['date'],
      recordingType: a['recordingtype'],
      attrs: a,
    };
  });
}

function expectDone(res: CameraResponse): void {
  expectNoError(res);
  const error = xmlElements(res.text, 'error')[0];
  if (error) {
    const detail = Object.entries(error).map(([k, v]) => `${k}=${v}`).join(' ');
    throw new CameraReplyError(res.request, res.status, `camera reported an error: ${res.redact(detail || '<error>')}`);
  }
}

export type StorageMethod = 'GET' | 'POST';

export class Storage {
  constructor(
    private readonly client: CameraClient,
    /** How the CGIs are sent: GET with a query (default) or POST with a form body. */
    readonly method: StorageMethod = 'GET',
  ) {
    if (method !== 'GET' && method !== 'POST') throw new Error(`storage method must be GET or POST, got ${JSON.stringify(method)}`);
  }

  /** The same storage calls, sent with `method`. */
  via(method: StorageMethod): Storage {
    return new Storage(this.client, method);
  }

  async mount(diskId: string = SD_DISK): Promise<void> {
    expectDone(await this.send('/mount.cgi', { diskid: id('disk id', diskId), action: 'mount' }));
  }

  async umount(diskId: string = SD_DISK): Promise<void> {
    expectDone(await this.send('/mount.cgi', { diskid: id('disk id', diskId), action: 'umount' }));
  }

  /** Formats a disk (destructive: every recording on it is lost). */
  async format(diskId: string = SD_DISK, opts: { timeoutMs?: number } = {}): Promise<void> {
    expectDone(await this.send('/format.cgi', { diskid: id('disk id', diskId) }, opts.timeoutMs));
  }

  /** list.cgi?diskid=<id>|all. */
  async disks(diskId: string = 'all'): Promise<Disk[]> {
    return parseReply(await this.send('/list.cgi', { diskid: id('disk id', diskId) }), parseDisks);
  }

  /** list.cgi?recordingid=<id>|all. */
  async recordings(recordingId: string = 'all'): Promise<Recording[]> {
    return parseReply(await this.send('/list.cgi', { recordingid: id('recording id', recordingId) }), parseRecordings);
  }

  /** remove.cgi?recordingid=<id>|all. */
  async remove(recordingId: string): Promise<void> {
    expectDone(await this.send('/remove.cgi', { recordingid: id('recording id', recordingId) }));
  }

  private send(path: string, params: Record<string, string>, timeoutMs?: number): Promise<CameraResponse> {
    if (this.method === 'POST') return this.client.post(path, urlencodedForm(params), { contentType: URLENCODED, timeoutMs });
    return this.client.get(path, params, { timeoutMs });
  }
}
