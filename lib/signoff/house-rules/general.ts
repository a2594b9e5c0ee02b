// House expectations of the general suites (tests/general/): see index.ts. Chapter 1 of the
// spec gives syntax and a few answers (list format §1.1.2, `<entry> OK` and `OK` §1.1.6,
// backup's headers §1.5, the time line §1.10.1, `OK` for a time set §1.10.2); everything
// else the virtual camera does there is one of these.
import type { HouseRule } from './types.ts';

export const GENERAL_RULES = {
  'general.status.still': { chapter: '1.1.2', expectation: 'no value the parameter list shows changes on its own while nothing is done (a camera may list status values such as an uptime beside its configuration: they are reported, never compared as configuration)' },
  'general.content-type': { chapter: '1', expectation: 'the text answers config.cgi list, time.cgi get and systemlog.cgi carry `Content-Type: text/plain` (the spec\'s examples show that header; the body, not its label, is what the harness requires)' },
  'general.config.update.ok': { chapter: '1.1.3', expectation: 'a successful config.cgi update answers `OK` (the spec shows no answer)' },
  'general.config.refusal': { chapter: '1.1.3', expectation: 'an update naming a parameter the camera does not have is refused with HTTP 400 and a `# Error: <reason>` line, and nothing of it is applied' },
  'general.users.ok': { chapter: '1.2', expectation: 'a successful usrgrp.cgi add, update or remove answers `OK` (the spec shows no answer)' },
  'general.users.refusal': { chapter: '1.2', expectation: 'a usrgrp.cgi request it cannot carry out (unknown user, group or action, a name over 14 characters, no password, a user that exists) is refused with HTTP 400 and a `# Error: <reason>` line, and changes nothing' },
  'general.users.root': { chapter: '1.2', expectation: 'the administrator root cannot be removed (HTTP 400, `# Error: root cannot be removed`)' },
  'general.users.forbidden.status': { chapter: '1.2', expectation: 'a logged-in user whose group may not call a CGI is answered HTTP 403 (not 401)' },
  'general.users.get.one': { chapter: '1.2', expectation: '`usrgrp.cgi?action=get&user=<name>` lists that user alone, as `<name>=<groups>`' },
  'general.users.no-password': { chapter: '1.2', expectation: 'usrgrp.cgi?action=get never shows a password' },
  'general.factorydefault.ok': { chapter: '1.3', expectation: 'factorydefault.cgi and hardfactorydefault.cgi answer `OK` (the spec shows no answer)' },
  'general.factorydefault.restart': { chapter: '1.3', expectation: 'after answering, factorydefault.cgi and hardfactorydefault.cgi restart the camera' },
  'general.factorydefault.users': { chapter: '1.3', expectation: 'factory default keeps the users (users are not parameters)' },
  'general.hardfactorydefault.users': { chapter: '1.4', expectation: 'hard factory default leaves root as the only user' },
  'general.backup.users': { chapter: '1.5', expectation: 'backup.bin holds the users: a restore brings the user list back as it was' },
  'general.restore.ok': { chapter: '1.6', expectation: 'a successful restore.cgi answers `OK` (the spec shows no answer)' },
  'general.restore.raw': { chapter: '1.6', expectation: 'restore.cgi also takes the backup as a raw `application/octet-stream` body (besides the multipart form field `file`)' },
  'general.restore.refusal': { chapter: '1.6', expectation: 'a damaged, truncated, foreign-model, other-unit or non-backup file is refused with HTTP 400 and a `# Error: <reason>` line' },
  'general.firmware.ok': { chapter: '1.7', expectation: 'firmwareupgrade.cgi answers `OK` to a good image, then restarts into it' },
  'general.firmware.refusal': { chapter: '1.7', expectation: 'a bad image (wrong checksum, truncated, malformed version, another model\'s, not an image) is refused with HTTP 400 and a `# Error: <reason>` line' },
  'general.firmware.refusal.no-restart': { chapter: '1.7', expectation: 'after refusing an image the camera does not restart: its system log gains no reboot, boot or upgrade line' },
  'general.reboot.ok': { chapter: '1.8', expectation: 'reboot.cgi answers `OK` before it restarts (the spec shows no answer)' },
  'general.systemlog.events': { chapter: '1.9', expectation: 'the system log gains a line for each configuration change (naming the parameter), user added and removed (naming the user), time set, and failed login' },
  'general.systemlog.reboot': { chapter: '1.9', expectation: 'after a reboot the system log has a line naming the reboot, then a `boot: <model> firmware <version>` line' },
  'general.systemlog.no-password': { chapter: '1.9', expectation: 'the system log never shows a password (neither a user\'s nor a wrong one tried at login)' },
  'general.time.format': { chapter: '1.10.1', expectation: 'the month is its 3-letter English abbreviation and day, hour, minute and second have two digits (`Oct 03, 2008 15:16:04`, as docs/virtual-camera.md shows)' },
  'general.time.set.all-fields': { chapter: '1.10.2', expectation: 'a set must name all of year, month, day, hour, minute and second: one without `second` is refused (HTTP 400, `# Error: action=set needs second`)' },
  'general.time.refusal': { chapter: '1.10.2', expectation: 'a date or time that does not exist (Feb 30, hour 24) is refused with HTTP 400 and a `# Error: <reason>` line' },
} satisfies Record<string, HouseRule>;
