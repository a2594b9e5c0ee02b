// The spec's CGIs as test data for bad input: for each, a harmless valid request (the
// fuzz seed), and requests it must refuse — missing, out-of-range and wrongly typed
// parameters, path traversal in file names and recording ids. Written from the spec and
// the family's VAPIX analogs (docs/virtual-camera.md), not from the virtual camera's code, so a physical camera is
// held to the same list. Queries are raw (already encoded) so malformed ones can be sent.
//
// The destructive CGIs (destructive-cgis.ts: reboot, factory defaults, firmware upgrade,
// restore, format, remove) are listed so that the catalogue covers every route, but carry
// no bad requests and no valid one: a bad request to them is safe only while the camera
// refuses it, and a camera that ignores what it does not know would act on it.

export interface CgiRequestSpec {
  method: 'GET' | 'POST';
  /** Raw query string, without `?`. */
  query: string;
  body?: Buffer;
  contentType?: string;
}

export interface BadRequest extends Partial<CgiRequestSpec> {
  /** What is wrong with it, for the report: `missing action`, `compression 101`. */
  what: string;
  query: string;
}

export interface CgiEntry {
  path: string;
  /** The spec section (or `-` for the virtual camera's own pages). */
  section: string;
  method: 'GET' | 'POST';
  /** A valid request that changes nothing (or only what the state guard restores); none for destructive CGIs. */
  valid?: CgiRequestSpec;
  /** The valid answer is an endless stream (read the head, then close). */
  stream?: boolean;
  /** Parameters the CGI takes more than once on purpose (a list), e.g. group=A&group=B. */
  repeatable?: string[];
  bad: BadRequest[];
}

/** 20 ms of G.711 mu-law silence: the smallest meaningful speaker upload. */
const AUDIO_SILENCE = Buffer.alloc(160, 0xff);
const get = (query: string): CgiRequestSpec => ({ method: 'GET', query });
const TRAVERSAL = '..%2F..%2F..%2Fetc%2Fpasswd';
const TRAVERSAL_RAW = '../../../etc/passwd';

const IMAGE_BAD: BadRequest[] = [
  { what: 'compression 101', query: 'compression=101' },
  { what: 'compression -1', query: 'compression=-1' },
  { what: 'compression not a number', query: 'compression=high' },
  { what: 'camera 2 (there is one)', query: 'camera=2' },
  { what: 'camera not a number', query: 'camera=first' },
  { what: 'resolution not offered', query: 'resolution=1x1' },
  { what: 'resolution not WxH', query: 'resolution=large' },
  { what: 'clock neither 0 nor 1', query: 'clock=maybe' },
  { what: 'textstring of 65 characters', query: `textstring=${'x'.repeat(65)}` },
];

const VIDEO_BAD: BadRequest[] = [
  ...IMAGE_BAD,
  { what: 'fps 0', query: 'fps=0' },
  { what: 'fps 31', query: 'fps=31' },
  { what: 'fps not an integer', query: 'fps=1.5' },
  { what: 'duration negative', query: 'duration=-1' },
  { what: 'duration not a number', query: 'duration=soon' },
  { what: 'nbrofframes beyond 1000000', query: 'nbrofframes=1000001' },
];

