// System CGIs (spec 1.3-1.9): factory defaults, backup/restore, firmware upgrade,
// reboot and the system log.
//
// Upload encoding: the spec gives no format for restore.cgi and firmwareupgrade.cgi.
// We send multipart/form-data with the file in a field named `file` (what the family's
// web pages post); restore can also send the raw bytes as application/octet-stream for
// cameras that take that.

import { CameraReplyError } from './errors.ts';
import { buildMultipartForm } from './form.ts';
import type { CameraClient, CameraResponse } from './http.ts';
import { withProgress, type ProgressOptions } from './progress.ts';
import { awaitRestart, type RestartOptions, type RestartTimes } from './reachability.ts';
import { expectNoError } from './reply.ts';

export interface UploadOptions {
  /** 'multipart' (default): form field `file`; 'raw': the bytes as application/octet-stream. */
  encoding?: 'multipart' | 'raw';
  filename?: string;
  timeoutMs?: number;
}

/** `filename` from a Content-Disposition header (quoted or token form), if any. */
export function dispositionFilename(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(header);
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2];
}

function header(res: CameraResponse, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export class System {
  constructor(private readonly client: CameraClient) {}

  /** Everything but the five Network parameters back to factory values. */
  async factoryDefault(): Promise<string> {
    const res = await this.client.get('/factorydefault.cgi');
    expectNoError(res);
    return res.text;
  }

  /** Every parameter back to factory values, network included. */
  async hardFactoryDefault(): Promise<string> {
    const res = await this.client.get('/hardfactorydefault.cgi');
    expectNoError(res);
    return res.text;
  }

  /**
   * Downloads backup.bin. Checks what spec 1.5 promises: application/octet-stream, an
   * attachment named backup.bin, a non-empty body.
   */
  async backup(): Promise<Buffer> {
    const res = await this.client.get('/backup.cgi');
    expectNoError(res);
    const type = res.contentType.split(';')[0].trim().toLowerCase();
    if (type !== 'application/octet-stream') {
      throw new CameraReplyError(res.request, res.status, `backup Content-Type is ${JSON.stringify(res.contentType)}, expected application/octet-stream`);
    }
    const filename = dispositionFilename(header(res, 'content-disposition'));
    if (filename !== 'backup.bin') {
      throw new CameraReplyError(
        res.request,
        res.status,
        `backup Content-Disposition ${JSON.stringify(header(res, 'content-disposition') ?? '')} does not name backup.bin`,
      );
    }
    if (res.body.length === 0) throw new CameraReplyError(res.request, res.status, 'backup is empty');
    return res.body;
  }

  /** Uploads a backup made by backup(); the camera refuses corrupt or foreign ones. */
  async restore(backup: Buffer, opts: UploadOptions = {}): Promise<string> {
    if (backup.length === 0) throw new Error('restore: the backup is empty');
    return this.upload('/restore.cgi', backup, opts.filename ?? 'backup.bin', opts);
  }

  /**
   * Uploads a firmware image; the camera validates it, then reboots into it. The answer may
   * take a minute (flashing): opts.onProgress hears of it meanwhile.
   */
  async firmwareUpgrade(image: Buffer, opts: UploadOptions & ProgressOptions = {}): Promise<string> {
    if (image.length === 0) throw new Error('firmware upgrade: the image is empty');
    // Flashing is slow on a real camera: give the answer a minute unless told otherwise.
    const timeoutMs = opts.timeoutMs ?? Math.max(60_000, this.client.timeoutMs);
    return withProgress('the camera to answer the firmware upload', timeoutMs, opts, () =>
      this.upload('/firmwareupgrade.cgi', image, opts.filename ?? 'firmware.bin', { ...opts, timeoutMs }),
    );
  }

  /** Asks for a restart; follow with awaitRestart(). */
  async reboot(): Promise<string> {
    const res = await this.client.get('/reboot.cgi');
    expectNoError(res);
    return res.text;
  }

  /**
   * After a restart the camera accepted (reboot, factory default, upgrade): waits for it
   * to go down and come back; a CameraDefect when it never goes down or never comes back.
   * opts.onProgress hears of each phase while it lasts (opts.restart names what was accepted).
   */
  awaitRestart(opts: RestartOptions): Promise<RestartTimes> {
    return awaitRestart(this.client, opts);
  }

  /** The system log, one entry per line (CRLF or LF), trailing blank lines dropped. */
  async systemLog(): Promise<string[]> {
    const res = await this.client.get('/systemlog.cgi');
    expectNoError(res);
    const lines = res.text.split(/\r?\n/);
    while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
    return lines;
  }

  private async upload(path: string, data: Buffer, filename: string, opts: UploadOptions): Promise<string> {
    const encoding = opts.encoding ?? 'multipart';
    let res: CameraResponse;
    if (encoding === 'raw') {
      res = await this.client.post(path, data, { contentType: 'application/octet-stream', timeoutMs: opts.timeoutMs });
    } else if (encoding === 'multipart') {
      const form = buildMultipartForm([{ name: 'file', filename, data, contentType: 'application/octet-stream' }]);
      res = await this.client.post(path, form.body, { contentType: form.contentType, timeoutMs: opts.timeoutMs });
    } else {
      throw new Error(`unknown upload encoding ${JSON.stringify(encoding)}`);
    }
    expectNoError(res);
    return res.text;
  }
}
