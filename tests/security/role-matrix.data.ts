// The role matrix as data: for every CGI, the weakest group that may call it, per
// docs/virtual-camera.md ("viewer: image, video, audio in, status; operator: plus PTZ, output, motion
// config; admin: everything"), written independently of the virtual camera's route table.
// Anonymous requests must get 401 with a challenge, groups weaker than `role` 403, and
// `role` and stronger anything else (the role check passed).
//
// Every request to an ordinary CGI is harmless: it reads, or it is refused for bad input
// *after* the role check (a 400 still proves the role passed). Destructive CGIs
// (tests/robustness/destructive-cgis.ts) are different: a request they wrongly accept is
// performed, and a camera that ignores unknown parameters would perform even a "bad" one.
// So their rows carry no unknown parameter, are sent only by roles that must be refused
// (never by admin), and only where HIL_DESTRUCTIVE allows (roles.spec.ts).

export type MatrixRole = 'viewer' | 'operator' | 'admin';

export interface MatrixRow {
  path: string;
  method: 'GET' | 'POST';
  /** Raw query, without `?`. */
  query: string;
  body?: string;
  contentType?: string;
  /** The weakest group allowed. */
  role: MatrixRole;
  /** Why this role (shown in the report). */
  why: string;
}

const get = (path: string, query: string, role: MatrixRole, why: string, extra: Partial<MatrixRow> = {}): MatrixRow => ({ path, method: 'GET', query, role, why, ...extra });
const post = (path: string, contentType: string, body: string, role: MatrixRole, why: string, extra: Partial<MatrixRow> = {}): MatrixRow => ({ path, method: 'POST', query: '', body, contentType, role, why, ...extra });

export const ROLE_MATRIX: readonly MatrixRow[] = [
  get('/config.cgi', 'action=list&group=Motion', 'operator', 'operators configure motion detection'),
  get('/config.cgi', 'action=update&Motion.M999.Name=hil', 'operator', 'operators configure motion detection (this window does not exist: 400)'),
  get('/config.cgi', 'action=list&group=Brand', 'admin', 'every group but Motion is admin configuration'),
  get('/config.cgi', 'action=update&Image.I0.Stream.FPS=1000', 'admin', 'image configuration is admin (out of range: 400)'),
  get('/usrgrp.cgi', 'action=get', 'admin', 'users and passwords'),
  get('/factorydefault.cgi', '', 'admin', 'resets the configuration'),
  get('/hardfactorydefault.cgi', '', 'admin', 'resets everything'),
  get('/backup.cgi', 'hilbogus=1', 'admin', 'the backup holds every password (unknown parameter: 400)'),
  post('/restore.cgi', 'application/octet-stream', 'not a backup', 'admin', 'replaces the configuration and users'),
  post('/firmwareupgrade.cgi', 'application/octet-stream', 'not firmware', 'admin', 'flashes the camera'),
  get('/reboot.cgi', '', 'admin', 'restarts the camera'),
  get('/systemlog.cgi', '', 'admin', 'the log names users and addresses'),
  get('/time.cgi', 'action=get', 'admin', 'system settings are admin'),
  get('/setosd.cgi', 'position=middle', 'admin', 'image configuration is admin (bad position: 400)'),
  get('/resolution.cgi', 'action=get', 'viewer', 'reading the image size is status'),
  get('/resolution.cgi', 'resolution=1x1', 'admin', 'setting the image size is configuration (size not offered: 400)'),
  get('/videostatus.cgi', 'status=1', 'viewer', 'status'),
  get('/image.jpg', '', 'viewer', 'image'),
  get('/image.cgi', 'resolution=1x1', 'viewer', 'image (size not offered: 400)'),
  get('/video.mjpg', 'hilbogus=1', 'viewer', 'video'),
  get('/video.cgi', 'resolution=1x1', 'viewer', 'video (size not offered: 400)'),
  get('/ptz.cgi', 'query=position', 'operator', 'PTZ control'),
  get('/configptz.cgi', 'removeserverpresetname=hil-no-such-preset', 'operator', 'PTZ presets (no such preset: 400)'),
  get('/motion.cgi', 'group=M9999', 'viewer', 'motion levels are status (no such window: 400)'),
  get('/port.cgi', 'action=99%3A%2F', 'operator', 'outputs (no such port: 400)'),
  get('/input.cgi', 'check=1', 'viewer', 'input state is status'),
  get('/output.cgi', 'action=99%3A%2F', 'operator', 'outputs (no such output: 400)'),
  get('/ipfilter.cgi', 'action=list', 'admin', 'network configuration'),
  get('/fromserver.cgi', 'duration=-1', 'viewer', 'audio in (bad duration: 400)'),
  post('/toSERVER.cgi', 'text/plain', 'not audio', 'operator', 'making the camera speak is control (not audio: 415)'),
  get('/mount.cgi', 'diskid=HIL_NO_DISK&action=mount', 'admin', 'storage administration (no such disk: 400)'),
  get('/format.cgi', 'diskid=HIL_NO_DISK', 'admin', 'erases the SD card'),
  get('/list.cgi', 'diskid=SD_DISK', 'viewer', 'storage status'),
  get('/remove.cgi', 'recordingid=19700101_000000.avi', 'admin', 'erases recordings'),
  // The virtual camera's own pages (outside the spec).
  get('/', '', 'viewer', 'the live-view page shows video'),
  get('/_hil/audio/played', 'hilbogus=1', 'admin', 'a test hook (unknown parameter: 400)'),
];

/** Passwords of the users the security suite creates: registered for the credential scan. */
export const MATRIX_USERS = {
  viewer: { name: 'hilsecview', password: 'Hil-Viewer-Secret-7f3a' },
  operator: { name: 'hilsecoper', password: 'Hil-Operator-Secret-2c9d' },
} as const;