export const CGI_CATALOG: readonly CgiEntry[] = [
  {
    path: '/config.cgi', section: '1.1', method: 'GET', valid: get('action=list&group=Brand'), repeatable: ['group'],
    bad: [
      { what: 'missing action', query: '' },
      { what: 'unknown action', query: 'action=purge' },
      { what: 'add without group', query: 'action=add&template=motion' },
      { what: 'add without template', query: 'action=add&group=Motion' },
      { what: 'update of an unknown parameter', query: 'action=update&No.Such.Parameter=1' },
      { what: 'update out of range (fps 1000)', query: 'action=update&Image.I0.Stream.FPS=1000' },
      { what: 'update wrongly typed (fps "fast")', query: 'action=update&Image.I0.Stream.FPS=fast' },
      { what: 'update of a yes/no with "maybe"', query: 'action=update&Image.I0.Text.TextEnabled=maybe' },
      { what: 'update of a read-only parameter', query: 'action=update&Brand.ProdNbr=HACKED' },
      { what: 'remove of a group that does not exist', query: 'action=remove&group=Motion.M999' },
      { what: 'list with a value parameter', query: 'action=list&Brand.ProdNbr=x' },
    ],
  },
  {
    path: '/usrgrp.cgi', section: '1.2', method: 'GET', valid: get('action=get'),
    bad: [
      { what: 'missing action', query: '' },
      { what: 'unknown action', query: 'action=promote' },
      { what: 'add without sgrp', query: 'action=add&user=hilbad1&pwd=Bad-pw-1' },
      { what: 'add without pwd', query: 'action=add&user=hilbad1&sgrp=viewer' },
      { what: 'add with an unknown group', query: 'action=add&user=hilbad1&pwd=Bad-pw-1&sgrp=superuser' },
      { what: 'add with a name of 40 characters', query: `action=add&user=${'u'.repeat(40)}&pwd=Bad-pw-1&sgrp=viewer` },
      { what: 'add with a name holding a colon', query: 'action=add&user=hil%3Abad&pwd=Bad-pw-1&sgrp=viewer' },
      { what: 'remove without user', query: 'action=remove' },
      { what: 'remove of a user that does not exist', query: 'action=remove&user=hilnobody' },
      { what: 'get of a traversal name', query: `action=get&user=${TRAVERSAL}` },
    ],
  },
  // Destructive (destructive-cgis.ts): no bad requests, see the header.
  { path: '/factorydefault.cgi', section: '1.3', method: 'GET', bad: [] },
  { path: '/hardfactorydefault.cgi', section: '1.4', method: 'GET', bad: [] },
  { path: '/backup.cgi', section: '1.5', method: 'GET', valid: get(''), bad: [] },
  // Destructive: a bad "backup" is safe only while the camera refuses it.
  { path: '/restore.cgi', section: '1.6', method: 'POST', bad: [] },
  // Destructive: a bad image is safe only while the camera refuses to flash it.
  { path: '/firmwareupgrade.cgi', section: '1.7', method: 'POST', bad: [] },
  { path: '/reboot.cgi', section: '1.8', method: 'GET', bad: [] }, // destructive
  { path: '/systemlog.cgi', section: '1.9', method: 'GET', valid: get(''), bad: [] },
  {
    path: '/time.cgi', section: '1.10', method: 'GET', valid: get('action=get'),
    bad: [
      { what: 'missing action', query: '' },
      { what: 'set with only a year', query: 'action=set&year=2020' },
      { what: 'set month 13', query: 'action=set&year=2020&month=13&day=1&hour=0&minute=0&second=0' },
      { what: 'set February 30', query: 'action=set&year=2021&month=2&day=30&hour=0&minute=0&second=0' },
      { what: 'set hour 24', query: 'action=set&year=2020&month=1&day=1&hour=24&minute=0&second=0' },
      { what: 'set year 1969', query: 'action=set&year=1969&month=1&day=1&hour=0&minute=0&second=0' },
      { what: 'set year as words', query: 'action=set&year=twenty&month=1&day=1&hour=0&minute=0&second=0' },
    ],
  },
  {
    path: '/setosd.cgi', section: '1.11', method: 'GET', valid: get('text=hil-fuzz'),
    bad: [
      { what: 'nothing to set', query: '' },
      { what: 'position "middle"', query: 'position=middle' },
      { what: 'enabled "1" (yes or no)', query: 'enabled=1' },
      { what: 'text of 65 characters', query: `text=${'t'.repeat(65)}` },
      { what: 'camera 2', query: 'text=x&camera=2' },
    ],
  },
  {
    path: '/resolution.cgi', section: '2.1', method: 'GET', valid: get('action=get'),
    bad: [
      { what: 'a size not offered', query: 'resolution=99999x99999' },
      { what: 'a size that is not WxH', query: 'resolution=big' },
      { what: 'set without resolution', query: 'action=set' },
      { what: 'unknown action', query: 'action=shrink' },
      { what: 'camera 2', query: 'action=get&camera=2' },
    ],
  },
  {
    path: '/videostatus.cgi', section: '2.2', method: 'GET', valid: get('status=1'),
    bad: [
      { what: 'missing status', query: '' },
      { what: 'status 0', query: 'status=0' },
      { what: 'status of a camera that does not exist', query: 'status=2' },
      { what: 'status as a word', query: 'status=one' },
    ],
  },
  { path: '/image.jpg', section: '2.3.1', method: 'GET', valid: get(''), bad: [] },
  { path: '/image.cgi', section: '2.3.2', method: 'GET', valid: get('resolution=320x240'), bad: IMAGE_BAD },
  { path: '/video.mjpg', section: '2.3.4', method: 'GET', valid: get(''), stream: true, bad: [] },
  { path: '/video.cgi', section: '2.3.5', method: 'GET', valid: get('resolution=320x240&fps=5&nbrofframes=1'), stream: true, bad: VIDEO_BAD },
  {
    path: '/ptz.cgi', section: '3.1', method: 'GET', valid: get('query=position'),
    bad: [
      { what: 'no command', query: '' },
      { what: 'pan 181', query: 'pan=181' },
      { what: 'pan as a word', query: 'pan=left' },
      { what: 'zoom 0', query: 'zoom=0' },
      { what: 'speed 101', query: 'speed=101' },
      { what: 'move "sideways"', query: 'move=sideways' },
      { what: 'query "everything"', query: 'query=everything' },
      { what: 'continuouspantiltmove 101,0', query: 'continuouspantiltmove=101,0' },
      { what: 'continuouspantiltmove with one value', query: 'continuouspantiltmove=10' },
      { what: 'preset number as a word', query: 'gotoserverpresetno=abc' },
      { what: 'a preset that does not exist', query: `gotoserverpresetname=${TRAVERSAL}` },
      { what: 'pan and rpan together', query: 'pan=1&rpan=1' },
    ],
  },
  {
    path: '/configptz.cgi', section: '3.2', method: 'GET', valid: get('setserverpresetname=hilfuzz'),
    bad: [
      { what: 'no command', query: '' },
      { what: 'preset number 0', query: 'setserverpresetno=0' },
      { what: 'preset number as a word', query: 'setserverpresetno=x' },
      { what: 'home "maybe"', query: 'home=maybe' },
      { what: 'removing a preset that does not exist', query: `removeserverpresetname=${TRAVERSAL}` },
    ],
  },
  {
    path: '/motion.cgi', section: '4.5', method: 'GET', valid: get('duration=1'), stream: true, repeatable: ['group'],
    bad: [
      { what: 'duration 0', query: 'duration=0' },
      { what: 'duration as a word', query: 'duration=x' },
      { what: 'a window that does not exist', query: 'group=M9999' },
      { what: 'group as a word', query: 'group=all' },
    ],
  },
  {
    path: '/port.cgi', section: '5.1', method: 'GET',
    bad: [
      { what: 'missing action', query: '' },
      { what: 'a port that does not exist', query: 'action=99%3A%2F' },
      { what: 'a port as a word', query: 'action=one%3A%2F' },
      { what: 'an action that is not / or \\', query: 'action=1%3A%3F' },
    ],
  },
  {
    path: '/input.cgi', section: '5.2', method: 'GET', valid: get('check=1'), repeatable: ['check', 'monitor'],
    bad: [
      { what: 'neither check nor monitor', query: '' },
      { what: 'check of a port that does not exist', query: 'check=99' },
      { what: 'check as a word', query: 'check=x' },
      { what: 'check and monitor together', query: 'check=1&monitor=1' },
    ],
  },
  {
    path: '/output.cgi', section: '5.3', method: 'GET', valid: get('action=1%3A%5C'),
    bad: [
      { what: 'missing action', query: '' },
      { what: 'an output that does not exist', query: 'action=99%3A%2F' },
      { what: 'an output as a word', query: 'action=one%3A%2F' },
      { what: 'a pulse with a negative length', query: 'action=1%3A%2F-300%5C' },
    ],
  },
  {
    path: '/ipfilter.cgi', section: '6.1', method: 'GET', valid: get('action=list'),
    bad: [
      { what: 'missing action', query: '' },
      { what: 'add without ip', query: 'action=add' },
      { what: 'add of 300.1.2.3', query: 'action=add&ip=300.1.2.3' },
      { what: 'add of a /40 network', query: 'action=add&ip=10.0.0.0%2F40' },
      { what: 'add of a host name', query: 'action=add&ip=camera.example' },
      { what: 'update with enabled "maybe"', query: 'action=update&enabled=maybe' },
      { what: 'unknown action', query: 'action=purge' },
    ],
  },
  {
    path: '/fromserver.cgi', section: '7.2', method: 'GET', valid: get('duration=1'), stream: true,
    bad: [
      { what: 'duration negative', query: 'duration=-1' },
      { what: 'duration beyond a day', query: 'duration=86401' },
      { what: 'httptype "rtp"', query: 'httptype=rtp' },
      { what: 'an audio format not offered', query: 'format=audio%2Fmpeg' },
    ],
  },
  {
    path: '/toSERVER.cgi', section: '7.5', method: 'POST', valid: { method: 'POST', query: '', body: AUDIO_SILENCE, contentType: 'audio/basic' },
    bad: [
      { what: 'a body of the wrong type', query: '', body: Buffer.from('not audio'), contentType: 'text/plain' },
      { what: 'an empty body', query: '', body: Buffer.alloc(0), contentType: 'audio/basic' },
      { what: 'a parameter (the spec: none are valid)', query: 'volume=100', body: AUDIO_SILENCE, contentType: 'audio/basic' },
    ],
  },
  {
    path: '/mount.cgi', section: '8.1', method: 'GET',
    bad: [
      { what: 'missing action', query: 'diskid=SD_DISK' },
      { what: 'missing diskid', query: 'action=mount' },
      { what: 'action "eject"', query: 'diskid=SD_DISK&action=eject' },
      { what: 'a disk that does not exist', query: 'diskid=SD_DISK2&action=mount' },
      { what: 'a traversal disk id', query: `diskid=${TRAVERSAL}&action=mount` },
    ],
  },
  // Destructive: a camera that ignores a wrong diskid formats its card.
  { path: '/format.cgi', section: '8.2', method: 'GET', bad: [] },
  {
    path: '/list.cgi', section: '8.3', method: 'GET', valid: get('diskid=SD_DISK'),
    bad: [
      { what: 'neither diskid nor recordingid', query: '' },
      { what: 'a disk that does not exist', query: 'diskid=SD_DISK2' },
      { what: 'a traversal recording id', query: `recordingid=${TRAVERSAL}` },
      { what: 'a raw traversal recording id', query: `recordingid=${TRAVERSAL_RAW}` },
      { what: 'an absolute path as recording id', query: 'recordingid=%2Fetc%2Fpasswd' },
      { what: 'a traversal disk id', query: `diskid=${TRAVERSAL}` },
    ],
  },
  // Destructive: a camera that ignores a wrong recordingid may remove every recording.
  { path: '/remove.cgi', section: '8.5', method: 'GET', bad: [] },
  // The virtual camera's pages outside the spec (listed by its route table).
  { path: '/', section: '-', method: 'GET', valid: get(''), bad: [] },
  { path: '/_hil/audio/played', section: '-', method: 'GET', valid: get(''), bad: [] },
];

export function catalogEntry(path: string): CgiEntry | undefined {
  return CGI_CATALOG.find((c) => c.path === path);
}

/** What a physical camera is assumed to list: the spec's CGIs (no virtual-only pages). */
export const SPEC_CGIS: readonly string[] = CGI_CATALOG.filter((c) => c.section !== '-').map((c) => c.path);
