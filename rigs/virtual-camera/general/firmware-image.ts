// The camera's VALIDATOR of firmware images (firmwareupgrade.cgi, spec §1.7). The format
// is ours (the spec leaves it to the vendor); fixtures/firmware has an independent
// BUILDER, so a mistake on one side is not hidden by sharing code with the other:
//
//   offset  size   field
//   0       8      magic "CHILFWIM"
//   8       2      image format version, u16 big-endian (1)
//   10      1+n    model the image is for (Brand.ProdNbr), u8 length + ASCII
//   ..      1+n    firmware version, e.g. V5.0.3.3900
//   ..      1+n    build date, e.g. "Mar 01 2010 10:00"
//   ..      4+n    payload (the root file system; opaque here), u32 length + bytes
//   end-32  32     SHA-256 of every byte before it
import { CgiError } from '../http/route.ts';
import { checkFirmwareVersion } from '../models.ts';
import { FieldReader, verifiedBody } from './binary-file.ts';

const FIRMWARE_MAGIC = 'CHILFWIM';
const FIRMWARE_FORMAT_VERSION = 1;
const WHAT = 'firmware image';
const BUILD_DATE = /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (0[1-9]|[12]\d|3[01]) \d{4} ([01]\d|2[0-3]):[0-5]\d$/;

export interface FirmwareImage {
  model: string;
  version: string;
  buildDate: string;
  payloadBytes: number;
}

/** Checks everything the image says about itself; the caller checks it fits this camera. */
export function decodeFirmwareImage(file: Buffer): FirmwareImage {
  const r = new FieldReader(verifiedBody(file, FIRMWARE_MAGIC, WHAT), WHAT);
  const format = r.u16();
  if (format !== FIRMWARE_FORMAT_VERSION) throw new CgiError(`firmware image format version ${format} is unknown (this camera reads version ${FIRMWARE_FORMAT_VERSION})`);
  const model = r.shortString('model');
  const version = r.shortString('version');
  const buildDate = r.shortString('build date');
  const payload = r.longBytes();
  if (r.left !== 0) throw new CgiError(`firmware image has ${r.left} unexpected bytes after its payload`);
  const badVersion = checkFirmwareVersion(version);
  if (badVersion) throw new CgiError(`firmware image: ${badVersion}`);
  if (!BUILD_DATE.test(buildDate)) throw new CgiError(`firmware image: build date "${buildDate}" is not of the form "Jan 07 2010 10:00"`);
  if (payload.length === 0) throw new CgiError('firmware image has an empty payload');
  return { model, version, buildDate, payloadBytes: payload.length };
}
