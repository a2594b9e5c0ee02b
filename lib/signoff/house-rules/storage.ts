// House expectations of the storage suites (tests/storage/): see index.ts.
import type { HouseRule } from './types.ts';

export const STORAGE_RULES = {
  'storage.answer.ok': { chapter: '8.1', expectation: 'mount.cgi, format.cgi and remove.cgi answer `OK` when done (the spec shows no answer; required either way: a 2xx without `# Error:`)' },
  'storage.settings.params': { chapter: '8.3', expectation: 'list.cgi\'s cleanuplevel and cleanuppolicy are the Storage.S0.CleanupLevel and Storage.S0.CleanupPolicy parameters' },
  'storage.list.unknown-disk': { chapter: '8.3', expectation: 'list.cgi?diskid=<a disk the camera does not have> is refused (required either way: no such disk is listed)' },
  'storage.list.unknown-recording': { chapter: '8.4', expectation: 'list.cgi?recordingid=<an id not on the card> is refused (required either way: no such recording is listed)' },
  'storage.recording-id.path': { chapter: '8.4', expectation: 'a recording id that is a path (`../../etc/passwd`, `sub/<id>`) is refused (required either way: no recording is listed under it)' },
  'storage.list.unmounted': { chapter: '8.4', expectation: 'list.cgi?recordingid= is refused while the disk is unmounted' },
  'storage.umount.twice': { chapter: '8.1', expectation: 'umount of an unmounted disk is refused' },
  'storage.umount.status': { chapter: '8.3', expectation: 'while unmounted, list.cgi shows SD_DISK with status `disconnected` (not `OK`)' },
  'storage.mount.action': { chapter: '8.1', expectation: 'mount.cgi refuses an action other than mount or umount, and the disk stays as it was' },
  'storage.remove.unknown': { chapter: '8.5', expectation: 'remove.cgi of an id not on the card is refused (required either way: nothing else is removed)' },
  'storage.remove.free': { chapter: '8.5', expectation: 'removing a recording raises the disk\'s freesize' },
  'storage.format.mounted': { chapter: '8.2', expectation: 'format.cgi refuses a mounted disk (unmount it first) and erases nothing' },
  'storage.format.sizes': { chapter: '8.2', expectation: 'after format the totalsize is unchanged and the freesize is the totalsize less 16 KB of file system' },
  'storage.refusal.form': { chapter: '8', expectation: 'a refused storage request is answered HTTP 400 with a `# Error:` line saying what is wrong (`diskid: unknown disk "<id>"`, `no recording <id> on SD_DISK`, `recordingid: "<id>" is a path, not a recording id`, `SD_DISK is not mounted`, `SD_DISK is already unmounted`, `action: "<a>" is not mount or umount`, `SD_DISK is mounted: unmount it first`)' },
  'storage.roles': { chapter: '8.1', expectation: 'viewers and operators may list (list.cgi answers them 200); mount.cgi, remove.cgi and format.cgi answer them HTTP 403 and change nothing' },
  'storage.no-card': { chapter: '8', expectation: 'a model without an SD card answers every storage CGI HTTP 404 `# Error: this camera has no SD card` (required either way: it lists no disk and no recording)' },
} satisfies Record<string, HouseRule>;
