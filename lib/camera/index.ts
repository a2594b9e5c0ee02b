// The facade fixtures create: one object holding the client and a module per spec
// chapter (camera.config.list(), camera.video.snapshot(), camera.ptz.absolute(...)).
// Everything else in lib/camera is re-exported so suites import from one place.

import { Audio } from './audio.ts';
import { discoverCapabilities, type Capabilities } from './capabilities.ts';
import { Config } from './config.ts';
import { CameraClient, type CameraClientOptions } from './http.ts';
import { Io } from './io.ts';
import { IpFilter } from './ipfilter.ts';
import { Motion } from './motion.ts';
import { Osd } from './osd.ts';
import { Ptz } from './ptz.ts';
import { Storage } from './storage.ts';
import { System } from './system.ts';
import { Time } from './time.ts';
import { Users } from './users.ts';
import { Video } from './video.ts';

export class Camera {
  readonly client: CameraClient;
  readonly config: Config;
  readonly users: Users;
  readonly system: System;
  readonly time: Time;
  readonly osd: Osd;
  readonly video: Video;
  readonly ptz: Ptz;
  readonly motion: Motion;
  readonly io: Io;
  readonly ipfilter: IpFilter;
  readonly audio: Audio;
  readonly storage: Storage;
  private caps: Promise<Capabilities> | undefined;

  constructor(clientOrOptions: CameraClient | CameraClientOptions) {
    this.client = clientOrOptions instanceof CameraClient ? clientOrOptions : new CameraClient(clientOrOptions);
    this.config = new Config(this.client);
    this.users = new Users(this.client);
    this.system = new System(this.client);
    this.time = new Time(this.client);
    this.osd = new Osd(this.client, this.config);
    this.video = new Video(this.client);
    this.ptz = new Ptz(this.client);
    this.motion = new Motion(this.client, this.config);
    this.io = new Io(this.client);
    this.ipfilter = new IpFilter(this.client);
    this.audio = new Audio(this.client);
    this.storage = new Storage(this.client);
  }

  /** Capability facts, read once and kept; `refresh` reads the list again (after an upgrade). */
  capabilities(refresh = false): Promise<Capabilities> {
    if (refresh || !this.caps) {
      this.caps = discoverCapabilities(this.client);
      // A failed discovery must not be cached: the next call tries again.
      this.caps.catch(() => (this.caps = undefined));
    }
    return this.caps;
  }

  /** The same camera seen by another user and/or from another source address; close() it too. */
  derive(overrides: Partial<Omit<CameraClientOptions, 'url'>>): Camera {
    return new Camera(this.client.derive(overrides));
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

export * from './audio.ts';
export * from './auth/basic.ts';
export * from './auth/challenge.ts';
export * from './auth/digest.ts';
export * from './auth/session.ts';
export * from './capabilities.ts';
export * from './config.ts';
export * from './errors.ts';
export * from './form.ts';
export * from './guard.ts';
export * from './http.ts';
export * from './io.ts';
export * from './ipfilter.ts';
export * from './motion.ts';
export * from './osd.ts';
export * from './params.ts';
export * from './ptz.ts';
export * from './query.ts';
export * from './reachability.ts';
export * from './redact.ts';
export * from './reply.ts';
export * from './storage.ts';
export * from './system.ts';
export * from './time.ts';
export * from './transcript.ts';
export * from './users.ts';
export * from './video.ts';
export * from './xml.ts';
