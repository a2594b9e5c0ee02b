// `--write-lab FILE`: a lab inventory (rigs/lab/README.md) listing the emulator's cameras,
// so the harness can select them by name (--camera virtual-2) like a lab's.
//
// Written here as plain JSON rather than through rigs/lab/inventory.ts: the emulator does
// not depend on the harness's side of the lab (a unit test loads the file with loadLab).
// Credentials are never written, only the names of the variables that hold them.
//
// The file is written aside and renamed into place, so a reader never sees half of it. An
// existing file is replaced only when an emulator wrote it (its top "$comment" starts with
// LAB_MARK): running the same command again just works, a hand-made lab.json is never lost.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { FleetMember } from './fleet.ts';

const LAB_MARK = 'Written by the camera-hil emulator (npm run emulator -- --write-lab)';
/** The variables every camera's entry names; their values are the emulator's --user and --password. */
export const LAB_USER_ENV = 'VIRTUAL_CAMERA_USER';
export const LAB_PASSWORD_ENV = 'VIRTUAL_CAMERA_PASSWORD';

/** The emulated Numato board's relay count (virtual-relay/numato-emulator.ts). */
const NUMATO_CHANNELS = 8;

/** The inventory of these cameras, as the object to write. */
export function fleetLab(members: readonly FleetMember[]): object {
  return {
    $comment: `${LAB_MARK} for ${members.length} virtual camera(s); it replaces this file when run again. Credentials: export ${LAB_USER_ENV} and ${LAB_PASSWORD_ENV}, set to the emulator's --user and --password.`,
    cameras: members.map((m) => ({
      name: m.name,
      url: urlOf(m.camera.host, m.camera.port),
      userEnv: LAB_USER_ENV,
      passwordEnv: LAB_PASSWORD_ENV,
      model: m.camera.state.model.prodNbr,
      // Without a board of the emulator's, the harness starts a virtual one of its own.
      relay: m.board ? { driver: 'numato', path: m.board.board.path, channels: NUMATO_CHANNELS } : { driver: 'virtual' },
      ...(m.board ? { wiring: m.board.wiring } : {}),
      secondSourceAddress: '127.0.0.2',
      speakerHearsMicrophone: true,
      destructiveAllowed: true,
    })),
  };
}

/** http://host:port, with an IPv6 address in brackets. */
function urlOf(host: string, port: number): string {
  return `http://${net.isIPv6(host) ? `[${host}]` : host}:${port}`;
}

/** Why `file` cannot take the fleet's inventory, or undefined when it can. Checked before anything starts, and again when writing. */
export function labTargetProblem(file: string): string | undefined {
  const dir = path.dirname(path.resolve(file));
  if (!isDirectory(dir)) return `--write-lab ${file}: the folder ${dir} does not exist`;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'EISDIR') return `--write-lab ${file}: that is a folder; name a file`;
    return `--write-lab ${file}: cannot read the existing file to check who wrote it: ${(e as Error).message}`;
  }
  if (writtenByEmulator(text)) return undefined;
  return `--write-lab ${file}: the file exists and was not written by the emulator; refusing to replace it (remove it, or choose another file)`;
}

function writtenByEmulator(text: string): boolean {
  try {
    const data = JSON.parse(text) as { $comment?: unknown };
    return typeof data.$comment === 'string' && data.$comment.startsWith(LAB_MARK);
  } catch {
    return false;
  }
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** Writes the inventory atomically; throws with the reason when `file` may not take it. */
export function writeLabFile(file: string, lab: object): void {
  const problem = labTargetProblem(file);
  if (problem) throw new Error(problem);
  const aside = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(aside, `${JSON.stringify(lab, null, 2)}\n`);
    fs.renameSync(aside, file);
  } catch (e) {
    fs.rmSync(aside, { force: true });
    throw new Error(`--write-lab ${file}: ${(e as Error).message}`);
  }
}
