// backup.bin, the file of backup.cgi / restore.cgi (spec §1.5, §1.6). Our own format
// (the spec leaves it to the vendor):
//
//   offset  size   field
//   0       8      magic "CHILBKUP"
//   8       2      format version, u16 big-endian (1)
//   10      1+n    model (Brand.ProdNbr), u8 length + ASCII
//   ..      1+n    serial number (Properties.System.SerialNumber)
//   ..      1+n    firmware version that made it
//   ..      1+n    creation time, ISO 8601 (the camera's clock)
//   ..      4+n    payload, u32 length + UTF-8 JSON:
//                  { "params": { "<name>": "<value>", ... },
//                    "users":  [ { "name", "password", "groups": [..] }, ... ] }
//   end-32  32     SHA-256 of every byte before it
//
// The backup is unit specific (spec §1.6): it carries the unit's network addresses and
// its users, so it restores only on the model and serial number that made it. Passwords
// are in it because the camera needs them back; the file is given to admins only.
import { CgiError } from '../http/route.ts';
import { FieldReader, frame, verifiedBody } from './binary-file.ts';

const BACKUP_MAGIC = 'CHILBKUP';
const BACKUP_FORMAT_VERSION = 1;
const WHAT = 'backup file';

export interface BackupUser {
  name: string;
  password: string;
  groups: string[];
}

export interface Backup {
  model: string;
  serial: string;
  firmware: string;
  created: string;
  params: Record<string, string>;
  users: BackupUser[];
}

export function encodeBackup(b: Backup): Buffer {
  const payload = Buffer.from(JSON.stringify({ params: b.params, users: b.users }), 'utf8');
  return frame(BACKUP_MAGIC, BACKUP_FORMAT_VERSION, [b.model, b.serial, b.firmware, b.created, payload]);
}

/** Parses and checks the framing and the payload's shape; the caller checks it fits this unit. */
export function decodeBackup(file: Buffer): Backup {
  const r = new FieldReader(verifiedBody(file, BACKUP_MAGIC, WHAT), WHAT);
  const version = r.u16();
  if (version !== BACKUP_FORMAT_VERSION) throw new CgiError(`backup file format version ${version} is unknown (this camera reads version ${BACKUP_FORMAT_VERSION})`);
  const model = r.shortString('model');
  const serial = r.shortString('serial');
  const firmware = r.shortString('firmware');
  const created = r.shortString('creation time');
  const payload = r.longBytes();
  if (r.left !== 0) throw new CgiError(`backup file has ${r.left} unexpected bytes after its payload`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString('utf8'));
  } catch {
    throw new CgiError('backup file payload is not valid JSON');
  }
  const { params, users } = (parsed ?? {}) as { params?: unknown; users?: unknown };
  if (!isStringRecord(params)) throw new CgiError('backup file payload has no parameter table');
  if (!Array.isArray(users) || !users.every(isUser)) throw new CgiError('backup file payload has a malformed user list');
  return { model, serial, firmware, created, params, users };
}

function isStringRecord(x: unknown): x is Record<string, string> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && Object.values(x).every((v) => typeof v === 'string');
}

function isUser(x: unknown): x is BackupUser {
  const u = x as BackupUser;
  return typeof u === 'object' && u !== null && typeof u.name === 'string' && typeof u.password === 'string' && Array.isArray(u.groups) && u.groups.every((g) => typeof g === 'string');
}
