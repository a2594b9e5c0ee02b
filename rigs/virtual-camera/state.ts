// Everything the virtual camera knows, shared by its chapters. Chapters keep their own
// runtime state (PTZ position, I/O levels, SD card) in their folders and listen to
// these events to reset it.
import { EventEmitter } from 'node:events';
import { CameraClock } from './general/clock.ts';
import { SystemLog } from './general/system-log.ts';
import { UserDb } from './general/users.ts';
import type { DialectName } from './dialects.ts';
import { buildDateOf, type ModelSpec } from './models.ts';
import { factoryCatalog, TEMPLATES } from './params/catalog.ts';
import { ParamStore } from './params/store.ts';

export interface CameraOptions {
  model: ModelSpec;
  firmware: string;
  user: string;
  password: string;
  /** How long reboot.cgi (and an upgrade) leaves the camera unreachable. */
  rebootMs: number;
  serial: string;
  /** Where the spec is silent, behave like these conformant cameras (dialects.ts); none by default. */
  dialects?: ReadonlySet<DialectName>;
}

export interface CameraEvents {
  /** Parameter names whose values changed (update, add, remove, restore, factory default). */
  params: [names: string[]];
  /** Factory default or hard factory default happened (params already reset). */
  factory: [hard: boolean];
  /** The camera is going down for downMs (Infinity: it never comes back); `boot` follows. */
  shutdown: [downMs: number];
  boot: [];
}

export class VirtualCameraState {
  readonly events = new EventEmitter<CameraEvents>();
  readonly clock = new CameraClock();
  readonly log = new SystemLog(this.clock);
  readonly users: UserDb;
  params: ParamStore;
  firmware: string;
  readonly bootedAt = { ms: Date.now() };

  constructor(readonly options: CameraOptions) {
    this.firmware = options.firmware;
    this.params = new ParamStore(factoryCatalog(options.model, options.firmware, options.serial), TEMPLATES);
    this.users = new UserDb(options.user, options.password);
  }

  get model(): ModelSpec {
    return this.options.model;
  }

  /** After an upgrade: a new catalog for the new version, keeping every value that still fits. */
  installFirmware(version: string, buildDate = buildDateOf(version)): void {
    // Built aside and swapped in last: a value the new catalog refuses leaves the old
    // firmware and parameters in place rather than half an upgrade.
    const next = new ParamStore(factoryCatalog(this.model, version, this.options.serial), TEMPLATES);
    const keep = Object.fromEntries(
      Object.entries(this.params.snapshot()).filter(([n]) => !n.startsWith('Properties.Firmware.') && (next.has(n) || n.startsWith('Motion.M'))),
    );
    keep['Properties.Firmware.Version'] = version;
    keep['Properties.Firmware.BuildDate'] = buildDate;
    keep['Properties.Firmware.BuildNumber'] = version.split('.').pop() ?? '0';
    next.applySnapshot(keep);
    this.params = next;
    this.firmware = version;
  }

  /** Goes down now (the server closes its listener) and boots again after downMs. */
  reboot(reason: string, downMs = this.options.rebootMs): void {
    this.log.add('system', `reboot: ${reason}`);
    this.events.emit('shutdown', downMs);
  }

  changed(names: string[]): void {
    if (names.length) this.events.emit('params', names);
  }
}
